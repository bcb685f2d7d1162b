// Prints the markdown table of a protocol-bench.sh run: node bench/protocol-bench-table.mjs RESULTS_DIR
// Reads RESULTS_DIR/bdn/results/*-report-full-compressed.json (BenchmarkDotNet), RESULTS_DIR/hlsjs.json
// (bench/hlsjs-parse.mjs) and RESULTS_DIR/playlists/bench-meta.json (HlsSwarm.Bench prepare).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
if (!dir) { console.error('usage: protocol-bench-table.mjs RESULTS_DIR'); process.exit(2) }
const bdnDir = join(dir, 'bdn', 'results')
const ours = new Map()
for (const f of readdirSync(bdnDir).filter(f => f.endsWith('-report-full-compressed.json'))) {
  for (const b of JSON.parse(readFileSync(join(bdnDir, f), 'utf8')).Benchmarks) {
    if (b.Statistics) ours.set(`${b.Type}.${b.Method}`, { mean: b.Statistics.Mean, median: b.Statistics.Median, alloc: b.Memory?.BytesAllocatedPerOperation })
  }
}
const hls = JSON.parse(readFileSync(join(dir, 'hlsjs.json'), 'utf8'))
const meta = JSON.parse(readFileSync(join(dir, 'playlists', 'bench-meta.json'), 'utf8'))

const ns = x => x === undefined ? '–' : x >= 1e6 ? `${(x / 1e6).toFixed(2)} ms` : x >= 1e3 ? `${(x / 1e3).toFixed(2)} µs` : `${x.toFixed(1)} ns`
const bytes = x => x === undefined || x === null ? '–' : x >= 1024 ? `${(x / 1024).toFixed(1)} KiB` : `${x} B`
const get = name => ours.get(name) ?? {}
const out = []
// BenchmarkDotNet's mean drops upper outliers; the hls.js mean keeps every batch (GC pauses included): the median
// ratio is the like-for-like one, the mean ratio shows the cost of hls.js's garbage.

out.push(`### Media playlist parsing (same files; HlsSwarm: BenchmarkDotNet, hls.js ${hls.hlsjs} on Node ${hls.node}: ${hls.warmupMs} ms warm-up, ${hls.runMs} ms timed)`, '')
out.push('| Playlist | HlsSwarm mean | HlsSwarm median | HlsSwarm alloc/op | hls.js mean | hls.js median | hls.js ops/s | hls.js ÷ HlsSwarm (means) | (medians) |')
out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
for (const [label, method, file, segments] of [
  [`VOD, ${meta.vodSegments} segments (${(meta.vodBytes / 1024).toFixed(0)} KiB)`, 'ParseVod10000', 'vod-10000.m3u8', meta.vodSegments],
  [`live refresh, ${meta.liveSegments} segments (${meta.liveBytes} B)`, 'ParseLive6', 'live-6.m3u8', meta.liveSegments],
]) {
  const o = get(`PlaylistParseBenchmarks.${method}`)
  const h = hls.results.find(r => r.file === file) ?? {}
  if (h.fragments !== segments) throw new Error(`${file}: hls.js parsed ${h.fragments} fragments, expected ${segments}`)
  const ratio = (a, b) => a && b ? `${(a / b).toFixed(2)}×` : '–'
  out.push(`| ${label} | ${ns(o.mean)} | ${ns(o.median)} | ${bytes(o.alloc)} | ${ns(h.meanNs)} | ${ns(h.medianNs)} | ${h.opsPerSec ? h.opsPerSec.toFixed(0) : '–'} | ${ratio(h.meanNs, o.mean)} | ${ratio(h.medianNs, o.median)} |`)
}

out.push('', '### Peer commands (one command per operation: encode = body + frame at M = 65 535; decode = CommandJoiner + TryRead)', '')
out.push('| Command | Encode | Encode alloc/op | Decode | Decode alloc/op |')
out.push('|---|---:|---:|---:|---:|')
for (const [label, name] of [
  ['SegmentsAnnouncement, live (20 + 2 ids)', 'SegmentsAnnouncementLive'],
  ['SegmentsAnnouncement, VOD (300 ids)', 'SegmentsAnnouncementVod'],
  ['SegmentRequest (with b)', 'SegmentRequest'],
  ['SegmentData', 'SegmentData'],
  ['SegmentDataSendingCompleted', 'SegmentDataSendingCompleted'],
  ['SegmentAbsent', 'SegmentAbsent'],
  ['CancelSegmentRequest', 'CancelSegmentRequest'],
]) {
  const e = get(`CommandCodecBenchmarks.Encode${name}`)
  const d = get(`CommandCodecBenchmarks.Decode${name}`)
  out.push(`| ${label} | ${ns(e.mean)} | ${bytes(e.alloc)} | ${ns(d.mean)} | ${bytes(d.alloc)} |`)
}

const perOp = meta.joinerBytesPerOperation
out.push('', `### CommandJoiner: one 2 MiB segment received as 64 KiB messages (${perOp.toLocaleString('en-US')} bytes per operation; GB/s = bytes ÷ mean ns)`, '')
out.push('| Benchmark | Mean per segment | GB/s | Alloc/op |')
out.push('|---|---:|---:|---:|')
for (const [label, method] of [
  ['Classify (joiner + command decoding; data only classified)', 'Classify'],
  ['ClassifyAndAssemble (+ copy each data message into the segment)', 'ClassifyAndAssemble'],
]) {
  const o = get(`CommandJoinerBenchmarks.${method}`)
  out.push(`| ${label} | ${ns(o.mean)} | ${o.mean ? (perOp / o.mean).toFixed(2) : '–'} | ${bytes(o.alloc)} |`)
}
console.log(out.join('\n'))
