// HlsSwarm P2P tuning: the ONE place where the scheduler and player settings that decide how much
// traffic goes peer-to-peer are chosen. Every value can be overridden per call:
//   HlsSwarm.attach(video, url, { tuning: { live: { highDemandTimeWindow: 6 } } })
// Units: seconds unless the name ends in Ms. See web/README.md ("P2P configuration") for the reasoning.
//
// Why not the library defaults? p2p-media-loader fetches everything inside highDemandTimeWindow (15 s) by
// HTTP. Near the live edge every peer asks for the newest segment at the same moment, so with defaults
// live P2P is ~0. We keep players far enough behind the edge that a new segment spends ~12 s outside the
// high-demand window: one peer fetches it by HTTP (random HTTP seeding, §5.4 of the protocol spec) and
// the others take it from that peer.
export const P2P_TUNING = Object.freeze({
  live: Object.freeze({
    // hls.js: sit 9 segments (18 s with 2 s segments) behind the live edge instead of 3 (6 s).
    // Latency cost: about +12 s (glass-to-glass ~20 s instead of ~8 s). Needs a playlist window of at
    // least ~12 segments; the demo live channel lists 12 (hlsswarm serve --live-window).
    // Why 9 and not 7: a new segment must be fetched by one peer (random HTTP seeding) before it becomes
    // urgent for all of them, or every viewer fetches it from the origin at the same moment. p2p-media-loader
    // seeds at a swarm-wide rate of about one segment per (1 + peers/2) s, so with 8 viewers the 10 s of slack
    // that 7 segments leave missed up to ~10 % of the segments (measured 0.906 of the ceiling in one run, 0.97 in
    // two others); with 9 segments (12 s of slack, see the windows below) 0.979-0.984 in three runs.
    liveSyncDurationCount: 9,
    // hls.js: if the player drifts more than 11 segments behind the edge, it jumps back to the sync point.
    liveMaxLatencyDurationCount: 11,
    // p2p-media-loader core: only the next 4 s are urgent (HTTP even if a peer has them).
    highDemandTimeWindow: 4,
    // Random HTTP seeding and P2P prefetch look 16 s ahead: a new segment (18 s ahead when it appears)
    // becomes a seeding candidate 2 s later and has 12 s until it is urgent.
    httpDownloadTimeWindow: 16,
    p2pDownloadTimeWindow: 16,
    simultaneousHttpDownloads: 1,
    simultaneousP2PDownloads: 3,
    // A new viewer waits 1.5 s before its first HTTP request, so that its first segments come from the peers
    // it connects to meanwhile (0.5-1 s on a LAN) instead of from the origin a second time. Start-up cost:
    // the first viewer of a swarm starts ~1.5 s later; viewers who find peers start in 0.5-1 s from a peer.
    httpDownloadInitialTimeoutMs: 1500,
  }),
  vod: Object.freeze({
    // Only the next 4 s (2 segments of 2 s) are urgent (HTTP even if a peer has them; the library default
    // is 15 s, which makes every new viewer fetch its first 15 s from the origin). Everything further ahead
    // is left to peers and to the random HTTP seeding. Measured: 6 s gave 0.89 of the ceiling at 8 viewers,
    // 4 s (with the initial delay below) 1.00, no stall (docs/benchmarks.md).
    highDemandTimeWindow: 4,
    // Random HTTP seeding looks 30 s ahead: each of n+1 peers fetches ~1/(n+1) of those segments by HTTP
    // and shares them, instead of all peers fetching all of them.
    httpDownloadTimeWindow: 30,
    // P2P prefetch looks 90 s ahead.
    p2pDownloadTimeWindow: 90,
    // One HTTP download at a time per peer: less duplicate origin traffic while peers fill in.
    simultaneousHttpDownloads: 1,
    simultaneousP2PDownloads: 3,
    // As for live: try peers for 1.5 s before the first HTTP request.
    httpDownloadInitialTimeoutMs: 1500,
    // hls.js maxBufferLength is left to the p2p-media-loader engine, which sizes it from
    // highDemandTimeWindow so the core's background loader does the prefetching.
  }),
  // Both: play one fixed rendition (index into hls.js levels, which hls.js sorts by bit rate: 0 = the lowest; -1 = adaptive bit rate). Every level is
  // its own swarm, so ABR splits viewers into smaller swarms; a fixed level keeps them all in one.
  level: 0,
  // ICE servers for WebRTC. None by default: the demo and the tests run on one LAN/host, and an unreachable
  // STUN server delays every announce (p2p-media-loader waits for ICE gathering to finish). For viewers on
  // the internet, pass e.g. [{ urls: "stun:stun.l.google.com:19302" }].
  iceServers: Object.freeze([]),
});
