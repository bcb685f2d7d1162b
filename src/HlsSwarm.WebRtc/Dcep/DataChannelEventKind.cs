namespace HlsSwarm.WebRtc.Dcep;

/// <summary>What a <see cref="DataChannelEvent"/> reports.</summary>
public enum DataChannelEventKind
{
    /// <summary>The SCTP association is up.</summary>
    Connected,

    /// <summary>A channel is open: ours once the association is up, the peer's when its OPEN arrives.</summary>
    ChannelOpen,

    /// <summary>A message arrived.</summary>
    Message,

    /// <summary>The channel's bufferedAmount fell to its low-water threshold.</summary>
    BufferedAmountLow,

    /// <summary>The channel is closed.</summary>
    ChannelClosed,

    /// <summary>The association ended (<see cref="DataChannelEvent.Reason"/>); every channel is closed.</summary>
    Closed,
}
