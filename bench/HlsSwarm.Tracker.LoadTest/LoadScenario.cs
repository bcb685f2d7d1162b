using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace HlsSwarm.Tracker.LoadTest;

/// <summary>
/// The two runs: <c>load</c> (ramp-up, warm-up, measured window of announce/offer/answer traffic) and <c>idle</c>
/// (connections that announce once and stay, for the tracker's memory per connection).
/// </summary>
internal static class LoadScenario
{
    /// <summary>p2p-media-loader style info_hash (spec §1.1): Base64 of the first 15 bytes of SHA-1 → 20 ASCII chars.</summary>
    public static byte[] InfoHash(int swarm) =>
        Encoding.ASCII.GetBytes(Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes($"v2-https://bench.invalid/live/{swarm}.m3u8-main-0"))[..15]));

    public static async Task<LoadReport> RunAsync(LoadTestOptions o, CancellationToken ct)
    {
        var run = new RunContext(o);
        var random = new Random(o.Seed);
        byte[][] infoHashes = Enumerable.Range(0, o.Swarms).Select(InfoHash).ToArray();
        SwarmPeer[] peers = Enumerable.Range(0, o.Connections)
            .Select(i => new SwarmPeer(run, i, infoHashes[i % o.Swarms], random)).ToArray();
        int pid = o.TrackerPid;
        double rssBefore = pid > 0 ? ProcessProbe.RssKiB(o.TrackerPids) : double.NaN;

        if (o.Mode == "idle") return await RunIdleAsync(run, peers, rssBefore, ct).ConfigureAwait(false);

        var ramp = Stopwatch.StartNew();
        await ConnectAsync(peers, o.ConnectConcurrency, announceOnConnect: false, ct).ConfigureAwait(false);
        double rampSeconds = ramp.Elapsed.TotalSeconds;
        Log(o, $"connected {peers.Count(p => p.Connected)}/{peers.Length} in {rampSeconds:F1} s; warming up {o.EffectiveWarmupSeconds:F0} s");

        using var stopScheduler = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task scheduler = ScheduleAnnouncesAsync(peers, o, random, stopScheduler.Token);
        await Task.Delay(TimeSpan.FromSeconds(o.EffectiveWarmupSeconds), ct).ConfigureAwait(false);

        Counters before = run.Counters.Snapshot();
        double trackerCpu0 = pid > 0 ? ProcessProbe.CpuSeconds(o.TrackerPids) : double.NaN;
        RedisProbe.Sample? redis0 = o.Redis is null ? null : await RedisProbe.ReadAsync(o, ct).ConfigureAwait(false);
        double selfCpu0 = ProcessProbe.CpuSeconds(Environment.ProcessId);
        var cores0 = ProcessProbe.CpuJiffies();
        run.OfferLatency.Clear();
        run.AnswerLatency.Clear();
        long t0 = Stopwatch.GetTimestamp();
        run.Measuring = true;
        Log(o, $"measuring {o.DurationSeconds:F0} s");

        await Task.Delay(TimeSpan.FromSeconds(o.DurationSeconds), ct).ConfigureAwait(false);

        run.Measuring = false;
        double window = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        Counters after = run.Counters.Snapshot();
        double trackerCpu1 = pid > 0 ? ProcessProbe.CpuSeconds(o.TrackerPids) : double.NaN;
        RedisProbe.Sample? redis1 = o.Redis is null ? null : await RedisProbe.ReadAsync(o, ct).ConfigureAwait(false);
        double selfCpu1 = ProcessProbe.CpuSeconds(Environment.ProcessId);
        var cores1 = ProcessProbe.CpuJiffies();
        double rssAfter = pid > 0 ? ProcessProbe.RssKiB(o.TrackerPids) : double.NaN;
        var offerLatency = LatencySummary.From(run.OfferLatency);
        var answerLatency = LatencySummary.From(run.AnswerLatency);
        int connected = peers.Count(p => p.Connected);

        run.Stopping = true;
        await stopScheduler.CancelAsync().ConfigureAwait(false);
        await scheduler.ConfigureAwait(false);
        foreach (SwarmPeer p in peers) p.Close();

        long responses = after.Responses - before.Responses;
        double trackerCpu = trackerCpu1 - trackerCpu0;
        long announces = after.AnnouncesSent - before.AnnouncesSent;
        // Messages the tracker handled in the window: what it received (announces, answers) plus what it sent.
        long messages = announces + (after.AnswersSent - before.AnswersSent) + responses;
        return new LoadReport
        {
            Label = o.Label,
            Mode = o.Mode,
            Url = string.Join(' ', o.Urls.DefaultIfEmpty(o.Url)),
            Nodes = Math.Max(1, o.Urls.Count),
            Connections = o.Connections,
            Swarms = o.Swarms,
            IntervalS = o.IntervalSeconds,
            OffersPerAnnounce = o.Offers,
            OfferSdpChars = TrackerMessages.OfferSdpLength,
            AnswerSdpChars = TrackerMessages.AnswerSdpLength,
            Connected = connected,
            RampUpS = rampSeconds,
            WarmupS = o.EffectiveWarmupSeconds,
            WindowS = window,
            OfferedAnnouncesPerS = o.Connections / o.IntervalSeconds,
            Sent = new WindowCounts(after.AnnouncesSent - before.AnnouncesSent, after.OffersSent - before.OffersSent,
                after.AnswersSent - before.AnswersSent, after.SkippedAnnounces - before.SkippedAnnounces),
            Received = new ReceivedCounts(responses, after.AnnounceReplies - before.AnnounceReplies,
                after.OfferRelays - before.OfferRelays, after.AnswerRelays - before.AnswerRelays, after.Other - before.Other),
            Rates = new Rates(responses / window,
                (after.AnnounceReplies - before.AnnounceReplies) / window,
                (after.OfferRelays - before.OfferRelays) / window,
                (after.AnswerRelays - before.AnswerRelays) / window,
                (after.AnnouncesSent - before.AnnouncesSent) / window,
                (after.AnswersSent - before.AnswersSent) / window),
            OfferLatencyMs = offerLatency,
            AnswerLatencyMs = answerLatency,
            Errors = ErrorCounts.From(run.Counters.Snapshot()),
            ErrorSamples = run.Samples,
            Tracker = pid > 0
                ? new TrackerFigures
                {
                    Pid = pid,
                    CpuSeconds = trackerCpu,
                    CpuShare = trackerCpu / window,
                    ResponsesPerCpuSecond = responses / trackerCpu,
                    CpuMicrosPerMessage = trackerCpu * 1e6 / messages,
                    CpuMicrosPerAnnounce = trackerCpu * 1e6 / announces,
                    RssBeforeKiB = rssBefore,
                    RssAfterKiB = rssAfter,
                    RssPerConnectionKiB = (rssAfter - rssBefore) / o.Connections,
                }
                : null,
            Redis = redis0 is { } r0 && redis1 is { } r1 ? RedisFigures.Between(r0, r1, announces, messages, window) : null,
            GeneratorCpuShare = (selfCpu1 - selfCpu0) / window,
            Cores = CoreBusy.Between(cores0, cores1),
        };
    }

    private static async Task<LoadReport> RunIdleAsync(RunContext run, SwarmPeer[] peers, double rssBefore, CancellationToken ct)
    {
        LoadTestOptions o = run.Options;
        int pid = o.TrackerPid;
        int half = peers.Length / 2;
        double selfCpu0 = ProcessProbe.CpuSeconds(Environment.ProcessId);
        var ramp = Stopwatch.StartNew();
        await ConnectAsync(peers[..half], o.ConnectConcurrency, announceOnConnect: true, ct).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(o.SettleSeconds), ct).ConfigureAwait(false);
        double rssMid = pid > 0 ? ProcessProbe.RssKiB(o.TrackerPids) : double.NaN;
        await ConnectAsync(peers[half..], o.ConnectConcurrency, announceOnConnect: true, ct).ConfigureAwait(false);
        double rampSeconds = ramp.Elapsed.TotalSeconds;
        Log(o, $"connected {peers.Count(p => p.Connected)}/{peers.Length}; settling {o.SettleSeconds:F0} s");
        await Task.Delay(TimeSpan.FromSeconds(o.SettleSeconds), ct).ConfigureAwait(false);
        double rssAfter = pid > 0 ? ProcessProbe.RssKiB(o.TrackerPids) : double.NaN;
        int connected = peers.Count(p => p.Connected);
        double selfCpu = ProcessProbe.CpuSeconds(Environment.ProcessId) - selfCpu0;
        double elapsed = ramp.Elapsed.TotalSeconds;
        run.Stopping = true;
        foreach (SwarmPeer p in peers) p.Close();
        Counters c = run.Counters.Snapshot();
        return new LoadReport
        {
            Label = o.Label,
            Mode = o.Mode,
            Url = string.Join(' ', o.Urls.DefaultIfEmpty(o.Url)),
            Nodes = Math.Max(1, o.Urls.Count),
            Connections = o.Connections,
            Swarms = o.Swarms,
            IntervalS = 0,
            OffersPerAnnounce = o.Offers,
            OfferSdpChars = TrackerMessages.OfferSdpLength,
            AnswerSdpChars = TrackerMessages.AnswerSdpLength,
            Connected = connected,
            RampUpS = rampSeconds,
            Sent = new WindowCounts(c.AnnouncesSent, c.OffersSent, c.AnswersSent, c.SkippedAnnounces),
            Received = new ReceivedCounts(c.Responses, c.AnnounceReplies, c.OfferRelays, c.AnswerRelays, c.Other),
            Errors = ErrorCounts.From(c),
            ErrorSamples = run.Samples,
            Tracker = pid > 0
                ? new TrackerFigures
                {
                    Pid = pid,
                    RssBeforeKiB = rssBefore,
                    RssMidKiB = rssMid,
                    RssAfterKiB = rssAfter,
                    RssPerConnectionKiB = (rssAfter - rssBefore) / peers.Length,
                    RssPerConnectionMarginalKiB = (rssAfter - rssMid) / (peers.Length - half),
                }
                : null,
            GeneratorCpuShare = selfCpu / elapsed,
        };
    }

    private static async Task ConnectAsync(SwarmPeer[] peers, int concurrency, bool announceOnConnect, CancellationToken ct)
    {
        await Parallel.ForEachAsync(peers, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            async (peer, token) =>
            {
                if (await peer.ConnectAsync(token).ConfigureAwait(false) && announceOnConnect) peer.Announce();
            }).ConfigureAwait(false);
    }

    /// <summary>
    /// Every peer announces first at a uniformly random point of the first interval, then every interval × (1 ± jitter).
    /// One loop, one priority queue, 1 ms ticks: the offered rate is N / T announces per second.
    /// </summary>
    private static async Task ScheduleAnnouncesAsync(SwarmPeer[] peers, LoadTestOptions o, Random random, CancellationToken ct)
    {
        long period = (long)(o.IntervalSeconds * Stopwatch.Frequency);
        long start = Stopwatch.GetTimestamp();
        var due = new PriorityQueue<SwarmPeer, long>(peers.Length);
        foreach (SwarmPeer p in peers) due.Enqueue(p, start + (long)(random.NextDouble() * period));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                long now = Stopwatch.GetTimestamp();
                while (due.TryPeek(out SwarmPeer? peer, out long at) && at <= now)
                {
                    due.Dequeue();
                    peer.Announce();
                    double factor = 1 + o.Jitter * (2 * random.NextDouble() - 1);
                    due.Enqueue(peer, at + (long)(period * factor));
                }
                await Task.Delay(1, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    private static void Log(LoadTestOptions o, string message) =>
        Console.Error.WriteLine($"[{o.Label}] {message}");
}
