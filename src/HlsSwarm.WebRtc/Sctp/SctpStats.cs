namespace HlsSwarm.WebRtc.Sctp;

/// <summary>Counters of one association.</summary>
public sealed class SctpStats
{
    /// <summary>Packets handed to the driver.</summary>
    public long PacketsSent { get; internal set; }

    /// <summary>Packets taken from the driver.</summary>
    public long PacketsReceived { get; internal set; }

    /// <summary>Packets dropped: bad checksum, bad tag, malformed chunks.</summary>
    public long PacketsDropped { get; internal set; }

    /// <summary>DATA chunks sent for the first time.</summary>
    public long DataChunksSent { get; internal set; }

    /// <summary>DATA chunks retransmitted after T3-rtx expiry.</summary>
    public long TimeoutRetransmissions { get; internal set; }

    /// <summary>DATA chunks fast-retransmitted (RFC 9260 §7.2.4).</summary>
    public long FastRetransmissions { get; internal set; }

    /// <summary>T3-rtx expiries.</summary>
    public long T3Expiries { get; internal set; }

    /// <summary>Duplicate DATA chunks received.</summary>
    public long DuplicatesReceived { get; internal set; }

    /// <summary>Messages abandoned by partial reliability.</summary>
    public long MessagesAbandoned { get; internal set; }

    /// <summary>SACKs sent.</summary>
    public long SacksSent { get; internal set; }

    /// <summary>HEARTBEATs sent.</summary>
    public long HeartbeatsSent { get; internal set; }

    /// <summary>HEARTBEAT ACKs received that answered one of our heartbeats (RFC 9260 §8.3).</summary>
    public long HeartbeatAcksReceived { get; internal set; }

    /// <summary>Zero-window probes sent (RFC 9260 §6.1 rule A).</summary>
    public long ZeroWindowProbes { get; internal set; }
}
