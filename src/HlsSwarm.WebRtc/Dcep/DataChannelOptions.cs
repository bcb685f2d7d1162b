namespace HlsSwarm.WebRtc.Dcep;

/// <summary>What <see cref="DataChannelEndpoint.Open"/> asks for (the W3C RTCDataChannelInit subset DCEP carries).</summary>
public sealed record DataChannelOptions
{
    /// <summary>Deliver in order.</summary>
    public bool Ordered { get; init; } = true;

    /// <summary>Partial reliability by retransmission count; null for none.</summary>
    public int? MaxRetransmits { get; init; }

    /// <summary>Partial reliability by lifetime in milliseconds; null for none. Ignored when <see cref="MaxRetransmits"/> is set.</summary>
    public int? MaxPacketLifeTime { get; init; }

    /// <summary>Subprotocol name.</summary>
    public string Protocol { get; init; } = "";

    /// <summary>DCEP priority (RFC 8831 §6.4: 128 below normal, 256 normal, 512 high, 1024 extra high).</summary>
    public ushort Priority { get; init; } = 256;

    /// <summary>The DCEP channel type these options give.</summary>
    public DataChannelType ChannelType =>
        (DataChannelType)((Ordered ? 0 : 0x80) | (MaxRetransmits is not null ? 1 : MaxPacketLifeTime is not null ? 2 : 0));

    /// <summary>The DCEP reliability parameter these options give.</summary>
    public uint ReliabilityParameter => (uint)(MaxRetransmits ?? MaxPacketLifeTime ?? 0);
}
