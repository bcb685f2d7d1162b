using System.Globalization;
using HlsSwarm.BeaconLoad;

// Viewer-analytics load tool (issue 5), driven by bench/beacon-load.sh.
//   beacons --url http://127.0.0.1:18080 [--connections 64] [--sessions 10000] [--warmup 5] [--duration 20]
//   queries [--sessions 10000] [--beacons 3] [--db path|:memory:] [--iterations 30]
if (args.Length == 0 || args[0] is not ("beacons" or "queries"))
{
    Console.Error.WriteLine("usage: beacons --url <http://127.0.0.1:port> [--connections n] [--sessions n] [--warmup s] [--duration s]");
    Console.Error.WriteLine("       queries [--sessions n] [--beacons n] [--db path] [--iterations n]");
    return 2;
}

string Get(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

return args[0] == "beacons"
    ? await BeaconFlood.RunAsync(new Uri(Get("--url", "http://127.0.0.1:18080")), Int("--connections", 64), Int("--sessions", 10_000),
        TimeSpan.FromSeconds(Int("--warmup", 5)), TimeSpan.FromSeconds(Int("--duration", 20)))
    : await DashboardQueries.RunAsync(Int("--sessions", 10_000), Int("--beacons", 3), Get("--db", Path.Combine(Path.GetTempPath(), "hlsswarm-beacon-bench.db")),
        Int("--iterations", 30));
