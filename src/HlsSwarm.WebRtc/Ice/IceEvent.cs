namespace HlsSwarm.WebRtc.Ice;

/// <summary>Something the driver or the PeerConnection should know; <see cref="Kind"/> says which fields are set.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="State">The new state, for <see cref="IceEventKind.StateChanged"/>.</param>
/// <param name="Pair">The selected pair, for <see cref="IceEventKind.SelectedPairChanged"/>.</param>
/// <param name="Candidate">The new local candidate, for <see cref="IceEventKind.LocalCandidate"/>.</param>
/// <param name="Role">The new role, for <see cref="IceEventKind.RoleChanged"/>.</param>
public readonly record struct IceEvent(
    IceEventKind Kind,
    IceConnectionState State = IceConnectionState.New,
    IceCandidatePair? Pair = null,
    IceCandidate? Candidate = null,
    IceRole Role = IceRole.Controlling);
