import http from 'node:http';
import dgram from 'node:dgram';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import fs from 'node:fs';

const OUR_UFRAG = 'HsWm', OUR_PWD = 'hlsswarm-capture-pwd-0123';
const out = { offer: null, requests: [] };
const page = `<!doctype html><script>
(async () => {
  const pc = new RTCPeerConnection({ iceServers: [] });
  pc.createDataChannel('x');
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise(r => { pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && r(); setTimeout(r, 3000); });
  const res = await fetch('/offer', { method: 'POST', body: pc.localDescription.sdp });
  await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
})();
</script>`;
const fp = Array.from(crypto.randomBytes(32), b => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
http.createServer((req, res) => {
  if (req.method === 'POST') {
    let body = '';
    req.on('data', d => body += d);
    req.on('end', () => {
      out.offer = body;
      const answer = ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'a=msid-semantic: WMS',
        'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'c=IN IP4 0.0.0.0', `a=ice-ufrag:${OUR_UFRAG}`, `a=ice-pwd:${OUR_PWD}`,
        `a=fingerprint:sha-256 ${fp}`, 'a=setup:active', 'a=mid:0', 'a=sctp-port:5000', 'a=max-message-size:262144',
        'a=candidate:1 1 udp 2130706431 10.77.0.1 40000 typ host', ''].join('\r\n');
      res.end(answer);
    });
  } else { res.setHeader('content-type', 'text/html'); res.end(page); }
}).listen(8123, '127.0.0.1');

const sock = dgram.createSocket('udp4');
sock.on('message', (msg, rinfo) => {
  if (msg.length < 20 || (msg[0] & 0xc0) !== 0 || msg.readUInt32BE(4) !== 0x2112a442) return;
  if (msg.readUInt16BE(0) !== 0x0001) return;
  out.requests.push({ from: `${rinfo.address}:${rinfo.port}`, hex: msg.toString('hex') });
  // Success response: XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY (our password), FINGERPRINT.
  const tid = msg.subarray(8, 20);
  const xma = Buffer.alloc(12); xma.writeUInt16BE(0x0020, 0); xma.writeUInt16BE(8, 2); xma.writeUInt16BE(1, 4);
  xma.writeUInt16BE(rinfo.port ^ 0x2112, 6);
  rinfo.address.split('.').forEach((o, i) => xma[8 + i] = Number(o) ^ [0x21, 0x12, 0xa4, 0x42][i]);
  const hdr = Buffer.alloc(20); hdr.writeUInt16BE(0x0101, 0); hdr.writeUInt32BE(0x2112a442, 4); tid.copy(hdr, 8);
  hdr.writeUInt16BE(12 + 24, 2);
  const mac = crypto.createHmac('sha1', OUR_PWD).update(Buffer.concat([hdr, xma])).digest();
  const mi = Buffer.concat([Buffer.from([0, 8, 0, 20]), mac]);
  hdr.writeUInt16BE(12 + 24 + 8, 2);
  const body = Buffer.concat([hdr, xma, mi]);
  const crc = (zlib.crc32(body) ^ 0x5354554e) >>> 0;
  const fpa = Buffer.alloc(8); fpa.writeUInt16BE(0x8028, 0); fpa.writeUInt16BE(4, 2); fpa.writeUInt32BE(crc, 4);
  sock.send(Buffer.concat([body, fpa]), rinfo.port, rinfo.address);
  if (out.requests.length >= 8) { fs.writeFileSync('/tmp/chromium-ice-capture.json', JSON.stringify(out, null, 1)); process.exit(0); }
});
sock.bind(40000, '10.77.0.1');
setTimeout(() => { fs.writeFileSync('/tmp/chromium-ice-capture.json', JSON.stringify(out, null, 1)); process.exit(0); }, 25000);
