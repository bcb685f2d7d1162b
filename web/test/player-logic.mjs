// Unit tests of the player's policy, statistics and beacon logic (src/policy.js, stats.js, beacon.js) in Node, with a
// fake clock, core and fetch. Run: `node test/player-logic.mjs src` (npm test); the C# suite runs it too
// (tests/HlsSwarm.Interop.Tests/DashboardTests.cs). Prints "ok" or fails with the assertion.
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import path from "node:path";
const src = process.argv[2] || path.join(path.dirname(new URL(import.meta.url).pathname), "..", "src");
const load = (f) => import(pathToFileURL(path.join(src, f)).href);
const { PolicyController, isMetered, DEFAULT_POLICY } = await load("policy.js");
const { ViewerStats } = await load("stats.js");
const { BeaconReporter, newSessionId, BEACON_VERSION } = await load("beacon.js");
const { clipText } = await load("text.js");

// Policy: only changes reach the core; control group and per-stream off turn P2P off; upload cap closes upload for
// the rest of the 1 s window; metered networks upload only when the policy allows it; p2pDisabled wins over policy.
let t = 0;
let metered = false;
const calls = [];
const pc = new PolicyController((c) => calls.push(c), { metered: () => metered, now: () => t });
assert.equal(pc.update({ nope: 1 }), false, "a body without p2p is no policy");
assert.equal(pc.update({ ...DEFAULT_POLICY, p2p: true }), true);
assert.deepEqual(calls, [], "no change, no call");
pc.update({ p2p: false, group: "control", reason: "ab-control" });
assert.deepEqual(calls.pop(), { isP2PDisabled: true, isP2PUploadDisabled: true });
assert.equal(pc.p2pEnabled, false);
pc.update({ p2p: true, group: "p2p", uploadCapBytesPerSec: 1000, uploadOnMetered: false });
assert.deepEqual(calls.pop(), { isP2PDisabled: false, isP2PUploadDisabled: false });
pc.uploaded(600);
assert.equal(calls.length, 0, "under the cap");
t = 500; pc.uploaded(500);
assert.deepEqual(calls.pop(), { isP2PUploadDisabled: true }, "cap reached within the window");
t = 900; pc.tick();
assert.equal(calls.length, 0, "same window: still closed");
t = 1000; pc.tick();
assert.deepEqual(calls.pop(), { isP2PUploadDisabled: false }, "next window reopens upload");
metered = true; pc.update({ p2p: true, uploadCapBytesPerSec: null, uploadOnMetered: false });
assert.deepEqual(calls.pop(), { isP2PUploadDisabled: true }, "metered: no upload");
pc.update({ p2p: true, uploadOnMetered: true });
assert.deepEqual(calls.pop(), { isP2PUploadDisabled: false }, "metered allowed");
const forced = [];
const off = new PolicyController((c) => forced.push(c), { forcedOff: true, metered: () => false, now: () => 0 });
off.update({ p2p: true });
assert.equal(off.p2pEnabled, false, "p2pDisabled option wins");
assert.deepEqual(forced, [{ isP2PUploadDisabled: true }]);
assert.equal(isMetered({ connection: { type: "cellular" } }), true);
assert.equal(isMetered({ connection: { type: "wifi", saveData: true } }), true);
assert.equal(isMetered({ connection: { type: "wifi" } }), false);
assert.equal(isMetered({}), false);

// Stats: failures by normalized reason, at most 16 reasons (the rest "other"); transfers per peer, at most 64;
// playing time excludes stalls and pauses; HTTP bytes include what hls.js loaded itself while P2P was off.
let now = 0;
const s = new ViewerStats(() => now);
s.peerFailed("main:a", "ERR_CONNECTION_FAILURE");
s.peerFailed("main:b", "ERR_CONNECTION_FAILURE");
for (let i = 0; i < 20; i++) s.peerFailed(`main:x${i}`, `ERR_KIND_${i}`);
const failures = s.snapshot(null).peerFailures;
assert.equal(failures["connection-failure"], 2);
assert.equal(Object.keys(failures).length, 16);
assert.equal(failures.other, 20 - 14);
for (let i = 0; i < 70; i++) s.chunkDownloaded(10, "p2p", `peer${i}`);
s.chunkUploaded(7, "peer0");
const snap = s.snapshot(null);
assert.equal(snap.transfers.length, 64);
assert.deepEqual(snap.transfers[0], { peerId: "peer0", down: 10, up: 7 });
assert.equal(snap.p2pDownloadedBytes, 700, "bytes count even beyond the 64 tracked peers");
assert.equal(snap.peerAttempts, 22);
s.chunkDownloaded(100, "http");
s.httpBypassed(50);
assert.equal(s.snapshot(null).httpDownloadedBytes, 150);
now = 1000; s.playing();                 // start-up 1000 ms
now = 4000; s.waiting();                 // 3 s playing, then a stall
now = 4500; s.playing();                 // 0.5 s stall
now = 6000; s.stopPlaying();             // pause after 1.5 s more
now = 9000;
const q = s.snapshot(null);
assert.equal(q.startupMs, 1000);
assert.equal(q.playingMs, 4500);
assert.equal(q.stalls, 1);
assert.equal(q.stallMs, 500);
s.error("hls.js networkError: x", "hls.js networkError");
assert.deepEqual(s.errorEvents, [{ kind: "hls.js networkError", message: "hls.js networkError: x" }]);

// Beacon: the contract's fields, seq counts up, errors are resent until a beacon carrying them is accepted, the
// answer's policy is handed on, and a server without analytics (404) gets no more beacons.
assert.match(newSessionId(), /^[A-Za-z0-9_-]{8,64}$/);
assert.match(newSessionId({ getRandomValues: (a) => a.fill(7) }), /^[0-9a-f]{32}$/, "fallback without randomUUID");
globalThis.addEventListener = () => {};
globalThis.removeEventListener = () => {};
const sent = [];
let status = 500;
globalThis.fetch = async (url, init) => {
  sent.push(JSON.parse(init.body));
  return { ok: status === 200, status, json: async () => ({ p2p: false, group: "control" }) };
};
let pending = [{ kind: "k", message: "m" }];
const policies = [];
const b = new BeaconReporter({
  url: "http://x/api/beacon", intervalMs: 60000, sessionId: "session-1", version: "0.2.0", stream: "http://x/s.m3u8",
  collect: () => ({ bytes: { http: 1, p2p: 2, uploaded: 3 } }),
  newErrors: () => pending.splice(0), onPolicy: (p) => policies.push(p),
});
await b.send();
assert.equal(sent[0].v, BEACON_VERSION);
assert.equal(sent[0].seq, 1);
assert.deepEqual(sent[0].client, { kind: "web", version: "0.2.0" });
assert.equal(sent[0].stream, "http://x/s.m3u8");
assert.deepEqual(sent[0].bytes, { http: 1, p2p: 2, uploaded: 3 });
assert.deepEqual(sent[0].errors, [{ kind: "k", message: "m" }]);
status = 200;
await b.send();
assert.equal(sent[1].seq, 2);
assert.deepEqual(sent[1].errors, [{ kind: "k", message: "m" }], "resent after a failed beacon");
assert.deepEqual(policies, [{ p2p: false, group: "control" }]);
await b.send();
assert.deepEqual(sent[2].errors, [], "accepted errors are not resent");
pending = Array.from({ length: 15 }, (_, i) => ({ kind: "k", message: String(i) }));
await b.send();
assert.equal(sent[3].errors.length, 10, "at most 10 errors per beacon");
await b.send();
assert.equal(sent[4].errors.length, 5, "the rest in the next one");
b.timer = 1;
status = 404;
await b.send();
assert.equal(b.timer, null, "404: beacons stop");

// clipText: what the server's reader accepts (well-formed UTF-16, at most max units, cut on a code point).
const wellFormed = (x) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(x);
assert.equal(clipText("abc", 2), "ab");
assert.equal(clipText("a\u{1F600}b", 2), "a", "an emoji cut in half is dropped");
assert.equal(clipText("a\u{1F600}b", 3), "a\u{1F600}");
assert.equal(clipText("x\uD83Dy\uDE00", 10), "x\uFFFDy\uFFFD", "lone surrogates become U+FFFD");
assert.equal(clipText(undefined, 10), "undefined");
for (let i = 0; i < 2000; i++) {
  const units = Array.from({ length: 1 + (i % 40) }, (_, k) => [0x41, 0xd83d, 0xde00, 0xdbff, 0xdc00, 0x3c][(i * 7 + k * 13) % 6]);
  const out = clipText(String.fromCharCode(...units), i % 17);
  assert.ok(out.length <= i % 17 && wellFormed(out), `clipText case ${i}`);
}
const stats2 = new ViewerStats(() => 0);
stats2.error("boom " + "\u{1F600}".repeat(300), "x".repeat(63) + "\u{1F600}");
const ev = stats2.errorEvents[0];
assert.ok(wellFormed(ev.message) && ev.message.length <= 512 && wellFormed(ev.kind) && ev.kind.length <= 64, "error text clipped on code points");

// A 400 drops the errors that body carried: a refused error must not make every later beacon fail too.
sent.length = 0;
pending = [{ kind: "k", message: "bad" }];
const b2 = new BeaconReporter({
  url: "http://x/api/beacon", intervalMs: 60000, sessionId: "session-2", version: "0.2.0", stream: "http://x/s.m3u8",
  collect: () => ({ bytes: { http: 0, p2p: 0, uploaded: 0 } }), newErrors: () => pending.splice(0), onPolicy: () => {},
});
status = 400;
await b2.send();
assert.equal(sent[0].errors.length, 1);
status = 200;
await b2.send();
assert.deepEqual(sent[1].errors, [], "not resent after a 400");
console.log("ok");
