namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>Relay counters of <c>/stats</c>.</summary>
/// <param name="Offers">Offers relayed to peers.</param>
/// <param name="Answers">Answers relayed to peers.</param>
public sealed record TrackerRelayCounts(long Offers, long Answers);
