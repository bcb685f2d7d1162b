namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// Transport limits of the WebSocket endpoint. A limit that is hit answers with a failure reply or closes
/// only the offending connection with a clear close reason; other connections never notice.
/// </summary>
public sealed record TrackerEndpointOptions
{
    /// <summary>Largest WebSocket message accepted, in bytes (spec §2.5 point 11: ≥ 64 KiB).</summary>
    public int MaxFrameBytes { get; init; } = 64 * 1024;

    /// <summary>Concurrent WebSocket connections allowed from one remote IP address; 0 means unlimited.</summary>
    public int MaxConnectionsPerIp { get; init; } = 1000;

    /// <summary>A connection that sends nothing for this long is closed. Must exceed the announce interval.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Allowed values of the Origin header; empty allows every origin (`--allow-origin`).</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
}
