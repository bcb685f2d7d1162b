// Browser globals that hls.js 1.6 and p2p-media-loader-hlsjs 2.3 touch on the MANIFEST_LOADED / LEVEL_LOADED path, so that
// the real code runs in Node. Imported first by p2pml-streams.entry.mjs (ES module evaluation order).
globalThis.self = globalThis;
globalThis.window ??= globalThis;

// p2pml's handleManifestLoaded reads the final manifest URL from networkDetails when it is an XMLHttpRequest
// (engine.js: `networkDetails instanceof XMLHttpRequest` → core.setManifestResponseUrl(responseURL)).
globalThis.XMLHttpRequest ??= class XMLHttpRequest {};

// MediaSource.isTypeSupported: a model of Chromium's answer (Linux build with proprietary codecs, no HEVC or AC-3
// decoder), the same rule as src/HlsSwarm.Engine/Streams/ChromiumMediaSource.cs. hls.js asks it on the MANIFEST_LOADED
// path in two places: playlist-loader, about codecs hls.js does not list when EVERY level has one (an accepted one
// moves into the level's audioCodec/videoCodec, which p2pml reads), and level-controller, about its own filtered
// level list (which p2pml does not read).
const audioCodec = /^(?:mp4a\.(?:40\.(?:2|5|29|34)|69|6[bB])|opus|flac|fLaC|mp3)$/;
const videoCodec = /^(?:avc[13]\.[0-9A-Fa-f]{6}|vp09\.[0-9.]+|av01\.[0-9A-Za-z.]+)$/;
globalThis.MediaSource = class MediaSource {
  static isTypeSupported(mime) {
    const m = /^(audio|video)\/mp4;codecs=([^]*)$/.exec(mime);
    if (m === null) return false;
    let codecs = m[2];
    if (codecs.length >= 2 && codecs[0] === '"' && codecs[codecs.length - 1] === '"') codecs = codecs.slice(1, -1);
    if (codecs.length === 0 || codecs.includes('"')) return false;
    return codecs.split(",").every((c) => (m[1] === "audio" ? audioCodec : videoCodec).test(c.trim()));
  }
};

// Hls.loadSource resolves the given URL against the page's address.
globalThis.location ??= { href: "https://player.example/index.html" };

// hls.js reads the user agent (e.g. level-controller's codec-set preference asks whether HEVC support reports are
// trustworthy); Node 20 has no navigator. Chromium's, as the browser under test.
globalThis.navigator ??= {
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
  vendor: "Google Inc.",
  platform: "Linux x86_64",
};
