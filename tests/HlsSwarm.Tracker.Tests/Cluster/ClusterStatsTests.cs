using System.Net.Http;
using System.Text.Json;
using HlsSwarm.Tracker.Tests.Endpoint;
using Xunit;
using static HlsSwarm.Tracker.Tests.Messages;

namespace HlsSwarm.Tracker.Tests.Cluster;

/// <summary>Per-node cluster figures on /stats and /metrics; a single-node tracker shows none.</summary>
public sealed class ClusterStatsTests
{
    [Fact]
    public async Task Stats_and_metrics_show_this_nodes_cluster_traffic()
    {
        await using var cluster = await TrackerCluster.StartAsync(2);
        await using var a = await TestClient.ConnectAsync(cluster.Nodes[0].Announce);
        await using var b = await TestClient.ConnectAsync(cluster.Nodes[1].Announce);
        await a.SendAsync(Announce(InfoHash, PeerA));
        await a.ReceiveAsync();
        await cluster.WaitForMembersAsync(InfoHash, PeerA);
        await b.SendAsync(Announce(InfoHash, PeerB, offers: 1));
        await b.ReceiveAsync();
        await a.ReceiveAsync();

        using var http = new HttpClient();
        var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(cluster.Nodes[1].Http, "/stats"))).RootElement.GetProperty("cluster");
        Assert.Equal("node-2", stats.GetProperty("nodeId").GetString());
        Assert.Equal(1, stats.GetProperty("announces").GetInt64());
        Assert.Equal(1, stats.GetProperty("offersToRemotePeers").GetInt64());
        // One script round trip plus one publish batch: the ≤ 3 round trips per announce target.
        Assert.Equal(2, stats.GetProperty("redisRoundTrips").GetInt64());
        Assert.Equal(0, stats.GetProperty("redisErrors").GetInt64());

        await TestWait.UntilAsync(async () => (await cluster.StatsAsync(0)).Cluster!.RelaysDelivered == 1);
        var metrics = await http.GetStringAsync(new Uri(cluster.Nodes[0].Http, "/metrics"));
        Assert.Contains("hlsswarm_tracker_cluster_events_total{node=\"node-1\",kind=\"relays_received\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("hlsswarm_tracker_cluster_events_total{node=\"node-1\",kind=\"relays_delivered\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_and_metrics_show_cluster_wide_figures_read_from_redis()
    {
        await using var cluster = await TrackerCluster.StartAsync(3);
        await using var a = await TestClient.ConnectAsync(cluster.Nodes[0].Announce);
        await using var b = await TestClient.ConnectAsync(cluster.Nodes[1].Announce);
        await a.SendAsync(Announce(InfoHash, PeerA, extra: ",\"left\":0")); // a seeder
        await a.ReceiveAsync();
        await cluster.WaitForMembersAsync(InfoHash, PeerA);
        await b.SendAsync(Announce(InfoHash, PeerB, offers: 1));
        await b.ReceiveAsync();
        await a.ReceiveAsync();
        await cluster.StopNodeAsync(2);

        // Node 3 (no peers, now stopped) shows as down; the figures of nodes 1 and 2 reach node 1 through Redis
        // within a housekeeping tick plus a lease renewal (about 2 s).
        using var http = new HttpClient();
        JsonElement wide = default;
        await TestWait.UntilAsync(async () =>
        {
            wide = JsonDocument.Parse(await http.GetStringAsync(new Uri(cluster.Nodes[0].Http, "/stats"))).RootElement.GetProperty("clusterWide");
            return wide.GetProperty("liveNodes").GetInt32() == 2 && wide.GetProperty("peers").GetInt64() == 2
                && wide.GetProperty("relaysReceivedCrossNode").GetInt64() == 1;
        }, TimeSpan.FromSeconds(10));
        Assert.Equal(1, wide.GetProperty("complete").GetInt64());
        Assert.Equal(1, wide.GetProperty("incomplete").GetInt64());
        Assert.Equal(2, wide.GetProperty("swarmParts").GetInt64());
        Assert.Equal(1, wide.GetProperty("relaysSentCrossNode").GetInt64());
        Assert.Equal("node-3", string.Join(",", wide.GetProperty("downNodes").EnumerateArray().Select(e => e.GetString())));
        Assert.Equal("node-1,node-2", string.Join(",", wide.GetProperty("nodes").EnumerateArray().Select(e => e.GetProperty("nodeId").GetString())));
        // Announce (1 script) + publish batch, by node 2; node 1's started announce: 1 script.
        Assert.Equal(3, wide.GetProperty("redisRoundTrips").GetInt64());
        Assert.True(wide.GetProperty("ageSeconds").GetDouble() < 3);

        var metrics = await http.GetStringAsync(new Uri(cluster.Nodes[1].Http, "/metrics"));
        Assert.Contains("hlsswarm_tracker_cluster_redis_available 1", metrics, StringComparison.Ordinal);
        Assert.Contains("hlsswarm_tracker_cluster_node_peers{node=\"node-1\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("hlsswarm_tracker_cluster_wide{kind=\"live_nodes\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("hlsswarm_tracker_cluster_wide{kind=\"complete\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_node_tracker_has_no_cluster_section()
    {
        await using var single = await TrackerServer.StartAsync();
        using var http = new HttpClient();
        var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(single.Http, "/stats"))).RootElement;
        Assert.False(stats.TryGetProperty("cluster", out _));
        Assert.False(stats.TryGetProperty("clusterWide", out _));
        Assert.DoesNotContain("hlsswarm_tracker_cluster", await http.GetStringAsync(new Uri(single.Http, "/metrics")), StringComparison.Ordinal);
    }
}
