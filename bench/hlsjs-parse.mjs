// Times the real hls.js 1.6.19 media playlist parser (M3U8Parser.parseLevelPlaylist from web/node_modules/hls.js/dist/hls.mjs)
// on playlist files, for the comparison with our parser in bench/protocol-bench.sh.
//
//   node bench/hlsjs-parse.mjs [--warmup-ms 3000] [--run-ms 10000] FILE...
//
// Per file: parse once and check there is no parsing error; calibrate a batch of k parses lasting >= 2 ms; warm up
// for --warmup-ms; then time batches for --run-ms (at least 30 batches). Prints JSON: per file mean ns/op (total time
// / total parses), median ns/op (median over batches), ops/s (1e9 / mean), fragments parsed and bytes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// hls.js's browser bundle reads `self` when it loads.
globalThis.self = globalThis;
const modules = process.env.HLSSWARM_NODE_MODULES ?? path.join(path.dirname(new URL(import.meta.url).pathname), "..", "web", "node_modules");
const { M3U8Parser } = await import(pathToFileURL(path.join(modules, "hls.js", "dist", "hls.mjs")).href);
const hlsVersion = JSON.parse(readFileSync(path.join(modules, "hls.js", "package.json"), "utf8")).version;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  args.splice(i, 2);
  return value;
};
const warmupMs = option("--warmup-ms", 3000);
const runMs = option("--run-ms", 10000);
if (args.length === 0) {
  console.error("usage: hlsjs-parse.mjs [--warmup-ms N] [--run-ms N] FILE...");
  process.exit(2);
}

// hls.js resolves segment URIs against the playlist URL lazily; parsing only needs a base URL.
const baseUrl = "https://cdn.example.com/stream/index.m3u8";
const parse = (text) => M3U8Parser.parseLevelPlaylist(text, baseUrl, 0, "main", 0, null);
let sink = 0;

function batch(text, k) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < k; i++) sink += parse(text).fragments.length;
  return Number(process.hrtime.bigint() - start);
}

const results = [];
for (const file of args) {
  const text = readFileSync(file, "utf8");
  const details = parse(text);
  if (details.playlistParsingError) throw new Error(`${file}: ${details.playlistParsingError.message}`);
  let k = 1;
  while (batch(text, k) < 2e6) k *= 2;
  for (const end = Date.now() + warmupMs; Date.now() < end; ) batch(text, k);
  const perOp = [];
  let totalNs = 0;
  let ops = 0;
  for (const end = Date.now() + runMs; Date.now() < end || perOp.length < 30; ) {
    const ns = batch(text, k);
    perOp.push(ns / k);
    totalNs += ns;
    ops += k;
  }
  perOp.sort((a, b) => a - b);
  const mid = perOp.length >> 1;
  const medianNs = perOp.length % 2 ? perOp[mid] : (perOp[mid - 1] + perOp[mid]) / 2;
  const meanNs = totalNs / ops;
  results.push({
    file: path.basename(file),
    bytes: Buffer.byteLength(text),
    fragments: details.fragments.length,
    batchSize: k,
    batches: perOp.length,
    ops,
    meanNs,
    medianNs,
    opsPerSec: 1e9 / meanNs,
  });
}

console.log(JSON.stringify({ node: process.version, hlsjs: hlsVersion, warmupMs, runMs, sink, results }, null, 2));
