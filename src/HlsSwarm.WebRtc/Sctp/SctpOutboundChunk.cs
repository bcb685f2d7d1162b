namespace HlsSwarm.WebRtc.Sctp;

/// <summary>One DATA fragment on the sending side, from queueing until it is acknowledged or abandoned.</summary>
internal sealed class SctpOutboundChunk
{
    public required SctpOutboundMessage Message { get; init; }

    public required ReadOnlyMemory<byte> Payload { get; init; }

    public bool Beginning { get; init; }

    public bool Ending { get; init; }

    /// <summary>Assigned when first sent.</summary>
    public uint Tsn;

    /// <summary>Time of the last transmission (ticks).</summary>
    public long SentAt;

    public int Transmissions;

    /// <summary>In the current flight size (sent, not acked, not marked for retransmission).</summary>
    public bool InFlight;

    /// <summary>Covered by a gap ack block of the latest SACK.</summary>
    public bool GapAcked;

    /// <summary>Waiting to be retransmitted.</summary>
    public bool NeedsRetransmit;

    /// <summary>Already fast-retransmitted once (RFC 9260 §7.2.4: only once per chunk).</summary>
    public bool FastRetransmitted;

    public int MissIndications;

    public bool Abandoned;
}
