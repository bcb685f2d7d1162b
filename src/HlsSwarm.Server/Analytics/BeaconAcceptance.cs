namespace HlsSwarm.Server.Analytics;

/// <summary>What <see cref="ViewerAggregates.Accept"/> did with a valid beacon.</summary>
public enum BeaconAcceptance
{
    /// <summary>Counted; the caller stores it.</summary>
    Accepted,

    /// <summary>Its <c>seq</c> is not above the session's last one (a duplicate or a late retry): 409, not stored.</summary>
    Stale,

    /// <summary>It names a new stream beyond <see cref="AnalyticsOptions.MaxStreams"/>: 400, not stored.</summary>
    TooManyStreams,

    /// <summary>It opens a session beyond <see cref="AnalyticsOptions.MaxSessions"/>: 503, not stored.</summary>
    TooManySessions,
}
