namespace HlsSwarm.WebRtc.Dcep;

/// <summary>Life cycle of a data channel (the W3C RTCDataChannelState values).</summary>
public enum DataChannelState
{
    /// <summary>Opened locally; the association is not up yet.</summary>
    Connecting,

    /// <summary>Messages can flow.</summary>
    Open,

    /// <summary>Our outgoing stream reset is under way.</summary>
    Closing,

    /// <summary>Both directions reset, or the association ended.</summary>
    Closed,
}
