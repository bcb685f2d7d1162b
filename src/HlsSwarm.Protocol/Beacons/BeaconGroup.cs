namespace HlsSwarm.Protocol.Beacons;

/// <summary>The A/B group a viewer applied (<c>p2p.group</c>): the policy's stable split by session id.</summary>
public enum BeaconGroup
{
    /// <summary><c>"p2p"</c>: the viewer may use peers.</summary>
    P2p,

    /// <summary><c>"control"</c>: the viewer loads over HTTP only, for the QoE comparison.</summary>
    Control,
}
