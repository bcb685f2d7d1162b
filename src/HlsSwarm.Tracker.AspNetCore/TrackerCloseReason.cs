namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>Why the endpoint closed or aborted a connection (counted in <c>/stats</c> and <c>/metrics</c>).</summary>
public enum TrackerCloseReason
{
    /// <summary>A message exceeded <see cref="TrackerEndpointOptions.MaxFrameBytes"/> (close 1009).</summary>
    MessageTooBig,

    /// <summary>Nothing received for <see cref="TrackerEndpointOptions.IdleTimeout"/> (close 1008).</summary>
    IdleTimeout,

    /// <summary>The send queue exceeded <see cref="TrackerEndpointOptions.MaxSendQueueBytes"/> (aborted).</summary>
    SlowReader,

    /// <summary>The core closed it: rate limit ignored for too long (close 1008).</summary>
    RateLimit,

    /// <summary>No close-frame answer within <see cref="TrackerEndpointOptions.CloseGracePeriod"/> (aborted).</summary>
    CloseTimeout,
}
