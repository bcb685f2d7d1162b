// The stats beacon: every few seconds the viewer's cumulative counters go to POST /api/beacon (contract in
// docs: web/README.md "Beacons and policy"); the answer is the session's effective P2P policy. On pagehide the
// last beacon goes out with navigator.sendBeacon, which the browser delivers even as the page unloads.

import { clipText } from "./text.js";

/** Beacon body version this player writes. */
export const BEACON_VERSION = 1;
const MAX_ERRORS_PER_BEACON = 10;

/** A session id: a random UUID (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newSessionId(c = globalThis.crypto) {
  if (c && typeof c.randomUUID === "function") {
    try { return c.randomUUID(); } catch { /* not a secure context */ }
  }
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class BeaconReporter {
  /**
   * @param {object} o
   *   url, intervalMs, sessionId, version (client version), stream (playlist URL)
   *   collect(): the counters of the beacon body (everything but v, sessionId, seq, client, stream, errors)
   *   newErrors(): errors since the last call, [{ kind, message }]
   *   onPolicy(policy): called with every 200 answer
   */
  constructor(o) {
    this.url = o.url;
    this.intervalMs = o.intervalMs;
    this.sessionId = o.sessionId;
    this.version = o.version;
    this.stream = clipText(o.stream, 2048);
    this.collect = o.collect;
    this.newErrors = o.newErrors;
    this.onPolicy = o.onPolicy;
    this.seq = 0;
    this.sent = 0;
    this.accepted = 0;
    this.lastStatus = null;
    this.lastBody = null;
    this.pendingErrors = [];
    this.timer = null;
    this.inFlight = false;
    this.onPageHide = () => this.sendFinal();
  }

  start() {
    if (this.timer !== null) return;
    this.timer = setInterval(() => this.send(), this.intervalMs);
    addEventListener("pagehide", this.onPageHide);
  }

  stop() {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    removeEventListener("pagehide", this.onPageHide);
  }

  body() {
    // Errors not yet accepted by the server are sent again (a lost beacon loses no error), at most 10 at a time.
    this.pendingErrors.push(...this.newErrors());
    const errors = this.pendingErrors.slice(0, MAX_ERRORS_PER_BEACON);
    this.seq += 1;
    return {
      v: BEACON_VERSION,
      sessionId: this.sessionId,
      seq: this.seq,
      client: { kind: "web", version: clipText(this.version, 32) },
      stream: this.stream,
      ...this.collect(),
      errors,
    };
  }

  /** Sends one beacon with fetch and applies the policy in the answer. Never throws. */
  async send() {
    if (this.inFlight) return;
    this.inFlight = true;
    const body = this.body();
    this.lastBody = body;
    this.sent += 1;
    try {
      const r = await fetch(this.url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        keepalive: true,
        credentials: "omit",
      });
      this.lastStatus = r.status;
      // A server without analytics (`hlsswarm serve --no-analytics`, a plain origin): stop asking.
      if (r.status === 404 || r.status === 405) this.stop();
      // 400: the server refused this body; its errors are the part most likely at fault, and sending them again
      // would make every later beacon of the session fail too.
      if (r.ok || r.status === 409 || r.status === 400) this.pendingErrors.splice(0, body.errors.length);
      if (r.ok) {
        this.accepted += 1;
        const policy = await r.json().catch(() => null);
        if (policy) this.onPolicy(policy);
      }
    } catch (e) {
      this.lastStatus = `network: ${e && e.message || e}`;
    } finally {
      this.inFlight = false;
    }
  }

  /** The page is going away: one last beacon that survives the unload (no answer is read). */
  sendFinal() {
    const body = this.body();
    this.lastBody = body;
    this.sent += 1;
    const json = JSON.stringify(body);
    // A string body goes as text/plain;charset=UTF-8, which needs no CORS preflight; the server accepts it.
    if (typeof navigator !== "undefined" && typeof navigator.sendBeacon === "function" && navigator.sendBeacon(this.url, json)) return;
    fetch(this.url, { method: "POST", headers: { "Content-Type": "application/json" }, body: json, keepalive: true })
      .catch(() => {});
  }
}
