namespace HlsSwarm.Tracker;

/// <summary>What a <see cref="TrackerClusterWork"/> item asks the cluster backplane to do.</summary>
public enum TrackerClusterWorkKind
{
    /// <summary>
    /// A peer announced (registration refreshed); <see cref="TrackerClusterWork.Count"/> unaddressed
    /// <see cref="Offer"/> items follow, for the backplane to send to that many random distinct peers of the swarm.
    /// </summary>
    Announce,

    /// <summary>One offer relay message (spec §2.3); its target is chosen by the backplane.</summary>
    Offer,

    /// <summary>An answer relay message for <see cref="TrackerClusterWork.ToPeerId"/>, which is not on this node.</summary>
    Answer,
}
