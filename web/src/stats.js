// Live, cumulative viewer statistics, fed by hls.js, the <video> element and p2p-media-loader core events.
// The beacon (beacon.js) sends these counters as they are: cumulative since attach, so a lost beacon loses nothing.

import { clipText } from "./text.js";

/** Most distinct peer-failure reasons kept (the beacon contract allows 16; the rest count as "other"). */
const MAX_FAILURE_REASONS = 16;
/** Most remote peers tracked per session for the who-sends-to-whom graph (the beacon contract allows 64). */
const MAX_TRANSFER_PEERS = 64;

export class ViewerStats {
  constructor(now) {
    this.now = now;
    this.attachedAt = now();
    this.p2pDownloadedBytes = 0;
    this.p2pUploadedBytes = 0;
    this.httpDownloadedBytes = 0;
    // Segments hls.js fetched with its own loader because P2P was off (policy or option): the core does not see
    // them, so they are counted from hls.js FRAG_LOADED instead (see index.js).
    this.httpBypassBytes = 0;
    this.peers = new Set();
    this.peerAttempts = new Set();
    this.peerFailures = {};
    this.transfers = new Map();
    this.stalls = 0;
    this.stallMs = 0;
    this.stallStartedAt = null;
    this.playingMs = 0;
    this.playingSince = null;
    this.startupMs = null;
    this.errors = [];
    this.errorEvents = [];
    this.p2pSegmentErrors = 0;
    this.warnings = [];
    this.isLive = null;
  }

  chunkDownloaded(bytes, source, peerId) {
    if (source === "p2p") {
      this.p2pDownloadedBytes += bytes;
      this.transfer(peerId, bytes, 0);
    } else {
      this.httpDownloadedBytes += bytes;
    }
  }

  chunkUploaded(bytes, peerId) {
    this.p2pUploadedBytes += bytes;
    this.transfer(peerId, 0, bytes);
  }

  httpBypassed(bytes) { this.httpBypassBytes += bytes; }

  transfer(peerId, down, up) {
    if (!peerId) return;
    let t = this.transfers.get(peerId);
    if (!t) {
      if (this.transfers.size >= MAX_TRANSFER_PEERS) return;
      t = { down: 0, up: 0 };
      this.transfers.set(peerId, t);
    }
    t.down += down;
    t.up += up;
  }

  peerConnected(key) {
    this.peers.add(key);
    this.peerAttempts.add(key);
  }

  peerClosed(key) { this.peers.delete(key); }

  /** A peer connection failed; `reason` is the error's code (simple-peer's ERR_…) or name. */
  peerFailed(key, reason) {
    this.peerAttempts.add(key);
    let r = clipText(String(reason || "error").toLowerCase().replace(/^err_/, "").replace(/_/g, "-"), 64);
    if (!(r in this.peerFailures) && Object.keys(this.peerFailures).length >= MAX_FAILURE_REASONS - 1) r = "other";
    this.peerFailures[r] = (this.peerFailures[r] || 0) + 1;
  }

  playing() {
    const t = this.now();
    if (this.startupMs === null) this.startupMs = Math.round(t - this.attachedAt);
    if (this.stallStartedAt !== null) {
      this.stallMs += t - this.stallStartedAt;
      this.stallStartedAt = null;
    }
    if (this.playingSince === null) this.playingSince = t;
  }

  waiting() {
    this.stopPlaying();
    // Only a wait after playback started is a stall; the start-up wait is startupMs.
    if (this.startupMs === null || this.stallStartedAt !== null) return;
    this.stalls += 1;
    this.stallStartedAt = this.now();
  }

  /** The video paused or ended: the time from now on is neither playing nor a stall. */
  stopPlaying() {
    if (this.playingSince === null) return;
    this.playingMs += this.now() - this.playingSince;
    this.playingSince = null;
  }

  warning(message) {
    if (this.warnings.length < 100) this.warnings.push(String(message));
  }

  /** Records a player error; `kind` groups it in the dashboard (hls.js type, "segment-http", "tracker", "video"). */
  error(message, kind = "player") {
    if (this.errors.length < 100) {
      this.errors.push(String(message));
      this.errorEvents.push({ kind: clipText(kind, 64), message: clipText(message, 512) });
    }
  }

  playingMsNow() {
    return Math.round(this.playingMs + (this.playingSince === null ? 0 : this.now() - this.playingSince));
  }

  transfersList() {
    return Array.from(this.transfers, ([peerId, t]) => ({ peerId, down: t.down, up: t.up }));
  }

  snapshot(video) {
    const p2p = this.p2pDownloadedBytes;
    const http = this.httpDownloadedBytes + this.httpBypassBytes;
    const total = p2p + http;
    const ongoing = this.stallStartedAt === null ? 0 : this.now() - this.stallStartedAt;
    return {
      p2pDownloadedBytes: p2p,
      p2pUploadedBytes: this.p2pUploadedBytes,
      httpDownloadedBytes: http,
      httpBypassBytes: this.httpBypassBytes,
      p2pRatio: total === 0 ? 0 : p2p / total,
      connectedPeers: this.peers.size,
      peerAttempts: this.peerAttempts.size,
      peerFailures: { ...this.peerFailures },
      transfers: this.transfersList(),
      stalls: this.stalls,
      stallMs: Math.round(this.stallMs + ongoing),
      startupMs: this.startupMs,
      playingMs: this.playingMsNow(),
      playing: !!video && !video.paused && !video.ended && this.startupMs !== null && this.stallStartedAt === null,
      currentTime: video ? video.currentTime : 0,
      errors: this.errors.slice(),
      p2pSegmentErrors: this.p2pSegmentErrors,
      warnings: this.warnings.slice(),
      isLive: this.isLive,
    };
  }
}
