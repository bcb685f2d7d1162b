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

    /// <summary>
    /// Bytes that may wait in one connection's send queue; a client that reads slower than this is disconnected
    /// (aborted) so it never holds back the tracker or other clients.
    /// </summary>
    public int MaxSendQueueBytes { get; init; } = 1024 * 1024;

    /// <summary>How often the driver checks idle connections and peer expiry.</summary>
    public TimeSpan HousekeepingPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a connection the tracker closed may take to answer the close frame before it is aborted.</summary>
    public TimeSpan CloseGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages (and connection events) that may wait for the tracker loop before readers are slowed down.</summary>
    public int WorkQueueCapacity { get; init; } = 8192;

    /// <summary>
    /// Take plain HTTP/1.1 WebSocket upgrades for <c>/</c> and <c>/announce</c> at the Kestrel connection level
    /// (no HTTP pipeline objects kept per connection: about half the memory of an idle connection). Other
    /// requests, TLS and HTTP/2 always use the ASP.NET Core pipeline.
    /// </summary>
    public bool ConnectionLevelWebSockets { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first nonsense value.</summary>
    /// <param name="core">The core options, to check the idle timeout against the announce interval (optional).</param>
    public void Validate(TrackerOptions? core = null)
    {
        if (MaxFrameBytes < 1024)
        {
            throw new ArgumentException($"MaxFrameBytes must be at least 1024 (spec §2.5 point 11 asks for ≥ 65536), got {MaxFrameBytes}.");
        }

        if (MaxConnectionsPerIp < 0)
        {
            throw new ArgumentException($"MaxConnectionsPerIp must be 0 (unlimited) or positive, got {MaxConnectionsPerIp}.");
        }

        if (IdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"IdleTimeout must be positive, got {IdleTimeout}.");
        }

        if (core is not null && IdleTimeout <= core.AnnounceInterval)
        {
            throw new ArgumentException($"IdleTimeout ({IdleTimeout}) must exceed the announce interval ({core.AnnounceInterval}), or every well-behaved client is cut off.");
        }

        if (MaxSendQueueBytes < MaxFrameBytes)
        {
            throw new ArgumentException($"MaxSendQueueBytes ({MaxSendQueueBytes}) must be at least MaxFrameBytes ({MaxFrameBytes}).");
        }

        if (HousekeepingPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"HousekeepingPeriod must be positive, got {HousekeepingPeriod}.");
        }

        if (CloseGracePeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"CloseGracePeriod must be positive, got {CloseGracePeriod}.");
        }

        if (WorkQueueCapacity < 16)
        {
            throw new ArgumentException($"WorkQueueCapacity must be at least 16, got {WorkQueueCapacity}.");
        }

        ArgumentNullException.ThrowIfNull(AllowedOrigins, nameof(AllowedOrigins));
    }
}
