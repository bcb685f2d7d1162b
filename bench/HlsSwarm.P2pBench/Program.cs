// P2P ratio benchmark with real browsers (docs/benchmarks.md, "P2P ratio with real browsers (issue 2)").
//
//   dotnet run -c Release --project bench/HlsSwarm.P2pBench -- [options]
//
// For every stream × viewer count × player config it starts a fresh network namespace, `hlsswarm serve` inside it
// and one Chromium with one context per viewer, runs the swarm for --duration with viewers started --stagger apart,
// and reports the total P2P ratio against the ceiling 1 − 1/N, stalls, startup and origin bytes.
// The configs of one stream and viewer count run back to back with identical duration, stagger and viewer count.
using System.Globalization;
using System.Text.Json;
using HlsSwarm.Testing;

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var outcomes = new List<SwarmOutcome>();
SwarmExperiment.ServerLauncher? launcher = options.ServerCommand is null ? null : ns =>
{
    int port = ServerProcess.NextPort();
    string[] command = options.ServerCommand.Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return ServerProcess.StartCommandAsync(ns, command, port, $"ws://127.0.0.1:{port}/",
        options.ServerDirectory ?? Environment.CurrentDirectory);
};

foreach (DemoStreamKind stream in options.Streams)
{
    foreach (int viewers in options.Viewers)
    {
        foreach (string config in options.Configs)
        {
            var spec = new SwarmSpec
            {
                Stream = stream,
                Viewers = viewers,
                Config = config,
                Duration = options.Duration,
                Stagger = options.Stagger,
                ExtraQuery = options.ExtraQuery,
            };
            Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} running {spec.Label} ({options.Duration.TotalSeconds:0} s, viewers {options.Stagger.TotalSeconds:0.#} s apart)");
            SwarmOutcome outcome = await SwarmExperiment.RunAsync(spec, launcher);
            outcomes.Add(outcome);
            Console.Error.WriteLine("  " + outcome.Summary());
            if (options.Verbose)
            {
                Console.Error.WriteLine(outcome.Describe());
                foreach (ViewerOutcome v in outcome.Viewers)
                {
                    Console.Error.WriteLine($"viewer {v.Index} final: {v.FinalJson}");
                    Console.Error.WriteLine($"viewer {v.Index} http: {string.Join(", ", v.HttpSegments)}");
                }
                Console.Error.WriteLine("server output (tail):\n" + outcome.ServerOutputTail);
            }
        }
    }
}

Console.WriteLine(Report.Markdown(outcomes, options));
if (options.JsonPath is not null)
{
    string json = JsonSerializer.Serialize(outcomes.Select(Report.JsonRow), new JsonSerializerOptions { WriteIndented = true });
    if (options.JsonPath == "-")
    {
        Console.WriteLine(json);
    }
    else
    {
        await File.WriteAllTextAsync(options.JsonPath, json);
        Console.Error.WriteLine($"wrote {options.JsonPath}");
    }
}
return 0;

/// <summary>Command-line options.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        usage: HlsSwarm.P2pBench [--streams vod,live] [--viewers 3,8] [--configs defaults,tuned]
                                 [--duration 60] [--stagger 2] [--json FILE|-] [--query K=V&…] [--verbose]
                                 [--server-command "CMD … {port} …" --server-dir DIR]
          --duration   seconds from the first viewer's start to the end of each run
          --stagger    seconds between two viewers' starts
          --query      extra query parameters for the player page (the same for every config)
          --server-command  measure another server with the same routes instead of hlsswarm serve
        """;

    public IReadOnlyList<DemoStreamKind> Streams { get; init; } = [DemoStreamKind.Vod, DemoStreamKind.Live];
    public IReadOnlyList<int> Viewers { get; init; } = [3, 8];
    public IReadOnlyList<string> Configs { get; init; } = ["defaults", "tuned"];
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan Stagger { get; init; } = TimeSpan.FromSeconds(2);
    public string? JsonPath { get; init; }
    public string? ExtraQuery { get; init; }
    public string? ServerCommand { get; init; }
    public string? ServerDirectory { get; init; }
    public bool Verbose { get; init; }

    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--streams":
                    o = o with { Streams = Next().Split(',').Select(s => Enum.Parse<DemoStreamKind>(s, ignoreCase: true)).ToList() };
                    break;
                case "--viewers":
                    o = o with { Viewers = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() };
                    break;
                case "--configs":
                    o = o with { Configs = Next().Split(',') };
                    break;
                case "--duration":
                    o = o with { Duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) };
                    break;
                case "--stagger":
                    o = o with { Stagger = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) };
                    break;
                case "--json":
                    o = o with { JsonPath = Next() };
                    break;
                case "--query":
                    o = o with { ExtraQuery = Next() };
                    break;
                case "--server-command":
                    o = o with { ServerCommand = Next() };
                    break;
                case "--server-dir":
                    o = o with { ServerDirectory = Next() };
                    break;
                case "--verbose":
                    o = o with { Verbose = true };
                    break;
                default:
                    return null;
            }
        }
        return o;
    }
}

/// <summary>The benchmark's table and JSON rows.</summary>
internal static class Report
{
    public static string Markdown(IReadOnlyList<SwarmOutcome> outcomes, BenchOptions options)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"{options.Duration.TotalSeconds:0} s per run, viewers started {options.Stagger.TotalSeconds:0.#} s apart, one Chromium, one context per viewer, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"),
            "",
            "| stream | viewers | config | P2P ratio | ceiling 1−1/N | ratio / ceiling | stalls | stall ms | startup ms (mean / max) | origin segment bytes | viewers' HTTP bytes | segments fetched twice | P2P down / up |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        };
        foreach (SwarmOutcome o in outcomes)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {o.Spec.Stream.ToString().ToLowerInvariant()} | {o.Spec.Viewers} | {o.Spec.Config} | {o.P2pRatio:0.000} | {o.Ceiling:0.000} | **{o.RatioToCeiling:0.000}** | {o.Stalls} | {o.StallMs:0} | {o.StartupMsMean:0} / {o.StartupMsMax:0} | {o.OriginSegmentBytes} | {o.HttpDownloaded:0} | {o.DuplicateHttpSegments} | {o.P2pDownloaded:0} / {o.P2pUploaded:0} |"));
        }
        return string.Join('\n', lines);
    }

    public static object JsonRow(SwarmOutcome o) => new
    {
        stream = o.Spec.Stream.ToString().ToLowerInvariant(),
        viewers = o.Spec.Viewers,
        config = o.Spec.Config,
        durationSeconds = o.Spec.Duration.TotalSeconds,
        staggerSeconds = o.Spec.Stagger.TotalSeconds,
        p2pRatio = Math.Round(o.P2pRatio, 4),
        ceiling = Math.Round(o.Ceiling, 4),
        ratioToCeiling = Math.Round(o.RatioToCeiling, 4),
        stalls = o.Stalls,
        stallMs = Math.Round(o.StallMs),
        startupMsMean = Math.Round(o.StartupMsMean),
        startupMsMax = Math.Round(o.StartupMsMax),
        originSegmentBytes = o.OriginSegmentBytes,
        originSegmentRequests = o.OriginSegmentRequests,
        originPlaylistBytes = o.OriginPlaylistBytes,
        httpDownloadedBytes = o.HttpDownloaded,
        duplicateHttpSegments = o.DuplicateHttpSegments,
        loadAverage = o.LoadAverage,
        p2pDownloadedBytes = o.P2pDownloaded,
        p2pUploadedBytes = o.P2pUploaded,
        perViewer = o.Viewers.Select(v => new
        {
            v.Index,
            v.StartedAtSeconds,
            v.Final.HttpDownloadedBytes,
            v.Final.P2pDownloadedBytes,
            v.Final.P2pUploadedBytes,
            v.Final.Stalls,
            v.Final.StallMs,
            v.Final.StartupMs,
            v.Final.ConnectedPeers,
            errors = v.Final.ErrorCount,
        }),
    };
}
