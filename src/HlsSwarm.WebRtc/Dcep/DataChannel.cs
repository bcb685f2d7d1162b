namespace HlsSwarm.WebRtc.Dcep;

/// <summary>One data channel of a <see cref="DataChannelEndpoint"/>: its DCEP parameters and state.</summary>
public sealed class DataChannel
{
    internal DataChannel(ushort id, DcepOpen open, bool local)
    {
        Id = id;
        Label = open.Label;
        Protocol = open.Protocol;
        ChannelType = open.ChannelType;
        ReliabilityParameter = open.ReliabilityParameter;
        Priority = open.Priority;
        IsLocal = local;
    }

    /// <summary>The SCTP stream id (both directions).</summary>
    public ushort Id { get; }

    /// <summary>Label.</summary>
    public string Label { get; }

    /// <summary>Subprotocol.</summary>
    public string Protocol { get; }

    /// <summary>Ordering and reliability.</summary>
    public DataChannelType ChannelType { get; }

    /// <summary>Retransmissions or lifetime in ms, per <see cref="ChannelType"/>.</summary>
    public uint ReliabilityParameter { get; }

    /// <summary>Priority.</summary>
    public ushort Priority { get; }

    /// <summary>True when we opened it.</summary>
    public bool IsLocal { get; }

    /// <summary>Current state.</summary>
    public DataChannelState State { get; internal set; }

    /// <summary>The bufferedAmount at or below which a <see cref="DataChannelEventKind.BufferedAmountLow"/> event fires.</summary>
    public long BufferedAmountLowThreshold { get; set; }

    /// <summary>True once the peer acknowledged our OPEN (or for channels the peer opened).</summary>
    public bool Acked { get; internal set; }

    internal long LastBuffered { get; set; }

    internal bool IncomingReset { get; set; }

    internal bool OutgoingReset { get; set; }

    /// <summary>True for unordered channel types.</summary>
    public bool Unordered => ((byte)ChannelType & 0x80) != 0;
}
