using System.Globalization;

namespace HlsSwarm.Tracker.LoadTest;

/// <summary>What the load generator does; every field is a command-line flag (see <see cref="Usage"/>).</summary>
internal sealed record LoadTestOptions
{
    /// <summary>"load" (announce, relay and answer traffic) or "idle" (connect, announce once, stay idle).</summary>
    public string Mode { get; init; } = "load";

    /// <summary>Tracker WebSocket URLs (ws:// on loopback only), one per tracker node (see <see cref="UrlFor"/>).</summary>
    public IReadOnlyList<Uri> Urls { get; init; } = [];

    /// <summary>The first tracker URL.</summary>
    public Uri Url => Urls.Count > 0 ? Urls[0] : new("ws://127.0.0.1:8000/");

    /// <summary>
    /// The URL connection <paramref name="index"/> uses: every swarm's peers spread evenly over the nodes. (Connection
    /// i joins swarm i mod S, so i mod U would put a whole swarm on one node whenever U divides S.)
    /// </summary>
    public Uri UrlFor(int index) => Urls.Count > 1 ? Urls[index / Swarms % Urls.Count] : Url;

    /// <summary>Redis (<c>host:port</c>) the tracker nodes share: INFO commandstats and CPU are read before and after the window.</summary>
    public string? Redis { get; init; }

    /// <summary>Process id of redis-server (CPU per message); 0 = not measured.</summary>
    public int RedisPid { get; init; }

    /// <summary>Process ids of further tracker nodes; their CPU and RSS are added to <see cref="TrackerPid"/>'s.</summary>
    public IReadOnlyList<int> ExtraTrackerPids { get; init; } = [];

    /// <summary>Every tracker process measured.</summary>
    public IReadOnlyList<int> TrackerPids => TrackerPid > 0 ? [TrackerPid, .. ExtraTrackerPids] : [];

    /// <summary>Concurrent WebSocket connections; each holds one peer_id in one swarm.</summary>
    public int Connections { get; init; } = 5000;

    /// <summary>Number of swarms (info_hashes); connection i joins swarm i mod S.</summary>
    public int Swarms { get; init; } = 100;

    /// <summary>Re-announce period per connection, in seconds.</summary>
    public double IntervalSeconds { get; init; } = 5;

    /// <summary>Each re-announce period is multiplied by 1 ± this fraction (uniform).</summary>
    public double Jitter { get; init; } = 0.1;

    /// <summary>Offers per announce (numwant equals it, as p2pml does).</summary>
    public int Offers { get; init; } = 5;

    /// <summary>Seconds of traffic after ramp-up before the measured window opens.</summary>
    public double? WarmupSeconds { get; init; }

    /// <summary>Length of the measured window, in seconds.</summary>
    public double DurationSeconds { get; init; } = 30;

    /// <summary>Connection attempts (TCP connect + WebSocket handshake) in flight during ramp-up.</summary>
    public int ConnectConcurrency { get; init; } = 64;

    /// <summary>Idle mode: seconds to wait after the last announce before reading the tracker's RSS.</summary>
    public double SettleSeconds { get; init; } = 5;

    /// <summary>Process id of the tracker, for CPU (utime+stime) and RSS from /proc; 0 = not measured.</summary>
    public int TrackerPid { get; init; }

    /// <summary>Free-form name put into the report (e.g. "reference" or "hlsswarm").</summary>
    public string Label { get; init; } = "";

    /// <summary>Print the report as JSON on stdout instead of text.</summary>
    public bool Json { get; init; }

    /// <summary>Also write the JSON report to this file.</summary>
    public string? Output { get; init; }

    /// <summary>Seed for peer ids, start offsets and jitter (offer ids come from <see cref="Random.Shared"/>).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Warm-up actually used: the flag, else max(5 s, 2 × interval).</summary>
    public double EffectiveWarmupSeconds => WarmupSeconds ?? Math.Max(5, 2 * IntervalSeconds);

    public const string Usage = """
        HlsSwarm.Tracker.LoadTest — WebTorrent/p2p-media-loader tracker load generator (issue 2)

        usage: HlsSwarm.Tracker.LoadTest [options]
          --mode load|idle           load: announce/offer/answer traffic; idle: connect, announce once, stay (default load)
          --url ws://127.0.0.1:P/    tracker WebSocket URL, loopback only (default ws://127.0.0.1:8000/); repeat it for
                                     several nodes of a cluster: connection i uses URL (i div S) mod U
          --redis HOST:PORT          the cluster's Redis: INFO commandstats deltas give Redis operations per announce
          --redis-pid PID            read redis-server's CPU from /proc/PID
          --connections N            WebSocket connections, one peer_id each (default 5000)
          --swarms S                 info_hashes; connection i joins swarm i mod S (default 100)
          --interval T               re-announce period per connection, seconds (default 5)
          --jitter F                 period multiplied by 1 ± F, uniform (default 0.1)
          --offers K                 offers (~1 KB SDP each) per announce; numwant = K (default 5)
          --warmup W                 seconds of traffic before the window (default max(5, 2T))
          --duration D               measured window, seconds (default 30)
          --connect-concurrency C    connects in flight during ramp-up (default 64)
          --settle X                 idle mode: seconds after the last announce before reading RSS (default 5)
          --tracker-pid PID          read the tracker's CPU and RSS from /proc/PID (default: not measured); repeat it
                                     for several nodes (figures are summed)
          --label NAME               name put into the report
          --json                     print the report as JSON instead of text
          --output FILE              also write the JSON report to FILE
          --seed N                   seed for peer ids, start offsets and jitter (default 1)
        """;

    /// <summary>Parses <paramref name="args"/>; returns null and writes an error when they are invalid.</summary>
    public static LoadTestOptions? Parse(string[] args, TextWriter error)
    {
        var o = new LoadTestOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "--json") { o = o with { Json = true }; continue; }
            if (name is "-h" or "--help") { error.WriteLine(Usage); return null; }
            if (i + 1 >= args.Length) { error.WriteLine($"missing value for {name}"); return null; }
            string v = args[++i];
            try
            {
                o = name switch
                {
                    "--mode" when v is "load" or "idle" => o with { Mode = v },
                    "--url" => o with { Urls = [.. o.Urls, new Uri(v)] },
                    "--redis" => o with { Redis = v },
                    "--redis-pid" => o with { RedisPid = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--connections" => o with { Connections = PositiveInt(v) },
                    "--swarms" => o with { Swarms = PositiveInt(v) },
                    "--interval" => o with { IntervalSeconds = PositiveDouble(v) },
                    "--jitter" => o with { Jitter = double.Parse(v, CultureInfo.InvariantCulture) },
                    "--offers" => o with { Offers = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--warmup" => o with { WarmupSeconds = double.Parse(v, CultureInfo.InvariantCulture) },
                    "--duration" => o with { DurationSeconds = PositiveDouble(v) },
                    "--connect-concurrency" => o with { ConnectConcurrency = PositiveInt(v) },
                    "--settle" => o with { SettleSeconds = double.Parse(v, CultureInfo.InvariantCulture) },
                    "--tracker-pid" when o.TrackerPid > 0 => o with { ExtraTrackerPids = [.. o.ExtraTrackerPids, int.Parse(v, CultureInfo.InvariantCulture)] },
                    "--tracker-pid" => o with { TrackerPid = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--label" => o with { Label = v },
                    "--output" => o with { Output = v },
                    "--seed" => o with { Seed = int.Parse(v, CultureInfo.InvariantCulture) },
                    _ => throw new FormatException($"unknown option {name} {v}"),
                };
            }
            catch (FormatException e)
            {
                error.WriteLine($"{name} {v}: {e.Message}");
                return null;
            }
        }
        if (o.Urls.Any(u => u.Scheme != "ws")) { error.WriteLine("--url must be ws://"); return null; }
        if (o.Jitter is < 0 or >= 1) { error.WriteLine("--jitter must be in [0, 1)"); return null; }
        if (o.Offers is < 0 or > 50) { error.WriteLine("--offers must be in [0, 50]"); return null; }
        return o;
    }

    private static int PositiveInt(string v)
    {
        int n = int.Parse(v, CultureInfo.InvariantCulture);
        return n > 0 ? n : throw new FormatException("must be > 0");
    }

    private static double PositiveDouble(string v)
    {
        double d = double.Parse(v, CultureInfo.InvariantCulture);
        return d > 0 ? d : throw new FormatException("must be > 0");
    }
}
