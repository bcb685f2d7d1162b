// Quick P2P smoke run: N headless Chromium contexts play one stream of a running `hlsswarm serve` and print
// their window.hlsswarmPlayer.stats(), the swarm's P2P ratio and the origin's /demo/stats. Not a benchmark.
//   node p2p-smoke.mjs <server base url> <vod|live|m3u8 path> <peers> <seconds> [reference|hlsswarm]
// "reference" starts the reference bittorrent-tracker 11.2.3 (a dependency of p2p-media-loader-core) on
// 127.0.0.1:8000 in this process; "hlsswarm" uses the server's own tracker. Run it inside a network namespace
// with a non-loopback interface (see p2p-smoke.sh): Chromium gathers no ICE candidates on loopback only.
import { chromium } from "playwright-core";

const [base, what = "vod", peersArg = "3", secondsArg = "45", trackerKind = "reference"] = process.argv.slice(2);
if (!base) {
  console.error("usage: node p2p-smoke.mjs <server base url> <vod|live|path> <peers> <seconds> [reference|hlsswarm]");
  process.exit(2);
}
const src = what === "vod" ? "/demo/vod/master.m3u8" : what === "live" ? "/demo/live/master.m3u8" : what;
const peers = Number(peersArg);
const seconds = Number(secondsArg);

let trackerUrl = base.replace(/^http/, "ws") + "/announce";
let trackerServer;
if (trackerKind === "reference") {
  const { default: Server } = await import("bittorrent-tracker/server");
  trackerServer = new Server({ udp: false, http: false, ws: true, stats: false });
  await new Promise((resolve) => trackerServer.listen(8000, "127.0.0.1", resolve));
  trackerUrl = "ws://127.0.0.1:8000";
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required", "--mute-audio",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const pages = [];
const url = `${base}/?muted=1&autoplay=1&tracker=${encodeURIComponent(trackerUrl)}&src=${encodeURIComponent(src)}`;
for (let i = 0; i < peers; i++) {
  const page = await (await browser.newContext()).newPage();
  page.on("pageerror", (e) => console.error(`[peer ${i}] page error: ${e.message}`));
  await page.goto(url);
  // Trace for diagnosis: fragments hls.js buffered, segments the core loaded, and every 'waiting' with the
  // buffered ranges at that moment. A sequence number missing from `buffered` is a hole hls.js jumped.
  await page.evaluate(() => {
    const trace = (window.__smokeTrace = { buffered: [], loaded: [], waiting: [] });
    const { hls } = window.hlsswarmPlayer;
    const video = document.querySelector("video");
    hls.on("hlsFragBuffered", (_e, d) => trace.buffered.push(d.frag.sn));
    hls.p2pEngine.addEventListener("onSegmentLoaded", (d) =>
      trace.loaded.push({ segment: d.segmentUrl.split("/").pop(), source: d.downloadSource }));
    video.addEventListener("waiting", () => {
      const ranges = [];
      for (let i = 0; i < video.buffered.length; i++) ranges.push([video.buffered.start(i), video.buffered.end(i)]);
      trace.waiting.push({ currentTime: video.currentTime, buffered: ranges });
    });
  });
  pages.push(page);
  await page.waitForTimeout(1500);
}
await pages[0].waitForTimeout(seconds * 1000);

const stats = [];
for (const page of pages) {
  stats.push(await page.evaluate(() => {
    const t = window.__smokeTrace;
    const sns = t.buffered.filter((x) => typeof x === "number");
    const missing = [];
    for (let sn = Math.min(...sns); sn < Math.max(...sns); sn++) if (!sns.includes(sn)) missing.push(sn);
    return {
      ...window.hlsswarmPlayer.stats(),
      latency: window.hlsswarmPlayer.hls.latency,
      trace: { missingFragments: missing, waiting: t.waiting, loaded: t.loaded },
    };
  }));
}
const p2p = stats.reduce((a, s) => a + s.p2pDownloadedBytes, 0);
const http = stats.reduce((a, s) => a + s.httpDownloadedBytes, 0);
const origin = await (await fetch(`${base}/demo/stats`)).json();
console.log(JSON.stringify({
  stream: src, peers, seconds, tracker: trackerKind,
  swarm: { p2pRatio: p2p + http === 0 ? 0 : p2p / (p2p + http), p2pBytes: p2p, httpBytes: http,
    stalls: stats.reduce((a, s) => a + s.stalls, 0) },
  peerStats: stats,
  origin,
}, null, 2));
await browser.close();
if (trackerServer) trackerServer.close();
