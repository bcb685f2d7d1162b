// The HlsSwarm browser viewer: hls.js + p2p-media-loader with live statistics.
//   <script src="https://your-server/dist/hlsswarm.js"></script>
//   const player = HlsSwarm.attach(video, "https://cdn/stream/master.m3u8", { tracker: "wss://your-server/announce" });
//   player.stats(); player.destroy();
import Hls from "hls.js";
import { HlsJsP2PEngine } from "p2p-media-loader-hlsjs";
import { P2P_TUNING } from "./p2p-config.js";
import { ViewerStats } from "./stats.js";

const HlsWithP2P = HlsJsP2PEngine.injectMixin(Hls);

function defaultTracker() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/announce`;
}

function mergeTuning(overrides) {
  const o = overrides || {};
  return {
    live: { ...P2P_TUNING.live, ...(o.live || {}) },
    vod: { ...P2P_TUNING.vod, ...(o.vod || {}) },
    level: o.level ?? P2P_TUNING.level,
    iceServers: o.iceServers ?? P2P_TUNING.iceServers,
  };
}

/**
 * Plays `url` in `video` through hls.js with p2p-media-loader.
 * @param {HTMLVideoElement} video
 * @param {string} url  master or media playlist URL
 * @param {object} [options]
 *   tracker   WebSocket tracker URL, or an array of them (default: ws(s)://<this host>/announce)
 *   live      true/false to force the live or VOD tuning; default: guessed from the URL ("live" in it), then
 *             corrected when the playlist loads (a wrong guess only costs the start-up settings)
 *   tuning    overrides of P2P_TUNING (see p2p-config.js): { live: {...}, vod: {...}, level, iceServers }
 *   autoplay  start playing (default true); muted: mute (default false); swarmId: p2p-media-loader swarm id
 *   hlsConfig extra hls.js config; p2pDisabled: true plays over plain HTTP (for comparison runs)
 *   libraryDefaults  true ignores P2P_TUNING: p2p-media-loader and hls.js run with their own defaults (only the
 *             trackers and ICE servers are set), the reference the P2P benchmark compares the tuning with
 * @returns {{ stats(): object, destroy(): void, hls: object, config: object }}
 */
export function attach(video, url, options = {}) {
  if (!video || typeof video.play !== "function") throw new Error("HlsSwarm.attach: a <video> element is required");
  if (!url) throw new Error("HlsSwarm.attach: a playlist URL is required");

  const tuning = mergeTuning(options.tuning);
  const trackers = [].concat(options.tracker || defaultTracker());
  const guessedLive = options.live ?? /live/i.test(url);
  const t = guessedLive ? tuning.live : tuning.vod;
  const stats = new ViewerStats(() => performance.now());
  stats.isLive = options.live ?? null;

  const plain = !!options.libraryDefaults;
  const core = plain ? { announceTrackers: trackers, rtcConfig: { iceServers: tuning.iceServers } } : {
    announceTrackers: trackers,
    rtcConfig: { iceServers: tuning.iceServers },
    highDemandTimeWindow: t.highDemandTimeWindow,
    httpDownloadTimeWindow: t.httpDownloadTimeWindow,
    p2pDownloadTimeWindow: t.p2pDownloadTimeWindow,
    simultaneousHttpDownloads: t.simultaneousHttpDownloads,
    simultaneousP2PDownloads: t.simultaneousP2PDownloads,
    httpDownloadInitialTimeoutMs: t.httpDownloadInitialTimeoutMs,
    isP2PDisabled: !!options.p2pDisabled,
  };
  if (options.swarmId) core.swarmId = options.swarmId;

  const hlsConfig = plain ? { ...(options.hlsConfig || {}), p2p: { core } } : {
    startLevel: tuning.level >= 0 ? tuning.level : -1,
    ...(guessedLive
      ? { liveSyncDurationCount: t.liveSyncDurationCount, liveMaxLatencyDurationCount: t.liveMaxLatencyDurationCount }
      : {}),
    ...(options.hlsConfig || {}),
    p2p: { core },
  };

  const hls = new HlsWithP2P(hlsConfig);
  const engine = hls.p2pEngine;
  const peerKey = (d) => `${d.streamType}:${d.peerId}`;
  const listeners = {
    onChunkDownloaded: (bytes, source) => stats.chunkDownloaded(bytes, source),
    onChunkUploaded: (bytes) => stats.chunkUploaded(bytes),
    onPeerConnect: (d) => stats.peerConnected(peerKey(d)),
    onPeerClose: (d) => stats.peerClosed(peerKey(d)),
    // A failed P2P download is routine (a peer left or was slow; the core retries over HTTP): only counted.
    // A failed HTTP download is an origin problem: reported.
    onSegmentError: (d) => {
      if (d.downloadSource === "p2p") stats.p2pSegmentErrors += 1;
      else stats.error(`segment http: ${d.error && (d.error.type || d.error.message) || d.error}`);
    },
    onTrackerError: (d) => stats.error(`tracker: ${d.error && d.error.message || d.error}`),
  };
  for (const [name, fn] of Object.entries(listeners)) engine.addEventListener(name, fn);

  hls.on(Hls.Events.MANIFEST_PARSED, () => {
    if (!plain && tuning.level >= 0 && tuning.level < hls.levels.length) hls.currentLevel = tuning.level;
  });
  hls.on(Hls.Events.LEVEL_LOADED, (_e, data) => {
    const live = !!(data.details && data.details.live);
    stats.isLive = live;
    if (!plain && options.live === undefined && live !== guessedLive) {
      // The guess was wrong: apply the right P2P windows now (they are dynamic core settings).
      const right = live ? tuning.live : tuning.vod;
      engine.applyDynamicConfig({
        core: {
          highDemandTimeWindow: right.highDemandTimeWindow,
          httpDownloadTimeWindow: right.httpDownloadTimeWindow,
          p2pDownloadTimeWindow: right.p2pDownloadTimeWindow,
          simultaneousHttpDownloads: right.simultaneousHttpDownloads,
          simultaneousP2PDownloads: right.simultaneousP2PDownloads,
        },
      });
    }
  });
  let networkRetries = 0;
  hls.on(Hls.Events.ERROR, (_e, data) => {
    if (!data.fatal) {
      stats.warning(`hls.js ${data.details}${data.frag ? ` sn=${data.frag.sn}` : ""}`);
      return;
    }
    stats.error(`hls.js ${data.type}: ${data.details}`);
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR && networkRetries++ < 5) hls.startLoad();
    else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
  });

  const onPlaying = () => stats.playing();
  const onWaiting = () => stats.waiting();
  const onVideoError = () => stats.error(`video: ${video.error ? video.error.message || video.error.code : "error"}`);
  video.addEventListener("playing", onPlaying);
  video.addEventListener("waiting", onWaiting);
  video.addEventListener("error", onVideoError);

  if (options.muted) video.muted = true;
  hls.attachMedia(video);
  hls.loadSource(url);
  if (options.autoplay !== false) {
    const p = video.play();
    if (p && p.catch) p.catch((e) => stats.error(`autoplay: ${e && e.message || e}`));
  }

  let destroyed = false;
  return {
    hls,
    config: { core, hls: hlsConfig, tuning: plain ? null : tuning, live: guessedLive },
    stats: () => stats.snapshot(video),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      video.removeEventListener("playing", onPlaying);
      video.removeEventListener("waiting", onWaiting);
      video.removeEventListener("error", onVideoError);
      for (const [name, fn] of Object.entries(listeners)) engine.removeEventListener(name, fn);
      hls.destroy();
    },
  };
}

export { P2P_TUNING };
export const version = "0.1.0";
export const isSupported = () => Hls.isSupported();
