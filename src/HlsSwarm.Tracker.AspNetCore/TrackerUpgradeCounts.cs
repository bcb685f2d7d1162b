namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>Accepted WebSockets by path, in <c>/stats</c>.</summary>
/// <param name="ConnectionLevel">Taken by the Kestrel connection-level fast path.</param>
/// <param name="Http">Taken through the ASP.NET Core HTTP pipeline.</param>
public sealed record TrackerUpgradeCounts(long ConnectionLevel, long Http);
