// Differential oracle: parses what C# sends with the real hls.js 1.6 parser (web/node_modules) and prints JSON.
// stdin: [{ "kind": "attrs" | "master" | "media", "text": "...", "url": "https://..." }, ...]
const { M3U8Parser, AttrList } = await import(process.env.HLSSWARM_NODE_MODULES + '/hls.js/dist/hls.mjs');
let input = '';
for await (const chunk of process.stdin) input += chunk;
const own = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string'));
const out = JSON.parse(input).map(({ kind, text, url }) => {
  if (kind === 'attrs') return own(AttrList.parseAttrList(text));
  if (kind === 'master') {
    const parsed = M3U8Parser.parseMasterPlaylist(text, url);
    const media = M3U8Parser.parseMasterPlaylistMedia(text, url, parsed);
    return {
      error: parsed.playlistParsingError ? String(parsed.playlistParsingError.message) : null,
      levels: parsed.levels.map((l) => ({ attrs: own(l.attrs), url: l.url })),
      audio: (media.AUDIO || []).map((m) => ({ attrs: own(m.attrs), url: m.url })),
    };
  }
  let d;
  try {
    d = M3U8Parser.parseLevelPlaylist(text, url, 0, 'main', 0, null);
  } catch (e) {
    return { error: 'threw: ' + e.message, live: null, startSN: null, targetduration: null, fragments: [] };
  }
  return {
    error: d.playlistParsingError ? String(d.playlistParsingError.message) : null,
    live: d.live,
    startSN: d.startSN,
    targetduration: d.targetduration,
    fragments: d.fragments.filter((f) => f).map((f) => ({
      sn: f.sn, relurl: f.relurl, url: f.url, duration: f.duration, cc: f.cc,
      start: f.byteRangeStartOffset ?? null, end: f.byteRangeEndOffset ?? null,
    })),
  };
});
process.stdout.write(JSON.stringify(out));
