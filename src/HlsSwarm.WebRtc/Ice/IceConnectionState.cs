namespace HlsSwarm.WebRtc.Ice;

/// <summary>
/// Agent state, named as <c>RTCIceConnectionState</c> (<see href="https://www.w3.org/TR/webrtc/#rtciceconnectionstate-enum">W3C
/// WebRTC §5.6</see>) so the composed PeerConnection can mirror it.
/// </summary>
public enum IceConnectionState
{
    /// <summary>No checks yet (remote credentials unknown).</summary>
    New,

    /// <summary>Checks are running and no pair has succeeded.</summary>
    Checking,

    /// <summary>A pair works (a selected pair exists) but nomination has not completed.</summary>
    Connected,

    /// <summary>A pair is nominated and selected (RFC 8445 §8.1).</summary>
    Completed,

    /// <summary>Every pair failed, the connect timeout passed, or consent expired (RFC 7675 §5.1).</summary>
    Failed,

    /// <summary>The selected pair has been silent for a while; may return to connected/completed.</summary>
    Disconnected,

    /// <summary><see cref="IceAgent.Close"/> was called.</summary>
    Closed,
}
