namespace HlsSwarm.WebRtc;

/// <summary>
/// The sans-I/O loop contract of a datagram-level core (style.md §3): packets and the time in, packets, events and
/// the next wake-up out; no sockets, timers or threads. <see cref="Sctp.SctpAssociation"/> and
/// <see cref="Dcep.DataChannelEndpoint"/> have it, so one driver (the UDP loop, or a virtual-time test network) runs either.
/// </summary>
/// <typeparam name="TEvent">What the core reports to its owner.</typeparam>
public interface ISansIoEndpoint<TEvent>
{
    /// <summary>Feeds one received packet at time <paramref name="now"/> (ticks).</summary>
    void HandleReceive(long now, ReadOnlySpan<byte> packet);

    /// <summary>Runs the timers due at <paramref name="now"/>.</summary>
    void HandleTimeout(long now);

    /// <summary>The next time <see cref="HandleTimeout"/> must be called, or null when no timer runs.</summary>
    long? PollTimeout();

    /// <summary>Writes the next packet to send into <paramref name="destination"/>; false when there is none.</summary>
    bool TryPollTransmit(long now, Span<byte> destination, out int length);

    /// <summary>Takes the next event; false when there is none.</summary>
    bool TryPollEvent(out TEvent evt);
}
