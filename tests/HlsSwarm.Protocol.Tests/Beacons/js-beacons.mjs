// Differential oracle for BeaconReader: builds beacons the way the web player does (a JS object, JSON.stringify,
// UTF-8 on the wire) with hostile strings and extreme integers, and prints one JSON line per beacon:
//   { body: <JSON.stringify(beacon)>, units: { field: [UTF-16 code units] }, numbers: { field: "decimal" } }
// so the C# side compares what it read with what JavaScript meant, code unit by code unit.
// Usage: node js-beacons.mjs <count> <seed>
const count = Number(process.argv[2] ?? 200);
let seed = Number(process.argv[3] ?? 1) >>> 0;
const rand = () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };
const pick = (a) => a[Math.floor(rand() * a.length)];
const int = (max) => Math.floor(rand() * (max + 1));

const pools = [
  () => String.fromCharCode(0x20 + int(0x5e)),                       // printable ASCII
  () => String.fromCharCode(int(0x1f)),                              // controls: \u00XX escapes, \n \t
  () => pick(['<', '>', '&', "'", '"', '\\', '/', '<script>', '</b>']),
  () => pick(['\u2028', '\u2029', '\u007f', '\u0080', '\ufeff', '\ufffd', 'é', 'ß']),
  () => String.fromCharCode(0x4e00 + int(0x4fff)),                   // CJK
  () => String.fromCodePoint(0x1f600 + int(0x4f)),                   // astral: a surrogate pair
];
function text(max, min = 0) {
  const n = min + int(Math.max(0, max - min));
  let s = '';
  while (s.length < n) {
    const piece = pick(pools)();
    if (s.length + piece.length > max) break;
    s += piece;
  }
  while (s.length < min) s += 'a';
  return s;
}
const idChars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const sessionId = () => Array.from({ length: 8 + int(56) }, () => pick(idChars)).join('');
const counter = () => pick([0, 1, int(1000), int(2 ** 31), 2 ** 53 - int(10), 2 ** 53, Number.MAX_SAFE_INTEGER]);

function shuffle(o) { // JSON.stringify keeps insertion order: vary it
  const keys = Object.keys(o);
  for (let i = keys.length - 1; i > 0; i--) { const j = int(i); [keys[i], keys[j]] = [keys[j], keys[i]]; }
  const r = {};
  for (const k of keys) r[k] = o[k];
  return r;
}

for (let i = 0; i < count; i++) {
  const failures = {};
  for (let k = int(16); k > 0; k--) failures[text(64, 1)] = counter();
  const beacon = shuffle({
    v: 1,
    sessionId: sessionId(),
    seq: counter(),
    client: shuffle({ kind: pick(['web', 'engine']), version: text(32) }),
    stream: text(2048, 1),
    rendition: text(128),
    peerId: rand() < 0.3 ? null : text(64, 1),
    p2p: shuffle({ enabled: rand() < 0.5, group: pick(['p2p', 'control']) }),
    bytes: shuffle({ http: counter(), p2p: counter(), uploaded: counter() }),
    peers: shuffle({ connected: int(10000), attempts: counter(), failures }),
    transfers: Array.from({ length: int(64) }, () => shuffle({ peerId: text(64, 1), down: counter(), up: counter() })),
    startupMs: rand() < 0.3 ? null : counter(),
    stalls: shuffle({ count: counter(), ms: counter() }),
    playingMs: counter(),
    liveLatencyMs: rand() < 0.5 ? null : counter(),
    errors: Array.from({ length: int(10) }, () => shuffle({ kind: text(64, 1), message: text(512) })),
    metered: rand() < 0.5,
  });
  const body = JSON.stringify(beacon);
  if (Buffer.byteLength(body, 'utf8') > 16 * 1024) { i--; continue; } // the player keeps beacons small
  const units = (s) => Array.from({ length: s.length }, (_, j) => s.charCodeAt(j));
  const out = {
    body,
    units: {
      sessionId: units(beacon.sessionId), stream: units(beacon.stream), rendition: units(beacon.rendition),
      clientVersion: units(beacon.client.version), peerId: beacon.peerId === null ? null : units(beacon.peerId),
      failureReasons: Object.keys(failures).map(units),
      transferPeers: beacon.transfers.map((t) => units(t.peerId)),
      errorMessages: beacon.errors.map((e) => units(e.message)),
    },
    numbers: {
      seq: String(beacon.seq), http: String(beacon.bytes.http), uploaded: String(beacon.bytes.uploaded),
      playingMs: String(beacon.playingMs), startupMs: beacon.startupMs === null ? null : String(beacon.startupMs),
      transferDownSum: String(beacon.transfers.reduce((a, t) => a + BigInt(t.down), 0n)),
    },
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}
// A lone surrogate (a message cut in the middle of an emoji) is escaped by JSON.stringify as \ud83d (ES2019):
// valid JSON, but not text; the reader refuses it, so the player must cut strings on code-point boundaries.
process.stdout.write(JSON.stringify({ lone: JSON.stringify({ v: 1, rendition: '😀'.slice(0, 1) }) }) + '\n');
