namespace HlsSwarm.Protocol.Tracker;

/// <summary>The <c>event</c> field of a client announce (spec §2.2, §2.5 point 2).</summary>
public enum AnnounceEvent
{
    /// <summary>No <c>event</c> (periodic and post-reconnect announces of p2p-media-loader).</summary>
    None,

    /// <summary><c>"started"</c>: the first announce of a swarm.</summary>
    Started,

    /// <summary><c>"stopped"</c>: the peer leaves the swarm.</summary>
    Stopped,

    /// <summary><c>"completed"</c>: the peer has everything (counted as complete).</summary>
    Completed,

    /// <summary><c>"update"</c>: tolerated like an absent event (reference server behaviour).</summary>
    Update,

    /// <summary><c>"paused"</c>: tolerated like an absent event (reference server behaviour).</summary>
    Paused,
}
