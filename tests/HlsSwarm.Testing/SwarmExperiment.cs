using System.Globalization;
using System.Text.Json;

namespace HlsSwarm.Testing;

/// <summary>Which demo stream a swarm watches.</summary>
public enum DemoStreamKind
{
    /// <summary><c>/demo/vod/master.m3u8</c>.</summary>
    Vod,

    /// <summary><c>/demo/live/master.m3u8</c>, the looping live channel.</summary>
    Live,
}

/// <summary>One swarm run: which stream, how many viewers, how they start, which player configuration.</summary>
public sealed record SwarmSpec
{
    /// <summary>The stream watched.</summary>
    public required DemoStreamKind Stream { get; init; }

    /// <summary>Viewers (browser contexts in one Chromium).</summary>
    public required int Viewers { get; init; }

    /// <summary>Delay between two viewers' starts.</summary>
    public TimeSpan Stagger { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Wall time from the first viewer's start to the end of the run.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The page's <c>config</c> switch: <c>tuned</c> (our settings) or <c>defaults</c> (library defaults).</summary>
    public string Config { get; init; } = "tuned";

    /// <summary>How Chromium writes its host candidates.</summary>
    public HostCandidates Candidates { get; init; } = HostCandidates.Mdns;

    /// <summary>Extra query parameters appended to the player URL (without a leading <c>&amp;</c>), if any.</summary>
    public string? ExtraQuery { get; init; }

    /// <summary>A short label: <c>vod-8-tuned</c>.</summary>
    public string Label => $"{Stream.ToString().ToLowerInvariant()}-{Viewers}-{Config}";

    /// <summary>The demo master playlist path.</summary>
    public string MasterPath => $"/demo/{Stream.ToString().ToLowerInvariant()}/master.m3u8";
}

/// <summary>What one viewer ended with.</summary>
/// <param name="Index">Start order.</param>
/// <param name="StartedAtSeconds">When it was opened, seconds after the first viewer.</param>
/// <param name="Final">Its last stats reading (after the swarm was cut off from HTTP and settled): use its byte counters.</param>
/// <param name="Description">A one-line summary with console errors, for failure messages.</param>
/// <param name="FinalJson">The last reading exactly as the page returned it.</param>
/// <param name="BeforeCut">The last reading before the viewers were cut off from HTTP: use its playback state, stalls
/// and errors (what happens after the cut is the cut's doing).</param>
/// <param name="Failure">Why opening or sampling the page failed, if it did.</param>
/// <param name="HttpSegments">Segments it fetched over HTTP: "seconds path", in order.</param>
public sealed record ViewerOutcome(int Index, double StartedAtSeconds, PlayerStats Final, string Description,
    string? FinalJson, PlayerStats BeforeCut, string? Failure, IReadOnlyList<string> HttpSegments);

/// <summary>The outcome of one swarm run, with the totals the tests and the benchmark report.</summary>
/// <param name="DuplicateHttpSegments">HTTP segment fetches beyond the first of the same URL, over all viewers.</param>
/// <param name="LoadAverage">The machine's 1-minute load average at the end (<c>/proc/loadavg</c>): stalls on a machine
/// that other work saturates say little about the player.</param>
/// <param name="MasterUrl">The master playlist URL the viewers loaded.</param>
/// <param name="MasterPlaylist">Its text, fetched after the run.</param>
/// <param name="TrackerSwarms">The tracker's <c>/stats</c> <c>peersPerSwarm</c> at the end of the run: the info_hashes
/// the browsers announced, with their peer counts.</param>
public sealed record SwarmOutcome(SwarmSpec Spec, IReadOnlyList<ViewerOutcome> Viewers, long OriginSegmentBytes,
    long OriginSegmentRequests, long OriginPlaylistBytes, int DuplicateHttpSegments, string ServerOutputTail,
    string LoadAverage, string MasterUrl, string MasterPlaylist, IReadOnlyDictionary<string, int> TrackerSwarms)
{
    /// <summary>Σ P2P bytes downloaded by the viewers.</summary>
    public double P2pDownloaded => Viewers.Sum(v => v.Final.P2pDownloadedBytes);

    /// <summary>Σ P2P bytes uploaded by the viewers.</summary>
    public double P2pUploaded => Viewers.Sum(v => v.Final.P2pUploadedBytes);

    /// <summary>Σ segment bytes the viewers fetched over HTTP.</summary>
    public double HttpDownloaded => Viewers.Sum(v => v.Final.HttpDownloadedBytes);

    /// <summary>Total P2P ratio: Σ P2P / (Σ P2P + Σ HTTP).</summary>
    public double P2pRatio => P2pDownloaded + HttpDownloaded == 0 ? 0 : P2pDownloaded / (P2pDownloaded + HttpDownloaded);

    /// <summary>The ratio if exactly one viewer's worth of bytes came over HTTP: 1 − 1/N.</summary>
    public double Ceiling => 1 - 1.0 / Spec.Viewers;

    /// <summary><see cref="P2pRatio"/> / <see cref="Ceiling"/>.</summary>
    public double RatioToCeiling => Ceiling == 0 ? 0 : P2pRatio / Ceiling;

    /// <summary>Σ stalls after start (until the cut).</summary>
    public int Stalls => Viewers.Sum(v => v.BeforeCut.Stalls);

    /// <summary>Σ stalled time after start (until the cut), ms.</summary>
    public double StallMs => Viewers.Sum(v => v.BeforeCut.StallMs);

    /// <summary>Mean startup time over viewers that started, ms.</summary>
    public double StartupMsMean => Viewers.Where(v => v.Final.StartupMs is not null).Select(v => v.Final.StartupMs!.Value)
        .DefaultIfEmpty(double.NaN).Average();

    /// <summary>Worst startup time, ms.</summary>
    public double StartupMsMax => Viewers.Where(v => v.Final.StartupMs is not null).Select(v => v.Final.StartupMs!.Value)
        .DefaultIfEmpty(double.NaN).Max();

    /// <summary>Every viewer, one line each, for failure messages.</summary>
    public string Describe() => string.Join('\n', Viewers.Select(v => v.Description));

    /// <summary>One line of totals.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Spec.Label}: ratio {P2pRatio:0.000} (ceiling {Ceiling:0.000}, {RatioToCeiling:0.000} of it), p2p down {P2pDownloaded:0} up {P2pUploaded:0}, http {HttpDownloaded:0}, origin segments {OriginSegmentBytes} in {OriginSegmentRequests} requests ({DuplicateHttpSegments} fetched more than once), stalls {Stalls} ({StallMs:0} ms), startup mean {StartupMsMean:0} ms max {StartupMsMax:0} ms; load average {LoadAverage} on {Environment.ProcessorCount} cores");
}

/// <summary>
/// Runs one swarm end to end: a fresh network namespace, the server inside it, one Chromium inside it, N viewers
/// on the demo stream through the server's tracker, and the origin's counters read at the end.
/// </summary>
public static class SwarmExperiment
{
    /// <summary>Starts the server to test inside a namespace; <see cref="ServerProcess.StartAsync"/> by default.</summary>
    public delegate Task<ServerProcess> ServerLauncher(NetworkNamespace ns);

    /// <summary>Runs <paramref name="spec"/> and returns what every viewer and the origin saw.</summary>
    public static async Task<SwarmOutcome> RunAsync(SwarmSpec spec, ServerLauncher? launcher = null,
        CancellationToken ct = default)
    {
        using NetworkNamespace ns = NetworkNamespace.Create();
        await using ServerProcess server = await (launcher ?? (n => ServerProcess.StartAsync(n)))(ns).ConfigureAwait(false);
        await using ChromiumInNamespace chromium = await ChromiumInNamespace.LaunchAsync(ns, spec.Candidates).ConfigureAwait(false);
        await using var swarm = new ViewerSwarm(chromium.Browser);

        string url = PlayerUrl(server, spec);
        await swarm.RunAsync(_ => url, new SwarmOptions(spec.Viewers, spec.Stagger, spec.Duration), ct).ConfigureAwait(false);

        using JsonDocument stats = await server.GetJsonAsync("/demo/stats", ct).ConfigureAwait(false);
        // After the origin counters, so that this fetch is not counted as a viewer's.
        using JsonDocument trackerStats = await server.GetJsonAsync("/stats", ct).ConfigureAwait(false);
        string masterUrl = new Uri(server.BaseUri, spec.MasterPath).ToString();
        string master = await server.Http.GetStringAsync(new Uri(masterUrl), ct).ConfigureAwait(false);
        var trackerSwarms = trackerStats.RootElement.GetProperty("peersPerSwarm").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetInt32());
        string stream = spec.Stream.ToString().ToLowerInvariant();
        var viewers = swarm.Viewers.Select(v => new ViewerOutcome(v.Index, v.StartedAt.TotalSeconds,
            v.Last ?? new PlayerStats(), v.ToString(), v.LastJson, v.BeforeCut ?? new PlayerStats(), v.Failure,
            v.HttpSegments.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.At.TotalSeconds:0.0} {h.Path}")).ToList())).ToList();
        return new SwarmOutcome(spec, viewers,
            OriginCounter(stats, stream, "segments", "bytes"),
            OriginCounter(stats, stream, "segments", "requests"),
            OriginCounter(stats, stream, "playlists", "bytes"),
            swarm.Viewers.SelectMany(v => v.HttpSegments).GroupBy(s => s.Path).Sum(g => g.Count() - 1),
            string.Join('\n', server.Output.Split('\n').TakeLast(200)),
            LoadAverageNow(), masterUrl, master, trackerSwarms);
    }

    private static string LoadAverageNow()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>The player page URL for <paramref name="spec"/> on <paramref name="server"/>.</summary>
    public static string PlayerUrl(ServerProcess server, SwarmSpec spec)
    {
        string src = Uri.EscapeDataString(new Uri(server.BaseUri, spec.MasterPath).ToString());
        string tracker = Uri.EscapeDataString(server.TrackerUrl);
        string extra = string.IsNullOrEmpty(spec.ExtraQuery) ? "" : "&" + spec.ExtraQuery;
        return $"{server.BaseUri}?src={src}&tracker={tracker}&muted=1&autoplay=1&config={spec.Config}{extra}";
    }

    /// <summary>Reads <c>stats[stream][kind][counter]</c> from <c>/demo/stats</c>, failing with the document if absent.</summary>
    public static long OriginCounter(JsonDocument stats, string stream, string kind, string counter)
    {
        if (stats.RootElement.TryGetProperty(stream, out JsonElement s)
            && s.TryGetProperty(kind, out JsonElement k)
            && k.TryGetProperty(counter, out JsonElement c))
        {
            return c.GetInt64();
        }
        throw new InvalidOperationException(
            $"/demo/stats has no {stream}.{kind}.{counter}: {stats.RootElement.GetRawText()}");
    }
}
