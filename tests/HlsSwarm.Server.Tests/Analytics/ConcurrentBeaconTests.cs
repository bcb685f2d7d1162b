using System.Net;
using HlsSwarm.Server.Analytics;
using Xunit;

namespace HlsSwarm.Server.Tests.Analytics;

public class ConcurrentBeaconTests
{
    [Fact]
    public async Task Parallel_beacons_of_many_sessions_are_all_counted_once()
    {
        await using var server = await AnalyticsServer.StartAsync(new AnalyticsOptions
        {
            AdminToken = AnalyticsServer.Token,
            BeaconsPerSecondPerIp = 1e9,
            BeaconBurstPerIp = 1_000_000,
        });
        const int Sessions = 40, Beacons = 10;
        // Each session posts its beacons in order; sessions run in parallel over several connections.
        await Parallel.ForEachAsync(Enumerable.Range(0, Sessions), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (s, _) =>
        {
            for (var seq = 1; seq <= Beacons; seq++)
            {
                using var r = await server.PostBeaconAsync(AnalyticsServer.BeaconJson($"parallel-{s:D3}", seq, http: seq * 100L, p2p: seq * 10L));
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            }
        });
        // And a burst of duplicates of the last beacon: all stale, none counted.
        await Parallel.ForEachAsync(Enumerable.Range(0, Sessions), async (s, _) =>
        {
            using var r = await server.PostBeaconAsync(AnalyticsServer.BeaconJson($"parallel-{s:D3}", Beacons, http: 999_999));
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        });

        var summary = await server.GetJsonAsync("/api/dashboard/summary");
        Assert.Equal(Sessions, (int)summary["totals"]!["viewers"]!);
        Assert.Equal(Sessions * Beacons * 100L, (long)summary["totals"]!["bytes"]!["http"]!);
        Assert.Equal(Sessions * Beacons * 10L, (long)summary["totals"]!["bytes"]!["p2p"]!);
        await server.Analytics.Store.FlushAsync();
        Assert.Equal(Sessions * Beacons, await server.Analytics.Store.CountAsync());
    }
}
