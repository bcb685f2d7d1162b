using System.Collections.Concurrent;

namespace HlsSwarm.Tracker.LoadTest;

/// <summary>Cumulative event counts of one run; every field is updated with <see cref="Interlocked"/>.</summary>
internal sealed class Counters
{
    public long AnnouncesSent;
    public long OffersSent;
    public long AnswersSent;
    public long SkippedAnnounces;
    public long SendErrors;
    public long Responses;
    public long AnnounceReplies;
    public long OfferRelays;
    public long AnswerRelays;
    public long Failures;
    public long Other;
    public long Malformed;
    public long WrongInfoHash;
    public long SelfOffers;
    public long Misrouted;
    public long BadTimestamp;
    public long UnexpectedCloses;
    public long ConnectFailures;

    public Counters Snapshot() => new()
    {
        AnnouncesSent = Interlocked.Read(ref AnnouncesSent),
        OffersSent = Interlocked.Read(ref OffersSent),
        AnswersSent = Interlocked.Read(ref AnswersSent),
        SkippedAnnounces = Interlocked.Read(ref SkippedAnnounces),
        SendErrors = Interlocked.Read(ref SendErrors),
        Responses = Interlocked.Read(ref Responses),
        AnnounceReplies = Interlocked.Read(ref AnnounceReplies),
        OfferRelays = Interlocked.Read(ref OfferRelays),
        AnswerRelays = Interlocked.Read(ref AnswerRelays),
        Failures = Interlocked.Read(ref Failures),
        Other = Interlocked.Read(ref Other),
        Malformed = Interlocked.Read(ref Malformed),
        WrongInfoHash = Interlocked.Read(ref WrongInfoHash),
        SelfOffers = Interlocked.Read(ref SelfOffers),
        Misrouted = Interlocked.Read(ref Misrouted),
        BadTimestamp = Interlocked.Read(ref BadTimestamp),
        UnexpectedCloses = Interlocked.Read(ref UnexpectedCloses),
        ConnectFailures = Interlocked.Read(ref ConnectFailures),
    };

    /// <summary>Protocol errors: anything a correct tracker never causes under this load.</summary>
    public long ProtocolErrors => Failures + Malformed + WrongInfoHash + SelfOffers + Misrouted + BadTimestamp;
}

/// <summary>Shared state of one run: counters, latency histograms and a few samples of each kind of error.</summary>
internal sealed class RunContext(LoadTestOptions options)
{
    private readonly ConcurrentDictionary<string, long> _samples = new();

    public LoadTestOptions Options { get; } = options;
    public Counters Counters { get; } = new();
    public LatencyHistogram OfferLatency { get; } = new();
    public LatencyHistogram AnswerLatency { get; } = new();

    /// <summary>XOR key for the connection index carried in every offer_id (checks that answers come back right).</summary>
    public uint OfferIdKey { get; } = (uint)Random.Shared.Next() * 2654435761u;

    /// <summary>Latencies are recorded only while this is set (the measured window).</summary>
    public volatile bool Measuring;

    /// <summary>Set when the run is over: closes after that are not errors.</summary>
    public volatile bool Stopping;

    /// <summary>Keeps up to 20 distinct error descriptions with their counts.</summary>
    public void Sample(string kind, string detail)
    {
        string key = $"{kind}: {(detail.Length > 160 ? detail[..160] + "…" : detail)}";
        if (_samples.ContainsKey(key) || _samples.Count < 20) _samples.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    public IReadOnlyDictionary<string, long> Samples => new SortedDictionary<string, long>(_samples, StringComparer.Ordinal);
}
