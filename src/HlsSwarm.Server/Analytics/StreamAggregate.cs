namespace HlsSwarm.Server.Analytics;

/// <summary>One stream's state in memory: its sessions, 10 s series buckets, failure counts and recent transfers.</summary>
internal sealed class StreamAggregate(string key)
{
    public string Key { get; } = key;
    public HashSet<ViewerSession> Sessions { get; } = [];
    public Dictionary<long, SeriesBucket> Series { get; } = [];
    public Dictionary<string, long> Failures { get; } = new(StringComparer.Ordinal);
    public Queue<TransferEvent> Transfers { get; } = new();
    public long Http { get; set; }
    public long P2p { get; set; }
    public long Uploaded { get; set; }
}
