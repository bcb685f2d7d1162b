using HlsSwarm.Protocol.Beacons;

namespace HlsSwarm.Server.Analytics;

/// <summary>One session's state in memory: its last beacon (the baseline of the next deltas) and summed deltas.</summary>
internal sealed class ViewerSession(string id, string streamKey, DateTimeOffset firstSeen)
{
    public string Id { get; } = id;
    public string StreamKey { get; set; } = streamKey;
    public DateTimeOffset FirstSeen { get; } = firstSeen;
    public DateTimeOffset LastSeen { get; set; } = firstSeen;
    public Beacon? Last { get; set; }
    public LinkedListNode<ViewerSession>? Node { get; set; }
    public long LastBucket { get; set; } = long.MinValue;
    public long Http { get; set; }
    public long P2p { get; set; }
    public long Uploaded { get; set; }
    public long StallCount { get; set; }
    public long StallMs { get; set; }
    public long PlayingMs { get; set; }
    public long ErrorCount { get; set; }
    public Dictionary<string, long> Failures { get; } = new(StringComparer.Ordinal);
    public Queue<(DateTimeOffset At, BeaconPlayerError Error)> RecentErrors { get; } = new();
}
