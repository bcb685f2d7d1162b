// Live, cumulative viewer statistics, fed by hls.js, the <video> element and p2p-media-loader core events.
export class ViewerStats {
  constructor(now) {
    this.now = now;
    this.attachedAt = now();
    this.p2pDownloadedBytes = 0;
    this.p2pUploadedBytes = 0;
    this.httpDownloadedBytes = 0;
    this.peers = new Set();
    this.stalls = 0;
    this.stallMs = 0;
    this.stallStartedAt = null;
    this.startupMs = null;
    this.errors = [];
    this.p2pSegmentErrors = 0;
    this.warnings = [];
    this.isLive = null;
  }

  chunkDownloaded(bytes, source) {
    if (source === "p2p") this.p2pDownloadedBytes += bytes;
    else this.httpDownloadedBytes += bytes;
  }

  chunkUploaded(bytes) { this.p2pUploadedBytes += bytes; }
  peerConnected(key) { this.peers.add(key); }
  peerClosed(key) { this.peers.delete(key); }

  playing() {
    const t = this.now();
    if (this.startupMs === null) this.startupMs = Math.round(t - this.attachedAt);
    if (this.stallStartedAt !== null) {
      this.stallMs += t - this.stallStartedAt;
      this.stallStartedAt = null;
    }
  }

  waiting() {
    // Only a wait after playback started is a stall; the start-up wait is startupMs.
    if (this.startupMs === null || this.stallStartedAt !== null) return;
    this.stalls += 1;
    this.stallStartedAt = this.now();
  }

  warning(message) {
    if (this.warnings.length < 100) this.warnings.push(String(message));
  }

  error(message) {
    if (this.errors.length < 100) this.errors.push(String(message));
  }

  snapshot(video) {
    const p2p = this.p2pDownloadedBytes;
    const total = p2p + this.httpDownloadedBytes;
    const ongoing = this.stallStartedAt === null ? 0 : this.now() - this.stallStartedAt;
    return {
      p2pDownloadedBytes: p2p,
      p2pUploadedBytes: this.p2pUploadedBytes,
      httpDownloadedBytes: this.httpDownloadedBytes,
      p2pRatio: total === 0 ? 0 : p2p / total,
      connectedPeers: this.peers.size,
      stalls: this.stalls,
      stallMs: Math.round(this.stallMs + ongoing),
      startupMs: this.startupMs,
      playing: !!video && !video.paused && !video.ended && this.startupMs !== null && this.stallStartedAt === null,
      currentTime: video ? video.currentTime : 0,
      errors: this.errors.slice(),
      p2pSegmentErrors: this.p2pSegmentErrors,
      warnings: this.warnings.slice(),
      isLive: this.isLive,
    };
  }
}
