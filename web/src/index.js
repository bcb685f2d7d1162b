// The HlsSwarm browser viewer: hls.js + p2p-media-loader with live statistics.
//   <script src="https://your-server/dist/hlsswarm.js"></script>
//   const player = HlsSwarm.attach(video, "https://cdn/stream/master.m3u8", { tracker: "wss://your-server/announce" });
//   player.stats(); player.destroy();
import Hls from "hls.js";
import { HlsJsP2PEngine } from "p2p-media-loader-hlsjs";
import { P2P_TUNING } from "./p2p-config.js";
import { ViewerStats } from "./stats.js";
import { BeaconReporter, newSessionId } from "./beacon.js";
import { PolicyController, isMetered } from "./policy.js";
import { clipText } from "./text.js";

export const version = "0.2.0";

const HlsWithP2P = HlsJsP2PEngine.injectMixin(Hls);

function defaultTracker() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/announce`;
}

/** Default beacon: POST /api/beacon of the page's origin every 5 s. */
const DEFAULT_BEACON = Object.freeze({ url: "/api/beacon", intervalMs: 5000 });
/** How long the start waits for the policy before loading anyway (P2P as configured until it arrives). */
const POLICY_WAIT_MS = 1000;

function beaconOptions(option) {
  if (option === false) return null;
  const o = { ...DEFAULT_BEACON, ...(option || {}) };
  return { url: new URL(o.url, location.href).href, intervalMs: Math.max(1000, Number(o.intervalMs) || 5000) };
}

/** GET /api/policy next to the beacon URL (or the page's origin). Resolves null on any failure. */
async function fetchPolicy(policyUrl, stream, sessionId) {
  try {
    const u = new URL(policyUrl);
    u.searchParams.set("stream", stream);
    u.searchParams.set("session", sessionId);
    const r = await fetch(u, { credentials: "omit", cache: "no-store" });
    return r.ok ? await r.json() : null;
  } catch {
    return null;
  }
}

/** The p2p-media-loader peer id of this viewer for the main stream, read from the core's tracker client; null if not
 * known yet. Not public API of p2p-media-loader 2.3, hence the guards: only the dashboard's graph needs it. */
function ownPeerId(engine) {
  try {
    const tracker = engine.core.mainStreamLoader.p2pLoaders.currentLoader.trackerClient;
    const ids = tracker.constructor.PEER_ID_BY_INFO_HASH;
    const hex = tracker.client && tracker.client.peerId;
    if (typeof hex === "string" && /^[0-9a-f]+$/i.test(hex)) {
      return hex.match(/../g).map((h) => String.fromCharCode(parseInt(h, 16))).join("");
    }
    if (ids && ids.size === 1) return ids.values().next().value;
  } catch { /* no stream loader yet, or P2P is off */ }
  return null;
}

function renditionOf(hls) {
  const level = hls.levels && hls.levels[hls.currentLevel >= 0 ? hls.currentLevel : hls.loadLevel];
  if (!level) return "";
  const size = level.width && level.height ? `${level.width}x${level.height} ` : "";
  return clipText(`${size}${level.bitrate || ""}`.trim(), 128);
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
 *   beacon    { url, intervalMs } (default { url: "/api/beacon", intervalMs: 5000 }) or false: no beacons
 *   policy    URL of the P2P policy (default /api/policy next to the beacon URL) or false: no policy
 * @returns {{ stats(): object, destroy(): void, hls: object, config: object, sessionId: string }}
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
  const policy = new PolicyController((change) => engine.applyDynamicConfig({ core: change }),
    { forcedOff: !!options.p2pDisabled, metered: () => isMetered() });
  const listeners = {
    onChunkDownloaded: (bytes, source, peerId) => stats.chunkDownloaded(bytes, source, peerId),
    onChunkUploaded: (bytes, peerId) => {
      stats.chunkUploaded(bytes, peerId);
      policy.uploaded(bytes);
    },
    onPeerConnect: (d) => stats.peerConnected(peerKey(d)),
    onPeerClose: (d) => stats.peerClosed(peerKey(d)),
    // While P2P is off the core is closing its own connections: those errors (ERR_DATA_CHANNEL) are not failures.
    onPeerError: (d) => {
      if (!policy.p2pDisabled) stats.peerFailed(peerKey(d), d.error && (d.error.code || d.error.name));
    },
    // A failed P2P download is routine (a peer left or was slow; the core retries over HTTP): only counted.
    // A failed HTTP download is an origin problem: reported.
    onSegmentError: (d) => {
      if (d.downloadSource === "p2p") stats.p2pSegmentErrors += 1;
      else stats.error(`segment http: ${d.error && (d.error.type || d.error.message) || d.error}`, "segment-http");
    },
    onTrackerError: (d) => stats.error(`tracker: ${d.error && d.error.message || d.error}`, "tracker"),
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
    stats.error(`hls.js ${data.type}: ${data.details}`, `hls.js ${data.type}`);
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR && networkRetries++ < 5) hls.startLoad();
    else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
  });

  // With P2P off (policy or option) the hls.js adapter hands segments to hls.js's own loader, which the core does not
  // see: count those bytes here. The loader's choice is made right after FRAG_LOADING, so the flag is taken there.
  hls.on(Hls.Events.FRAG_LOADING, (_e, data) => {
    if (data.frag) data.frag.hlsswarmBypass = policy.p2pDisabled;
  });
  hls.on(Hls.Events.FRAG_LOADED, (_e, data) => {
    if (data.frag && data.frag.hlsswarmBypass && data.payload) stats.httpBypassed(data.payload.byteLength);
  });

  const onPlaying = () => stats.playing();
  const onWaiting = () => stats.waiting();
  const onPause = () => stats.stopPlaying();
  const onVideoError = () => stats.error(`video: ${video.error ? video.error.message || video.error.code : "error"}`, "video");
  video.addEventListener("playing", onPlaying);
  video.addEventListener("waiting", onWaiting);
  video.addEventListener("pause", onPause);
  video.addEventListener("ended", onPause);
  video.addEventListener("error", onVideoError);

  const sessionId = newSessionId();
  const beacon = beaconOptions(options.beacon);
  const policyUrl = options.policy === false ? null
    : new URL(options.policy || "/api/policy", beacon ? beacon.url : location.href).href;
  let peerId = null;
  let errorsSent = 0;
  const counters = () => {
    const s = stats.snapshot(video);
    peerId = ownPeerId(engine) || peerId;
    const latency = s.isLive && Number.isFinite(hls.latency) && hls.latency > 0 ? Math.round(hls.latency * 1000) : null;
    return {
      rendition: renditionOf(hls),
      peerId,
      p2p: { enabled: policy.p2pEnabled, group: policy.policy.group === "control" ? "control" : "p2p" },
      bytes: { http: s.httpDownloadedBytes, p2p: s.p2pDownloadedBytes, uploaded: s.p2pUploadedBytes },
      peers: { connected: s.connectedPeers, attempts: s.peerAttempts, failures: s.peerFailures },
      transfers: s.transfers,
      startupMs: s.startupMs,
      stalls: { count: s.stalls, ms: s.stallMs },
      playingMs: s.playingMs,
      liveLatencyMs: latency,
      metered: isMetered(),
    };
  };
  const reporter = beacon && new BeaconReporter({
    ...beacon, sessionId, version, stream: url, collect: counters,
    newErrors: () => stats.errorEvents.slice(errorsSent, (errorsSent = stats.errorEvents.length)),
    onPolicy: (p) => policy.update(p),
  });
  const ticker = setInterval(() => policy.tick(), 1000);
  let policyTimer = null;

  const start = () => {
    if (destroyed) return;
    if (options.muted) video.muted = true;
    hls.attachMedia(video);
    hls.loadSource(url);
    if (options.autoplay !== false) {
      const p = video.play();
      if (p && p.catch) p.catch((e) => stats.error(`autoplay: ${e && e.message || e}`, "autoplay"));
    }
    if (reporter) reporter.start();
  };
  let destroyed = false;
  if (policyUrl) {
    // Wait briefly for the policy so that a control-group or P2P-off session never starts P2P; a slow or missing
    // policy endpoint (a server without analytics) only delays the start by POLICY_WAIT_MS.
    let started = false;
    const startOnce = () => { if (!started) { started = true; start(); } };
    const wait = setTimeout(startOnce, POLICY_WAIT_MS);
    fetchPolicy(policyUrl, url, sessionId).then((p) => {
      policy.update(p);
      clearTimeout(wait);
      startOnce();
    });
    // Without beacons nothing brings policy changes: poll.
    if (!reporter) {
      policyTimer = setInterval(() => fetchPolicy(policyUrl, url, sessionId).then((p) => policy.update(p)),
        policy.policy.refreshMs || 5000);
    }
  } else {
    start();
  }

  return {
    hls,
    sessionId,
    config: { core, hls: hlsConfig, tuning: plain ? null : tuning, live: guessedLive, beacon, policy: policyUrl },
    stats: () => {
      const s = stats.snapshot(video);
      const c = counters();
      return {
        ...s,
        sessionId,
        peerId: c.peerId,
        rendition: c.rendition,
        liveLatencyMs: c.liveLatencyMs,
        metered: c.metered,
        p2pEnabled: policy.p2pEnabled,
        group: c.p2p.group,
        policy: policy.snapshot(),
        beacon: reporter ? { sent: reporter.sent, accepted: reporter.accepted, lastStatus: reporter.lastStatus, seq: reporter.seq } : null,
      };
    },
    /** Sends a beacon now (tests; a page about to navigate away). */
    flush: () => (reporter ? reporter.send() : Promise.resolve()),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      if (reporter) {
        reporter.stop();
        reporter.sendFinal();
      }
      clearInterval(ticker);
      if (policyTimer !== null) clearInterval(policyTimer);
      video.removeEventListener("playing", onPlaying);
      video.removeEventListener("waiting", onWaiting);
      video.removeEventListener("pause", onPause);
      video.removeEventListener("ended", onPause);
      video.removeEventListener("error", onVideoError);
      for (const [name, fn] of Object.entries(listeners)) engine.removeEventListener(name, fn);
      hls.destroy();
    },
  };
}

export { P2P_TUNING };
export const isSupported = () => Hls.isSupported();
