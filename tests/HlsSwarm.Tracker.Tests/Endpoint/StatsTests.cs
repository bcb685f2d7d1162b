using System.Net;
using System.Text.Json;
using Xunit;
using static HlsSwarm.Tracker.Tests.Messages;

namespace HlsSwarm.Tracker.Tests.Endpoint;

public class StatsTests
{
    internal static async Task<JsonElement> GetStatsAsync(TrackerServer server)
    {
        using var http = new HttpClient { BaseAddress = server.Http };
        var text = await http.GetStringAsync("/stats");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Stats_and_metrics_match_what_happened()
    {
        await using var server = await TrackerServer.StartAsync();
        await using var a = await TestClient.ConnectAsync(server.WebSocket);
        await using var b = await TestClient.ConnectAsync(server.Announce);
        await a.SendAsync(Announce(InfoHash, PeerA));
        await a.ReceiveAsync();
        await a.SendAsync(Announce(InfoHash2, PeerC)); // shared socket, second swarm
        await a.ReceiveAsync();
        await b.SendAsync(Announce(InfoHash, PeerB, offers: 3));
        await b.ReceiveAsync();
        var offer = await a.ReceiveAsync();
        await a.SendAsync(Answer(InfoHash, PeerA, PeerB, offer.GetProperty("offer_id").GetString()!));
        await b.ReceiveAsync();
        await b.SendAsync("{\"action\":\"scrape\"}");
        await b.ReceiveAsync();
        await b.SendAsync("nonsense");
        await b.ReceiveAsync();

        var s = await GetStatsAsync(server);
        Assert.Equal(2, s.GetProperty("connections").GetInt64());
        Assert.Equal(2, s.GetProperty("swarms").GetInt64());
        Assert.Equal(3, s.GetProperty("peers").GetInt64());
        Assert.Equal(2, s.GetProperty("peersPerSwarm").GetProperty(InfoHash).GetInt32());
        Assert.Equal(1, s.GetProperty("peersPerSwarm").GetProperty(InfoHash2).GetInt32());
        Assert.Equal(3, s.GetProperty("messagesByKind").GetProperty("announce").GetInt64());
        Assert.Equal(1, s.GetProperty("messagesByKind").GetProperty("answer").GetInt64());
        Assert.Equal(1, s.GetProperty("messagesByKind").GetProperty("scrape").GetInt64());
        Assert.Equal(1, s.GetProperty("messagesByKind").GetProperty("invalid").GetInt64());
        Assert.Equal(1, s.GetProperty("relays").GetProperty("offers").GetInt64());
        Assert.Equal(1, s.GetProperty("relays").GetProperty("answers").GetInt64());
        Assert.Equal(1, s.GetProperty("failuresByReason").GetProperty("invalidJson").GetInt64());
        Assert.True(s.GetProperty("uptimeSeconds").GetDouble() >= 0);
        Assert.Equal(2, s.GetProperty("upgrades").GetProperty("connectionLevel").GetInt64());
        Assert.Equal(0, s.GetProperty("upgrades").GetProperty("http").GetInt64());

        using var http = new HttpClient { BaseAddress = server.Http };
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("hlsswarm_tracker_connections 2", metrics, StringComparison.Ordinal);
        Assert.Contains("hlsswarm_tracker_swarms 2", metrics, StringComparison.Ordinal);
        Assert.Contains("hlsswarm_tracker_peers 3", metrics, StringComparison.Ordinal);
        Assert.Contains("hlsswarm_tracker_messages_total{kind=\"announce\"} 3", metrics, StringComparison.Ordinal);
        Assert.Contains("hlsswarm_tracker_relays_total{type=\"offer\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("hlsswarm_tracker_relays_total{type=\"answer\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("hlsswarm_tracker_failures_total{reason=\"invalidJson\"} 1", metrics, StringComparison.Ordinal);

        // Closing the shared socket removes both of its peer ids.
        await a.DisposeAsync();
        await HostileInputTests.WaitUntilAsync(async () => (await GetStatsAsync(server)).GetProperty("peers").GetInt64() == 1);
        var after = await GetStatsAsync(server);
        Assert.Equal(1, after.GetProperty("swarms").GetInt64());
        Assert.Equal(1, after.GetProperty("connections").GetInt64());
    }

    [Fact]
    public async Task Announce_path_rejects_plain_get_and_metrics_is_prometheus_text()
    {
        await using var server = await TrackerServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Http };
        var announce = await http.GetAsync("/announce");
        Assert.Equal(HttpStatusCode.UpgradeRequired, announce.StatusCode);
        var metrics = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.StartsWith("text/plain", metrics.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE hlsswarm_tracker_messages_total counter", text, StringComparison.Ordinal);
        Assert.Contains("hlsswarm_tracker_test_host_metric 7", text, StringComparison.Ordinal);
    }

    static StatsTests()
    {
        // A host metric in the process-wide registry must show up on the tracker's /metrics as well.
        Prometheus.Metrics.CreateGauge("hlsswarm_tracker_test_host_metric", "Set by the tests.").Set(7);
    }
}
