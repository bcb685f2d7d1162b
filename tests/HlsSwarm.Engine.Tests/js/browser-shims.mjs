// Browser globals that hls.js 1.6 and p2p-media-loader-hlsjs 2.3 touch on the MANIFEST_LOADED / LEVEL_LOADED path, so that
// the real code runs in Node. Imported first by p2pml-streams.entry.mjs (ES module evaluation order).
globalThis.self = globalThis;
globalThis.window ??= globalThis;

// p2pml's handleManifestLoaded reads the final manifest URL from networkDetails when it is an XMLHttpRequest
// (engine.js: `networkDetails instanceof XMLHttpRequest` → core.setManifestResponseUrl(responseURL)).
globalThis.XMLHttpRequest ??= class XMLHttpRequest {};

// MediaSource.isTypeSupported as Chromium answers it (Linux build, proprietary codecs). hls.js asks it on the
// MANIFEST_LOADED path in two places: playlist-loader (codecs hls.js does not know, only when EVERY level has one:
// a "supported" answer would move the codec into audioCodec/videoCodec) and level-controller (its own filtered
// level list, which p2pml does not read). Codecs the corpus uses that hls.js does not know are made up, so
// Chromium answers false for them; the table below only matters for the level-controller's own list.
const chromiumSupports = /^(avc1|avc3|mp4a\.40\.(2|5|29|34)|mp4a\.69|mp4a\.6b|opus|flac|vp8|vp09|av01|hvc1|hev1|ac-3|ec-3|mp3)(\.|$)/;
globalThis.MediaSource ??= class MediaSource {
  static isTypeSupported(mime) {
    const m = /codecs=("?)([^"]*)\1$/.exec(mime);
    return m !== null && chromiumSupports.test(m[2]);
  }
};

// Hls.loadSource resolves the given URL against the page's address.
globalThis.location ??= { href: "https://player.example/index.html" };
