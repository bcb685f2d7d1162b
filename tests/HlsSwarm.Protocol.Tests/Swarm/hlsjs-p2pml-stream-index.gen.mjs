// Generates HlsJsP2pmlStreamIndexVectors.Json: node hlsjs-p2pml-stream-index.gen.mjs (hls.js 1.6.19 M3U8Parser + p2p-media-loader-core 2.3.1 generateStreamShortId from web/node_modules, Node 20.20.2).
globalThis.self = globalThis;
const W = new URL('../../../web/node_modules/', import.meta.url).href;
const { M3U8Parser } = await import(W + 'hls.js/dist/hls.mjs');
const { generateStreamShortId } = await import(W + 'p2p-media-loader-core/lib/utils/stream.js');
// Same body as p2p-media-loader-hlsjs 2.3.1 lib/segment-manager.js processMainManifest (its package index pulls in 'debug', which Node ESM cannot import).
class SegmentManager { constructor(core) { this.core = core; }
  processMainManifest(data) { const { levels, audioTracks } = data;
    for (const level of levels) { const { url, bitrate, maxBitrate, videoCodec, width, height } = level; const b = maxBitrate ?? bitrate; const isMissingMetadata = b === 0;
      const frameRate = level.attrs["FRAME-RATE"]; const videoRange = level.attrs["VIDEO-RANGE"];
      const index = generateStreamShortId({ bitrate: b, codecs: isMissingMetadata ? undefined : videoCodec, width: isMissingMetadata ? undefined : width, height: isMissingMetadata ? undefined : height, frameRate: isMissingMetadata ? undefined : frameRate, videoRange: isMissingMetadata ? undefined : videoRange });
      this.core.addStreamIfNoneExists({ runtimeId: url, type: "main", index }); }
    for (const track of audioTracks) { const { url, audioCodec, lang, channels, name } = track;
      const index = generateStreamShortId({ bitrate: 0, codecs: audioCodec, language: lang, channels, name });
      this.core.addStreamIfNoneExists({ runtimeId: url, type: "secondary", index }); } } }
function convertAVC1ToAVCOTI(videoCodecs) { const codecs = videoCodecs.split(','); for (let i = 0; i < codecs.length; i++) { const a = codecs[i].split('.'); if (a.length > 2 && a[0] === 'avc1') codecs[i] = `avc1.${parseInt(a[1]).toString(16)}${('000' + parseInt(a[2]).toString(16)).slice(-4)}`; } return codecs.join(','); }
let seed = 7; const rnd = n => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const pick = a => a[rnd(a.length)];
const bw = ['2000000', '0', '-0', '800000kbps', ' 5', 'abc', '9007199254740993', '1e6', '00042', '+7', '-12', '99999999999999999999999', null];
const codecs = ['avc1.64001f,mp4a.40.2', 'avc1.66.30,mp4a.40.2', 'avc1.10.9', 'hvc1.1.6.L93.B0 avc1.4d401f,ec-3', 'AVC1.64001F', 'avc1.4d401f/x,Opus,fLaC', 'dvh1.05.06,ac-3', 'avc1.66.x', 'vp09.00.10.08,mp4a.40.5', 'avc1.066.030', 'mp4a.40.2', ' avc1.64001f  mp4a.40.2 ', 'avc1.300.300', 'avc1.0x42.0x1E', 'avc3.640028,hev1.1.6.L93.90', 'av01.0.08M.08,Opus', 'avc1.64001f,avc1.4d401f,avc1.42e01e', 'mp4a.40.34', 'ec-3,ac-3', '', null];
const res = ['1280x720', '0640x0360', '0x0', '1280X720', '9999999999999999999999x1', null];
const fr = ['30.000', '29.970', '0', '3e1', '0x1e', '30fps', '1e21', '1e-7', 'Infinity', '.5', '-25', '23.976023976', '0.0000001', '123456789012345678901', '1.', '0b11', '', ' 25 ', '59.940', null];
const vr = ['SDR', 'pq', 'hlg', ' sdr ', '', 'straße', null];
const lang = ['en', 'ENG-us', 'und', 'UND', 'fr-CA', 'e', '', 'İt', ' en', null];
const name = ['English', ' Main Mix ', 'ΟΔΟΣ', '', '\u00a0Français\u3000', 'Commentary (Director)', null];
const ch = ['2', '6/JOC', '16/IMM/x', '', '/x', null];
const q = (k, v, quoted) => v === null ? '' : `,${k}=${quoted ? '"' + v + '"' : v}`;
const cases = [];
for (let n = 0; n < 400; n++) {
  const groups = ['a', 'b', 'c'];
  let m = '#EXTM3U\n';
  const medias = [];
  for (let j = 0; j < 1 + rnd(3); j++) {
    const md = { g: pick(groups), lang: pick(lang), name: pick(name), ch: pick(ch) };
    medias.push(md);
    m += `#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="${md.g}"${q('LANGUAGE', md.lang, true)}${q('NAME', md.name, true)}${q('CHANNELS', md.ch, true)},URI="a${j}.m3u8"\n`;
  }
  const vars = [];
  for (let j = 0; j < 1 + rnd(3); j++) {
    const v = { bw: pick(bw), abw: pick(bw), codecs: pick(codecs), res: pick(res), fr: pick(fr), vr: pick(vr), audio: pick(groups) };
    vars.push(v);
    m += `#EXT-X-STREAM-INF:PROGRAM-ID=1${q('BANDWIDTH', v.bw)}${q('AVERAGE-BANDWIDTH', v.abw)}${q('CODECS', v.codecs, true)}${q('RESOLUTION', v.res)}${q('FRAME-RATE', v.fr)}${q('VIDEO-RANGE', v.vr)},AUDIO="${v.audio}"\nv${j}.m3u8\n`;
  }
  const parsed = M3U8Parser.parseMasterPlaylist(m, 'https://e.com/master.m3u8');
  const media = M3U8Parser.parseMasterPlaylistMedia(m, 'https://e.com/master.m3u8', parsed);
  if (parsed.levels.length !== vars.length) { continue; }
  for (const l of parsed.levels) if (l.videoCodec) l.videoCodec = convertAVC1ToAVCOTI(l.videoCodec);
  const out = [];
  const sm = new SegmentManager({ addStreamIfNoneExists: s => out.push(s) });
  sm.processMainManifest({ levels: parsed.levels, audioTracks: media.AUDIO || [] });
  const mainIdx = out.filter(s => s.type === 'main').map(s => s.index);
  const audIdx = out.filter(s => s.type === 'secondary').map(s => s.index);
  cases.push({ variants: vars, medias, main: mainIdx, audio: audIdx });
}
console.log(JSON.stringify(cases));
