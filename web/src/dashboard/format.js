// Readable numbers: bytes in B/KB/MB/GB (SI, like network dashboards), shares in %, durations in ms/s.

export function bytes(n) {
  if (n === null || n === undefined || !Number.isFinite(Number(n))) return "–";
  const v = Number(n);
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  let x = Math.abs(v);
  while (x >= 1000 && i < units.length - 1) { x /= 1000; i += 1; }
  const digits = i === 0 ? 0 : x < 10 ? 2 : x < 100 ? 1 : 0;
  return `${(Math.sign(v) * x).toFixed(digits)} ${units[i]}`;
}

export function percent(ratio) {
  if (ratio === null || ratio === undefined || !Number.isFinite(Number(ratio))) return "–";
  const p = Number(ratio) * 100;
  return `${p >= 10 || p === 0 ? p.toFixed(0) : p.toFixed(1)} %`;
}

export function ms(n) {
  if (n === null || n === undefined || !Number.isFinite(Number(n))) return "–";
  const v = Number(n);
  return v >= 10000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
}

export function count(n) {
  if (n === null || n === undefined || !Number.isFinite(Number(n))) return "–";
  return Number(n).toLocaleString("en-US");
}

export function time(iso) {
  if (!iso) return "–";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleTimeString();
}

/** Seconds since `iso`, as "4 s ago". */
export function ago(iso, now = Date.now()) {
  const d = new Date(iso).getTime();
  if (Number.isNaN(d)) return "–";
  const s = Math.max(0, Math.round((now - d) / 1000));
  return s < 120 ? `${s} s ago` : `${Math.round(s / 60)} min ago`;
}

/** A short form of a long id for table cells (the full id goes in the title). */
export function shortId(id, n = 8) {
  if (id === null || id === undefined) return "–";
  const s = String(id);
  return s.length <= n ? s : `${s.slice(0, n)}…`;
}

/** The path of a stream URL, for compact labels. */
export function streamLabel(url) {
  try {
    const u = new URL(url);
    return u.pathname + (u.search || "");
  } catch {
    return String(url);
  }
}
