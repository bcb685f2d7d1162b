namespace HlsSwarm.Tracker;

/// <summary>
/// Monotonic counters and gauges of one <see cref="TrackerCore"/>. Written only by the core's owner; a driver
/// copies them (<see cref="CopyTo"/>) on the owner's loop to publish them.
/// </summary>
public sealed class TrackerCounters
{
    /// <summary>Number of <see cref="TrackerMessageKind"/> values.</summary>
    public const int MessageKindCount = (int)TrackerMessageKind.Invalid + 1;

    /// <summary>Creates zeroed counters.</summary>
    public TrackerCounters()
    {
    }

    /// <summary>Open connections.</summary>
    public long Connections { get; internal set; }

    /// <summary>Swarms with at least one peer.</summary>
    public long Swarms { get; internal set; }

    /// <summary>Registered (info_hash, peer_id) pairs over all swarms.</summary>
    public long Peers { get; internal set; }

    /// <summary>Registered peers that announced <c>completed</c> or <c>left = 0</c> (seeders; the rest are leechers).</summary>
    public long CompletePeers { get; internal set; }

    /// <summary>Messages received, indexed by <see cref="TrackerMessageKind"/>.</summary>
    public long[] MessagesByKind { get; } = new long[MessageKindCount];

    /// <summary>Offers relayed to peers.</summary>
    public long OffersRelayed { get; internal set; }

    /// <summary>Answers relayed to peers.</summary>
    public long AnswersRelayed { get; internal set; }

    /// <summary>Answers dropped because <c>to_peer_id</c> is not in the swarm.</summary>
    public long AnswersDropped { get; internal set; }

    /// <summary>Peers removed by expiry (not refreshed for 2 × interval).</summary>
    public long PeersExpired { get; internal set; }

    /// <summary>Failure replies sent, indexed by <see cref="TrackerFailure"/>.</summary>
    public long[] FailuresByReason { get; } = new long[TrackerFailureText.Count];

    /// <summary>Connections the core asked to close (rate-limit abuse).</summary>
    public long ConnectionsClosedByPolicy { get; internal set; }

    /// <summary>Copies every value into <paramref name="target"/> (for a snapshot taken on the owner's loop).</summary>
    public void CopyTo(TrackerCounters target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Connections = Connections;
        target.Swarms = Swarms;
        target.Peers = Peers;
        target.CompletePeers = CompletePeers;
        MessagesByKind.CopyTo(target.MessagesByKind, 0);
        target.OffersRelayed = OffersRelayed;
        target.AnswersRelayed = AnswersRelayed;
        target.AnswersDropped = AnswersDropped;
        target.PeersExpired = PeersExpired;
        FailuresByReason.CopyTo(target.FailuresByReason, 0);
        target.ConnectionsClosedByPolicy = ConnectionsClosedByPolicy;
    }
}
