// Applies the server's P2P policy (GET /api/policy, and every beacon response) to p2p-media-loader:
// core.applyDynamicConfig({ isP2PDisabled, isP2PUploadDisabled }) only when the decision changes.

/** The policy assumed until the server answers, and when it cannot (no analytics on the server: P2P as configured). */
export const DEFAULT_POLICY = Object.freeze({
  version: 0, p2p: true, group: "p2p", reason: "default", uploadCapBytesPerSec: null, uploadOnMetered: true,
  refreshMs: 5000,
});

/** Whether this device is on a metered connection (Network Information API; absent in Firefox and Safari). */
export function isMetered(nav = globalThis.navigator) {
  const c = nav && nav.connection;
  return !!c && (c.type === "cellular" || c.saveData === true);
}

/** Whether a response body looks like a policy document (the server may be an older build without analytics). */
export function isPolicy(x) {
  return !!x && typeof x === "object" && typeof x.p2p === "boolean";
}

export class PolicyController {
  /**
   * @param {(config: object) => void} applyCore  applies a DynamicCoreConfig to the p2p-media-loader core
   * @param {{ forcedOff?: boolean, metered?: () => boolean, now?: () => number }} [options]
   *   forcedOff: the page asked for plain HTTP (`p2pDisabled`), which no policy turns on
   */
  constructor(applyCore, options = {}) {
    this.applyCore = applyCore;
    this.forcedOff = !!options.forcedOff;
    this.metered = options.metered || (() => isMetered());
    this.now = options.now || (() => performance.now());
    this.policy = { ...DEFAULT_POLICY };
    this.p2pDisabled = this.forcedOff;
    this.uploadDisabled = false;
    // Upload cap: bytes uploaded in the current 1 s window. Approximate by design: the core cannot be asked to
    // slow down, so once the window's budget is used upload is turned off until the window ends.
    this.windowStart = this.now();
    this.windowBytes = 0;
    this.capReached = false;
  }

  /** What the player applies now. */
  get p2pEnabled() { return !this.p2pDisabled; }

  /** Takes a policy from the server (ignored unless it looks like one) and applies it. */
  update(policy) {
    if (!isPolicy(policy)) return false;
    this.policy = { ...DEFAULT_POLICY, ...policy };
    this.apply();
    return true;
  }

  /** Counts uploaded bytes against the cap. */
  uploaded(bytes) {
    this.rollWindow();
    this.windowBytes += bytes;
    const cap = this.policy.uploadCapBytesPerSec;
    if (typeof cap === "number" && cap >= 0 && this.windowBytes >= cap && !this.capReached) {
      this.capReached = true;
      this.apply();
    }
  }

  /** Called every second: a new window re-opens upload if the cap had closed it. */
  tick() {
    if (this.rollWindow()) this.apply();
  }

  rollWindow() {
    const t = this.now();
    if (t - this.windowStart < 1000) return false;
    this.windowStart = t;
    this.windowBytes = 0;
    const was = this.capReached;
    this.capReached = false;
    return was;
  }

  apply() {
    const p2pDisabled = this.forcedOff || !this.policy.p2p;
    const uploadDisabled = p2pDisabled || this.capReached || (this.metered() && !this.policy.uploadOnMetered);
    const change = {};
    if (p2pDisabled !== this.p2pDisabled) change.isP2PDisabled = p2pDisabled;
    if (uploadDisabled !== this.uploadDisabled) change.isP2PUploadDisabled = uploadDisabled;
    this.p2pDisabled = p2pDisabled;
    this.uploadDisabled = uploadDisabled;
    if (Object.keys(change).length > 0) this.applyCore(change);
  }

  snapshot() {
    return { ...this.policy, applied: { p2p: !this.p2pDisabled, upload: !this.uploadDisabled, metered: this.metered() } };
  }
}
