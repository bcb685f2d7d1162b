// Differential-test oracle: what p2p-media-loader-hlsjs 2.3.1 (on hls.js 1.6.19) makes of a playlist. It runs the REAL
// hls.js (Hls + its playlist loader, M3U8Parser, level controller: every MANIFEST_LOADED listener hls.js registers
// before p2pml's) with the REAL HlsJsP2PEngine mixin, its SegmentManager and p2pml-core's Core, and reads what the
// Core stored. Only the network is replaced: a loader that serves the given text, with an XMLHttpRequest-shaped
// networkDetails whose responseURL is the manifest URL (p2pml strips its query to get the swarmId).
//
// stdin: JSON lines {manifestUrl, text}. stdout: one JSON line per input:
//   {streams: [{type, runtimeId, streamIndex, streamSwarmId, infoHash, segments: null | [{externalId, runtimeId, url,
//     byteRange: null | {start, end}, duration}]}], error: null | string}
// A stream's segments are those p2pml records when hls.js delivers that playlist's LEVEL_LOADED (only the manifest's own
// playlist is loaded here: a media playlist given directly). Built by p2pml-streams.mjs with esbuild.
import "./browser-shims.mjs";
import Hls, { __hlsswarmSampleEntryCodesISO as sampleEntryCodes } from "hls.js";
import { HlsJsP2PEngine } from "p2p-media-loader-hlsjs";
import { getStreamSwarmId } from "nm:p2p-media-loader-core/lib/utils/stream.js";
import { getStreamHash } from "nm:p2p-media-loader-core/lib/utils/peer.js";
import { readFileSync } from "node:fs";

const newStats = () => ({
  aborted: false, loaded: 0, retry: 0, total: 0, chunkCount: 0, bwEstimate: 0,
  loading: { start: 0, first: 0, end: 0 }, parsing: { start: 0, end: 0 }, buffering: { start: 0, first: 0, end: 0 },
});

let served = null; // {url, text} of the current case

class TextLoader {
  constructor() { this.stats = newStats(); this.context = null; }
  load(context, config, callbacks) {
    this.context = context;
    const networkDetails = Object.assign(new XMLHttpRequest(), { responseURL: served.url });
    // Only the manifest is requested here (autoStartLoad: false): answer it whatever hls.js made of its URL.
    this.stats.loaded = this.stats.total = served.text.length;
    callbacks.onSuccess({ url: served.url, data: served.text, code: 200 }, this.stats, context, networkDetails);
  }
  abort() {}
  destroy() {}
}

const HlsWithP2P = HlsJsP2PEngine.injectMixin(Hls);

const pristineSampleEntryCodes = structuredClone(sampleEntryCodes);

// Each case starts like a fresh page: hls.js's codec table as shipped.
function resetHlsModuleState() {
  for (const type of Object.keys(sampleEntryCodes)) {
    for (const key of Object.keys(sampleEntryCodes[type])) delete sampleEntryCodes[type][key];
    Object.assign(sampleEntryCodes[type], pristineSampleEntryCodes[type]);
  }
}

function runCase({ manifestUrl, text }) {
  resetHlsModuleState();
  served = { url: manifestUrl, text };
  const errors = [];
  const hls = new HlsWithP2P({ loader: TextLoader, autoStartLoad: false, debug: false, p2p: { core: {} } });
  const engine = hls.p2pEngine;
  hls.on(Hls.Events.ERROR, (_, data) => errors.push(`${data.details}${data.reason ? ": " + data.reason : ""}${data.error ? " (" + data.error.message + (data.event ? " in " + data.event : "") + ")" : ""}`));
  // What stream-controller passes on as LEVEL_UPDATED (and playlist-loader as AUDIO_TRACK_LOADED) after a first load:
  // the LevelDetails hls.js parsed; p2pml's handler for both is SegmentManager.updatePlaylist.
  hls.on(Hls.Events.LEVEL_LOADED, (_, data) => engine.segmentManager.updatePlaylist({ details: data.details }));
  hls.loadSource(manifestUrl);
  const core = engine.core;
  const swarmId = core.manifestResponseUrl;
  const streams = [...core.streams.values()].map((s) => {
    const streamSwarmId = getStreamSwarmId(swarmId, s);
    return {
      type: s.type, runtimeId: s.runtimeId, streamIndex: s.index, streamSwarmId, infoHash: getStreamHash(streamSwarmId),
      segments: s.segments.size === 0 ? null : [...s.segments.values()].map((g) => ({
        externalId: g.externalId, runtimeId: g.runtimeId, url: g.url,
        byteRange: g.byteRange ?? null, duration: g.endTime - g.startTime, startTime: g.startTime,
      })),
    };
  });
  hls.destroy();
  return { swarmId: swarmId ?? null, streams, errors };
}

const input = readFileSync(0, "utf8").split("\n").filter((l) => l.trim() !== "");
const out = [];
for (const line of input) {
  try {
    out.push(JSON.stringify(runCase(JSON.parse(line))));
  } catch (e) {
    out.push(JSON.stringify({ swarmId: null, streams: [], errors: ["harness: " + (e?.stack ?? e)] }));
  }
}
process.stdout.write(out.join("\n") + "\n");
