using System.Globalization;
using System.Text;

namespace HlsSwarm.Tracker.LoadTest;

/// <summary>The result of one run; serialised with snake_case names for <c>--json</c>.</summary>
internal sealed record LoadReport
{
    public required string Label { get; init; }
    public required string Mode { get; init; }
    public required string Url { get; init; }
    public int Nodes { get; init; } = 1;
    public required int Connections { get; init; }
    public required int Swarms { get; init; }
    public required double IntervalS { get; init; }
    public required int OffersPerAnnounce { get; init; }
    public required int OfferSdpChars { get; init; }
    public required int AnswerSdpChars { get; init; }
    public required int Connected { get; init; }
    public required double RampUpS { get; init; }
    public double WarmupS { get; init; }
    public double WindowS { get; init; }
    public double OfferedAnnouncesPerS { get; init; }
    public WindowCounts? Sent { get; init; }
    public ReceivedCounts? Received { get; init; }
    public Rates? Rates { get; init; }
    public LatencySummary? OfferLatencyMs { get; init; }
    public LatencySummary? AnswerLatencyMs { get; init; }
    public required ErrorCounts Errors { get; init; }
    public required IReadOnlyDictionary<string, long> ErrorSamples { get; init; }
    public TrackerFigures? Tracker { get; init; }
    public RedisFigures? Redis { get; init; }
    public double GeneratorCpuShare { get; init; }
    public IReadOnlyList<CoreBusy>? Cores { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        sb.AppendLine(ci, $"== {Label} [{Mode}] {Url}: {Connections} connections, {Swarms} swarms, interval {IntervalS} s, {OffersPerAnnounce} offers/announce (SDP {OfferSdpChars}/{AnswerSdpChars} chars)");
        sb.AppendLine(ci, $"connected {Connected}/{Connections} in {RampUpS:F1} s");
        if (Rates is { } r && Received is { } rc && Sent is { } s)
        {
            sb.AppendLine(ci, $"window {WindowS:F1} s after {WarmupS:F1} s warm-up; offered {OfferedAnnouncesPerS:F0} announces/s");
            sb.AppendLine(ci, $"sent:     announces {r.AnnouncesSentPerS,10:F0}/s  answers {r.AnswersSentPerS,10:F0}/s  skipped announces {s.SkippedAnnounces} (previous still unsent)");
            sb.AppendLine(ci, $"received: responses {r.ResponsesPerS,10:F0}/s  replies {r.AnnounceRepliesPerS,10:F0}/s  offers {r.OfferRelaysPerS,10:F0}/s  answers {r.AnswerRelaysPerS,10:F0}/s  other {rc.Other}");
            sb.AppendLine(ci, $"latency ms: offer p50 {OfferLatencyMs?.P50:F2} p99 {OfferLatencyMs?.P99:F2} max {OfferLatencyMs?.Max:F2} (n={OfferLatencyMs?.Count}) | answer p50 {AnswerLatencyMs?.P50:F2} p99 {AnswerLatencyMs?.P99:F2} max {AnswerLatencyMs?.Max:F2} (n={AnswerLatencyMs?.Count})");
        }
        sb.AppendLine(ci, $"errors: protocol {Errors.Protocol} (failure {Errors.FailureReplies}, malformed {Errors.Malformed}, wrong info_hash {Errors.WrongInfoHash}, self offers {Errors.SelfOffers}, misrouted answers {Errors.MisroutedAnswers}, bad sdp {Errors.BadTimestamps}), unexpected closes {Errors.UnexpectedCloses}, connect failures {Errors.ConnectFailures}, send errors {Errors.SendErrors}");
        foreach (var (k, v) in ErrorSamples) sb.AppendLine(ci, $"  {v,6} × {k}");
        if (Tracker is { } t)
        {
            sb.AppendLine(ci, $"tracker pid {t.Pid} ({Nodes} node(s)): cpu {t.CpuSeconds:F2} s = {t.CpuShare * 100:F1} % of one core; {t.ResponsesPerCpuSecond:F0} responses per CPU-second; {t.CpuMicrosPerMessage:F1} µs per message, {t.CpuMicrosPerAnnounce:F0} µs per announce");
            string marginal = t.RssMidKiB is { } mid
                ? string.Create(ci, $" (at half: {mid:F0} KiB; marginal {t.RssPerConnectionMarginalKiB:F2} KiB per connection)")
                : "";
            sb.AppendLine(ci, $"tracker RSS: {t.RssBeforeKiB:F0} KiB before connecting, {t.RssAfterKiB:F0} KiB after → {t.RssPerConnectionKiB:F2} KiB per connection{marginal}");
        }
        if (Redis is { } rd)
        {
            sb.AppendLine(ci, $"redis: {rd.RoundTripsPerAnnounce:F2} round trips per announce (trackers' count, {rd.NodeAnnounces} announces); {rd.CommandsPerAnnounce:F2} commands per announce ({rd.ScriptCallsPerAnnounce:F2} script calls, {rd.PublishesPerAnnounce:F2} publishes; inner script commands included), cpu {rd.CpuShare * 100:F1} % of one core = {rd.CpuMicrosPerAnnounce:F1} µs per announce");
            sb.AppendLine(ci, $"  commands in window: {string.Join(", ", rd.Commands.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}"))}");
        }

        sb.Append(ci, $"generator cpu: {GeneratorCpuShare * 100:F1} % of one core");
        if (Cores is { } cores)
            foreach (CoreBusy core in cores) sb.Append(ci, $"; cpu{core.Cpu} busy {core.BusyShare * 100:F0} % (softirq {core.SoftIrqShare * 100:F0} %)");
        sb.AppendLine();
        return sb.ToString();
    }
}

/// <summary>Messages the generator sent in the window.</summary>
internal sealed record WindowCounts(long Announces, long Offers, long Answers, long SkippedAnnounces);

/// <summary>Messages received from the tracker in the window.</summary>
internal sealed record ReceivedCounts(long Responses, long AnnounceReplies, long OfferRelays, long AnswerRelays, long Other);

/// <summary>Per-second rates over the window.</summary>
internal sealed record Rates(double ResponsesPerS, double AnnounceRepliesPerS, double OfferRelaysPerS, double AnswerRelaysPerS,
    double AnnouncesSentPerS, double AnswersSentPerS);

/// <summary>Latency percentiles in milliseconds over the window.</summary>
internal sealed record LatencySummary(double P50, double P99, double Max, long Count)
{
    public static LatencySummary From(LatencyHistogram h) =>
        new(h.PercentileMicros(0.50) / 1000, h.PercentileMicros(0.99) / 1000, h.MaxMicros / 1000.0, h.Count);
}

/// <summary>Errors over the whole run (ramp-up included).</summary>
internal sealed record ErrorCounts(long Protocol, long FailureReplies, long Malformed, long WrongInfoHash, long SelfOffers,
    long MisroutedAnswers, long BadTimestamps, long UnexpectedCloses, long ConnectFailures, long SendErrors)
{
    public static ErrorCounts From(Counters c) => new(c.ProtocolErrors, c.Failures, c.Malformed, c.WrongInfoHash,
        c.SelfOffers, c.Misrouted, c.BadTimestamp, c.UnexpectedCloses, c.ConnectFailures, c.SendErrors);
}

/// <summary>The tracker process as seen from /proc.</summary>
internal sealed record TrackerFigures
{
    public required int Pid { get; init; }
    public double CpuSeconds { get; init; }
    public double CpuShare { get; init; }
    public double ResponsesPerCpuSecond { get; init; }
    public double CpuMicrosPerMessage { get; init; }
    public double CpuMicrosPerAnnounce { get; init; }
    public required double RssBeforeKiB { get; init; }
    public double? RssMidKiB { get; init; }
    public required double RssAfterKiB { get; init; }
    public required double RssPerConnectionKiB { get; init; }
    public double? RssPerConnectionMarginalKiB { get; init; }
}

/// <summary>How busy one CPU was during the window (all processes, kernel included), from /proc/stat.</summary>
internal sealed record CoreBusy(int Cpu, double BusyShare, double SoftIrqShare)
{
    public static IReadOnlyList<CoreBusy> Between((long Busy, long SoftIrq, long Total)[] a, (long Busy, long SoftIrq, long Total)[] b) =>
        [.. a.Zip(b).Select((p, i) =>
        {
            double total = Math.Max(1, p.Second.Total - p.First.Total);
            return new CoreBusy(i, (p.Second.Busy - p.First.Busy) / total, (p.Second.SoftIrq - p.First.SoftIrq) / total);
        })];
}

/// <summary>
/// Redis during the window: <c>INFO commandstats</c> deltas (commands issued from scripts included, as Redis counts
/// them) and redis-server's CPU, per announce the generator sent.
/// </summary>
internal sealed record RedisFigures
{
    public required IReadOnlyDictionary<string, long> Commands { get; init; }
    public long TotalCommands { get; init; }
    public double CommandsPerAnnounce { get; init; }
    public double ScriptCallsPerAnnounce { get; init; }
    public double PublishesPerAnnounce { get; init; }
    public double RoundTripsPerAnnounce { get; init; }
    public long NodeAnnounces { get; init; }
    public double CpuSeconds { get; init; }
    public double CpuShare { get; init; }
    public double CpuMicrosPerAnnounce { get; init; }
    public double CpuMicrosPerMessage { get; init; }

    public static RedisFigures Between(RedisProbe.Sample a, RedisProbe.Sample b, long announces, long messages, double window)
    {
        var commands = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, calls) in b.Calls)
        {
            long d = calls - a.Calls.GetValueOrDefault(name);
            if (d > 0) commands[name] = d;
        }

        long total = commands.Values.Sum();
        double cpu = b.CpuSeconds - a.CpuSeconds;
        double n = Math.Max(1, announces);
        return new RedisFigures
        {
            Commands = commands,
            TotalCommands = total,
            CommandsPerAnnounce = total / n,
            ScriptCallsPerAnnounce = (commands.GetValueOrDefault("evalsha") + commands.GetValueOrDefault("eval")) / n,
            PublishesPerAnnounce = commands.GetValueOrDefault("publish") / n,
            // Counted by the trackers themselves (scripts and publish batches), per announce they wrote to Redis.
            // Answers cost one round trip each and are their own messages: subtract them to get the announce path.
            RoundTripsPerAnnounce = (b.RoundTrips - a.RoundTrips - (b.AnswerRoundTrips - a.AnswerRoundTrips)) / (double)Math.Max(1, b.NodeAnnounces - a.NodeAnnounces),
            NodeAnnounces = b.NodeAnnounces - a.NodeAnnounces,
            CpuSeconds = cpu,
            CpuShare = cpu / window,
            CpuMicrosPerAnnounce = cpu * 1e6 / n,
            CpuMicrosPerMessage = cpu * 1e6 / Math.Max(1, messages),
        };
    }
}
