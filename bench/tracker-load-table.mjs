// Prints the comparison table of a tracker-load.sh run: node bench/tracker-load-table.mjs bench/results/<stamp>
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
if (!dir) { console.error('usage: tracker-load-table.mjs RESULTS_DIR'); process.exit(2) }
const runs = readdirSync(dir).filter(f => f.endsWith('.json')).map(f => {
  const [, point, kind] = f.match(/^(.*)-(reference|hlsswarm)\.json$/) ?? []
  return point ? { point, kind, r: JSON.parse(readFileSync(join(dir, f), 'utf8')) } : null
}).filter(Boolean)

const f = (x, d = 0) => (x === null || x === undefined || Number.isNaN(x)) ? '–' : Number(x).toFixed(d)
const k = x => (x === null || x === undefined || Number.isNaN(x)) ? '–' : (x >= 10000 ? `${(x / 1000).toFixed(1)}k` : x.toFixed(0))
const errs = e => {
  const list = [
    ['fail', e.failure_replies], ['malformed', e.malformed], ['wrong-ih', e.wrong_info_hash], ['self', e.self_offers],
    ['misrouted', e.misrouted_answers], ['bad-sdp', e.bad_timestamps], ['closes', e.unexpected_closes],
    ['connect', e.connect_failures], ['send', e.send_errors]
  ].filter(([, n]) => n > 0)
  return list.length ? list.map(([n, v]) => `${v} ${n}`).join(', ') : '0'
}
const order = p => {
  if (p.startsWith('idle')) return [2e9, 0]
  const m = p.match(/(\d+)c-(\d+)s$/); return m ? [+m[1], -m[2]] : [1e9, 0]
}
const points = [...new Set(runs.map(x => x.point))].sort((a, b) => {
  const [ca, ta] = order(a); const [cb, tb] = order(b); return ca - cb || ta - tb
})

const out = []
out.push('| load point | tracker | offered ann/s | responses/s | replies/s | offers/s | answers/s | tracker CPU (1 core) | responses per CPU-s | ours/ref per CPU-s | offer p50 / p99 ms | answer p50 / p99 ms | errors | RSS/conn KiB | gen CPU | core0 / core1 busy |')
out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
for (const p of points) {
  const ref = runs.find(x => x.point === p && x.kind === 'reference')?.r
  for (const kind of ['reference', 'hlsswarm']) {
    const r = runs.find(x => x.point === p && x.kind === kind)?.r
    if (!r) continue
    const t = r.tracker ?? {}
    const cores = (r.cores ?? []).map(c => f(c.busy_share * 100)).join(' / ')
    if (r.mode === 'idle') {
      out.push(`| ${p} (idle) | ${kind} | – | – | – | – | – | – | – | – | – | – | ${errs(r.errors)} | ${f(t.rss_per_connection_ki_b, 2)} (marginal ${f(t.rss_per_connection_marginal_ki_b, 2)}; ${r.connected}/${r.connections} open) | ${f(r.generator_cpu_share * 100)} % | – |`)
      continue
    }
    const ratio = kind === 'hlsswarm' && ref?.tracker ? `**${f(t.responses_per_cpu_second / ref.tracker.responses_per_cpu_second, 2)}×**` : ''
    out.push(`| ${p} | ${kind} | ${f(r.offered_announces_per_s)} | ${k(r.rates.responses_per_s)} | ${k(r.rates.announce_replies_per_s)} | ${k(r.rates.offer_relays_per_s)} | ${k(r.rates.answer_relays_per_s)} | ${f(t.cpu_share * 100)} % | ${k(t.responses_per_cpu_second)} | ${ratio} | ${f(r.offer_latency_ms.p50, 1)} / ${f(r.offer_latency_ms.p99, 1)} | ${f(r.answer_latency_ms.p50, 1)} / ${f(r.answer_latency_ms.p99, 1)} | ${errs(r.errors)} | ${f(t.rss_per_connection_ki_b, 1)} | ${f(r.generator_cpu_share * 100)} % | ${cores} % |`)
  }
}
console.log(out.join('\n'))
const samples = runs.flatMap(x => Object.entries(x.r.error_samples ?? {}).map(([s, n]) => `- ${x.point} ${x.kind}: ${n} × ${s}`))
if (samples.length) console.log('\nError samples:\n' + samples.join('\n'))
