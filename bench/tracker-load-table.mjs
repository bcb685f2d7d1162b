// Prints the comparison table of a tracker-load.sh run: node bench/tracker-load-table.mjs bench/results/<stamp>
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
if (!dir) { console.error('usage: tracker-load-table.mjs RESULTS_DIR'); process.exit(2) }
const runs = readdirSync(dir).filter(f => f.endsWith('.json')).map(f => {
  const [, point, kind] = f.match(/^(.*?)-(reference|hlsswarm|hlsswarm-redis|hlsswarm-redis-2n)\.json$/) ?? []
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
// Issue 6: the cluster setups next to the single node without Redis, at the same load points.
const clusterKinds = ['hlsswarm', 'hlsswarm-redis', 'hlsswarm-redis-2n']
if (runs.some(x => x.kind.startsWith('hlsswarm-redis'))) {
  const names = { 'hlsswarm': '1 node', 'hlsswarm-redis': '1 node + Redis', 'hlsswarm-redis-2n': '2 nodes + Redis' }
  console.log('\nTracker cluster (issue 6): trackers and redis-server share core 1\n')
  const c = []
  c.push('| load point | setup | responses/s | offer p50 / p99 ms | answer p50 / p99 ms | Δ offer p50 vs 1 node ms | tracker µs CPU per message | tracker µs CPU per announce | Redis round trips per announce | Redis commands per announce (script calls, publishes) | Redis µs CPU per announce | errors |')
  c.push('|---|---|---|---|---|---|---|---|---|---|---|---|')
  for (const p of points.filter(p => !p.startsWith('idle'))) {
    const base = runs.find(x => x.point === p && x.kind === 'hlsswarm')?.r
    for (const kind of clusterKinds) {
      const r = runs.find(x => x.point === p && x.kind === kind)?.r
      if (!r) continue
      const t = r.tracker ?? {}
      const rd = r.redis
      const delta = base && kind !== 'hlsswarm' ? f(r.offer_latency_ms.p50 - base.offer_latency_ms.p50, 2) : '–'
      c.push(`| ${p} | ${names[kind]} | ${k(r.rates.responses_per_s)} | ${f(r.offer_latency_ms.p50, 2)} / ${f(r.offer_latency_ms.p99, 1)} | ${f(r.answer_latency_ms.p50, 2)} / ${f(r.answer_latency_ms.p99, 1)} | ${delta} | ${f(t.cpu_micros_per_message, 1)} | ${f(t.cpu_micros_per_announce, 0)} | ${rd ? f(rd.round_trips_per_announce, 2) : '–'} | ${rd ? `${f(rd.commands_per_announce, 1)} (${f(rd.script_calls_per_announce, 2)}, ${f(rd.publishes_per_announce, 2)})` : '–'} | ${rd ? f(rd.cpu_micros_per_announce, 0) : '–'} | ${errs(r.errors)} |`)
    }
  }
  console.log(c.join('\n'))
}
const samples = runs.flatMap(x => Object.entries(x.r.error_samples ?? {}).map(([s, n]) => `- ${x.point} ${x.kind}: ${n} × ${s}`))
if (samples.length) console.log('\nError samples:\n' + samples.join('\n'))
