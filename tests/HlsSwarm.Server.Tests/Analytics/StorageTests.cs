using System.Text;
using HlsSwarm.Server.Analytics;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace HlsSwarm.Server.Tests.Analytics;

public sealed class StorageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hlsswarm-analytics-").FullName;

    private string DatabasePath => Path.Combine(_directory, "analytics.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_restart_keeps_summary_series_sessions_and_policy()
    {
        var options = new AnalyticsOptions { DatabasePath = DatabasePath, AdminToken = AnalyticsServer.Token };
        var time = Clock();
        string summaryBefore, seriesBefore;
        await using (var server = await AnalyticsServer.StartAsync(options, time))
        {
            (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-0001", 1, http: 100, p2p: 400, failures: "{\"timeout\":1}"))).Dispose();
            time.Advance(TimeSpan.FromSeconds(10));
            (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-0001", 2, http: 150, p2p: 900))).Dispose();
            (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-0002", 1, http: 10, group: "control"))).Dispose();
            (await server.Admin.PutAsync("/api/admin/policy", AnalyticsServer.Json("""{"global":{"p2pShare":0.25}}"""))).Dispose();
            summaryBefore = (await server.GetJsonAsync("/api/dashboard/summary")).ToJsonString();
            seriesBefore = (await server.GetJsonAsync("/api/dashboard/series?minutes=5")).ToJsonString();
        } // stopping flushes what is queued

        await using (var server = await AnalyticsServer.StartAsync(options, time))
        {
            Assert.Equal(summaryBefore, (await server.GetJsonAsync("/api/dashboard/summary")).ToJsonString());
            Assert.Equal(seriesBefore, (await server.GetJsonAsync("/api/dashboard/series?minutes=5")).ToJsonString());
            var policy = await server.GetJsonAsync("/api/admin/policy");
            Assert.Equal((2L, 0.25), ((long)policy["version"]!, (double)policy["global"]!["p2pShare"]!));
            var session = await server.GetJsonAsync("/api/dashboard/sessions/viewer-0001");
            Assert.Equal(2, session["timeline"]!.AsArray().Count);
            // The session's seq survived too: a replayed old beacon is still stale.
            using var stale = await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-0001", 2, http: 999));
            Assert.Equal(System.Net.HttpStatusCode.Conflict, stale.StatusCode);
        }
    }

    [Fact]
    public async Task A_thousand_beacons_are_a_handful_of_transactions()
    {
        var time = Clock();
        using var service = new AnalyticsService(new AnalyticsOptions { DatabasePath = DatabasePath }, time);
        await service.StartAsync(CancellationToken.None);
        for (var i = 0; i < 1000; i++)
        {
            var body = AnalyticsServer.BeaconJson($"viewer-{i:D5}", 1, http: i);
            Assert.True(service.Store.TryEnqueue(new StoredBeacon(time.GetUtcNow(), $"viewer-{i:D5}", 1, AnalyticsServer.Stream, body)));
        }

        // The fake clock never fires the 1 s timer: the full batch alone triggers the flush.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (service.Store.Written < 1000 && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        Assert.Equal(1000, service.Store.Written);
        Assert.InRange(service.Store.Transactions, 1, 3);
        Assert.Equal(1000, await service.Store.CountAsync());
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Queued_beacons_are_written_once_the_flush_interval_passes()
    {
        var time = Clock();
        using var service = new AnalyticsService(new AnalyticsOptions { DatabasePath = DatabasePath }, time);
        await service.StartAsync(CancellationToken.None);
        for (var i = 0; i < 5; i++)
            service.Store.TryEnqueue(new StoredBeacon(time.GetUtcNow(), "viewer-0001", i + 1, AnalyticsServer.Stream, AnalyticsServer.BeaconJson("viewer-0001", i + 1)));
        await Task.Delay(200);
        Assert.Equal(0, service.Store.Written);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (service.Store.Written < 5 && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(20);
        }

        Assert.Equal(5, service.Store.Written);
        Assert.Equal(1, service.Store.Transactions);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Retention_deletes_old_beacons_and_forgets_their_sessions()
    {
        var time = Clock();
        var options = new AnalyticsOptions { DatabasePath = DatabasePath, Retention = TimeSpan.FromHours(1), AdminToken = AnalyticsServer.Token };
        await using var server = await AnalyticsServer.StartAsync(options, time);
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("old-viewer", 1, http: 100))).Dispose();
        time.Advance(TimeSpan.FromMinutes(50));
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("new-viewer", 1, http: 7))).Dispose();
        await server.Analytics.Store.FlushAsync();
        Assert.Equal(2, await server.Analytics.Store.CountAsync());

        time.Advance(TimeSpan.FromMinutes(15)); // old-viewer is 65 min old, new-viewer 15 min
        await server.Analytics.PruneAsync();
        Assert.Equal(1, await server.Analytics.Store.CountAsync());
        var sessions = (await server.GetJsonAsync("/api/dashboard/sessions"))["sessions"]!.AsArray();
        Assert.Equal(["new-viewer"], sessions.Select(s => (string)s!["sessionId"]!));
        Assert.Empty((await server.Analytics.Store.ReadSessionAsync("old-viewer", 10)));
    }

    [Fact]
    public void A_database_of_a_newer_schema_is_refused()
    {
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var e = Assert.Throws<InvalidDataException>(() => new BeaconStore(new AnalyticsOptions { DatabasePath = DatabasePath }));
        Assert.Contains("99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused()
    {
        File.WriteAllText(DatabasePath, new string('x', 4096), Encoding.ASCII);
        Assert.Throws<InvalidDataException>(() => new BeaconStore(new AnalyticsOptions { DatabasePath = DatabasePath }));
    }
}
