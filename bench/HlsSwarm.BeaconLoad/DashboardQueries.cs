using System.Diagnostics;
using System.Net.Http.Headers;
using HlsSwarm.Protocol.Beacons;
using HlsSwarm.Server;
using HlsSwarm.Server.Analytics;
using Microsoft.AspNetCore.Builder;

namespace HlsSwarm.BeaconLoad;

/// <summary>
/// Stores beacons of many sessions (all live, spread over 10 streams, each exchanging bytes with two peers) in a
/// real server, then times the dashboard endpoints over HTTP, and the rebuild of the in-memory view from SQLite.
/// </summary>
internal static class DashboardQueries
{
    private const string Token = "bench-admin-token-0000";

    public static async Task<int> RunAsync(int sessions, int beaconsPerSession, string database, int iterations)
    {
        var options = new AnalyticsOptions { DatabasePath = database, AdminToken = Token, BeaconsPerSecondPerIp = 1e9, BeaconBurstPerIp = int.MaxValue };
        if (database != ":memory:")
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(database + suffix);
        }

        var app = HlsSwarmServer.Build(new ServerOptions { Urls = ["http://127.0.0.1:0"], Demo = null, ServePlayer = false, Analytics = options }, []);
        await app.StartAsync().ConfigureAwait(false);
        var analytics = (AnalyticsService)app.Services.GetService(typeof(AnalyticsService))!;
        var viewers = Enumerable.Range(0, sessions)
            .Select(i => new SimulatedViewer($"bench-{i:D7}", $"http://127.0.0.1/bench/stream-{i % 10}/master.m3u8", $"peer-{i:D7}", new Random(i)))
            .ToArray();

        var fill = Stopwatch.StartNew();
        for (var round = 0; round < beaconsPerSession; round++)
        {
            for (var i = 0; i < viewers.Length; i++)
            {
                // Partners in the same stream (same i % 10): i ± 10.
                var partners = new[] { viewers[(i + 10) % viewers.Length].PeerId, viewers[(i + viewers.Length - 10) % viewers.Length].PeerId };
                var body = viewers[i].NextBeacon(partners);
                BeaconReader.TryRead(body, options.Limits, out var beacon, out _);
                var now = DateTimeOffset.UtcNow;
                analytics.Aggregates.Accept(beacon!, now, null);
                while (!analytics.Store.TryEnqueue(new StoredBeacon(now, beacon!.SessionId, beacon.Seq, beacon.Stream, System.Text.Encoding.UTF8.GetString(body))))
                    await analytics.Store.FlushAsync().ConfigureAwait(false);
            }
        }

        await analytics.Store.FlushAsync().ConfigureAwait(false);
        Console.WriteLine($"queries: {sessions} sessions x {beaconsPerSession} beacons stored in {fill.Elapsed.TotalSeconds:F1} s " +
                          $"({analytics.Store.Written / fill.Elapsed.TotalSeconds:F0} beacons/s incl. parsing), {analytics.Store.Transactions} transactions, db {database}");

        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var stream = Uri.EscapeDataString("http://127.0.0.1/bench/stream-3/master.m3u8");
        foreach (var (name, path) in new[]
                 {
                     ("summary", "/api/dashboard/summary"),
                     ("series 60 min", $"/api/dashboard/series?stream={stream}&minutes=60"),
                     ("sessions 100", $"/api/dashboard/sessions?stream={stream}&limit=100"),
                     ("graph", $"/api/dashboard/graph?stream={stream}"),
                     ("session drill-down", "/api/dashboard/sessions/bench-0000003"),
                 })
        {
            var times = new List<double>();
            long bytes = 0;
            for (var i = 0; i < iterations + 3; i++)
            {
                var t = Stopwatch.StartNew();
                var body = await client.GetByteArrayAsync(path).ConfigureAwait(false);
                if (i >= 3)
                    times.Add(t.Elapsed.TotalMilliseconds);
                bytes = body.Length;
            }

            times.Sort();
            Console.WriteLine($"  {name,-20} p50 {times[times.Count / 2],8:F2} ms   p95 {times[(int)(times.Count * 0.95)],8:F2} ms   {bytes,9} bytes");
        }

        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        if (database != ":memory:")
        {
            var rebuild = Stopwatch.StartNew();
            using var reopened = new AnalyticsService(options, TimeProvider.System);
            Console.WriteLine($"  restart: rebuilt {reopened.Aggregates.SessionCount} sessions from SQLite in {rebuild.Elapsed.TotalSeconds:F2} s");
        }

        return 0;
    }
}
