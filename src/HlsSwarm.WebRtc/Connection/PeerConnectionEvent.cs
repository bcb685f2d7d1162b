using HlsSwarm.WebRtc.Ice;

namespace HlsSwarm.WebRtc.Connection;

/// <summary>Something a <see cref="PeerConnection"/> reports; <see cref="Kind"/> says which fields are set.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="State">For <see cref="PeerConnectionEventKind.StateChanged"/>: the new state.</param>
/// <param name="IceState">For <see cref="PeerConnectionEventKind.IceStateChanged"/>: ICE's new state.</param>
/// <param name="ChannelId">For channel events: the SCTP stream id of the channel.</param>
/// <param name="Label">For <see cref="PeerConnectionEventKind.ChannelOpen"/>: the channel's label.</param>
/// <param name="Data">For <see cref="PeerConnectionEventKind.Message"/>: the message (owned by the receiver).</param>
/// <param name="IsString">For <see cref="PeerConnectionEventKind.Message"/>: a UTF-8 string message (PPID 51/56).</param>
/// <param name="Reason">For <see cref="PeerConnectionEventKind.Closed"/> and <see cref="PeerConnectionEventKind.Failed"/>.</param>
public readonly record struct PeerConnectionEvent(
    PeerConnectionEventKind Kind,
    PeerConnectionState State = PeerConnectionState.New,
    IceConnectionState IceState = IceConnectionState.New,
    ushort ChannelId = 0,
    string? Label = null,
    byte[]? Data = null,
    bool IsString = false,
    string? Reason = null);
