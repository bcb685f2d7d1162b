namespace HlsSwarm.Server.Analytics;

/// <summary>One stream's state in memory: its sessions, 10 s series buckets, failure counts and recent transfers.</summary>
internal sealed class StreamAggregate(string key)
{
    public string Key { get; } = key;
    /// <summary>The stream's sessions, most recently seen first: the live ones are a prefix, so counting them costs O(live).</summary>
    public LinkedList<ViewerSession> Recent { get; } = new();
    public Dictionary<long, SeriesBucket> Series { get; } = [];
    public Dictionary<string, long> Failures { get; } = new(StringComparer.Ordinal);
    public Queue<TransferEvent> Transfers { get; } = new();
    public long Http { get; set; }
    public long P2p { get; set; }
    public long Uploaded { get; set; }
}
