using System.Net.Http;
using Xunit;
using static HlsSwarm.Tracker.Tests.Messages;

namespace HlsSwarm.Tracker.Tests.Cluster;

/// <summary>
/// Redis goes away: each node keeps relaying between its own peers and says so on /healthz; when Redis returns
/// (empty, as after a restart without persistence) each node writes its registrations back.
/// </summary>
public sealed class RedisOutageTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    /// <param name="persisted">
    /// False: Redis restarts empty, so the resync must write every registration back. True: Redis restarts from a
    /// dump taken before the outage, so D (which left during the outage) is still there and the replayed departure
    /// must remove it.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Nodes_serve_local_peers_while_redis_is_down_and_resync_when_it_restarts(bool persisted)
    {
        await using var cluster = await TrackerCluster.StartAsync(2);
        await using var a = await Endpoint.TestClient.ConnectAsync(cluster.Nodes[0].Announce);
        await using var c = await Endpoint.TestClient.ConnectAsync(cluster.Nodes[0].Announce);
        await using var b = await Endpoint.TestClient.ConnectAsync(cluster.Nodes[1].Announce);
        await using var d = await Endpoint.TestClient.ConnectAsync(cluster.Nodes[1].Announce);
        const string PeerD = "-PM0203-DDDDDDDDDDDD";
        foreach (var (client, peer) in new[] { (a, PeerA), (c, PeerC), (b, PeerB), (d, PeerD) })
        {
            await client.SendAsync(Announce(InfoHash, peer));
            await client.ReceiveAsync();
        }

        await cluster.WaitForMembersAsync(InfoHash, PeerA, PeerB, PeerC, PeerD);
        using var http = new HttpClient();
        Assert.Equal("ok", await http.GetStringAsync(new Uri(cluster.Nodes[0].Http, "/healthz")));

        if (persisted)
        {
            await cluster.Redis.Db.ExecuteAsync("SAVE");
        }

        cluster.Redis.Kill();
        await TestWait.UntilAsync(async () => (await http.GetStringAsync(new Uri(cluster.Nodes[0].Http, "/healthz"))).StartsWith("degraded", StringComparison.Ordinal));

        // Degraded: an offer from C reaches its only local neighbour A, never B on the other node.
        await c.SendAsync(Announce(InfoHash, PeerC, offers: 3, evt: null));
        await c.ReceiveAsync();
        var offer = await a.ReceiveAsync();
        Assert.Equal(PeerC, offer.GetProperty("peer_id").GetString());
        Assert.True(await b.NothingWithinAsync(Quiet));
        Assert.Equal(1, (await cluster.StatsAsync(0)).Cluster!.OffersWhileDegraded);
        Assert.False((await cluster.StatsAsync(0)).Cluster!.RedisAvailable);

        // D leaves during the outage; its departure must still reach Redis afterwards.
        await d.DisposeAsync();
        await TestWait.UntilAsync(async () => (await cluster.StatsAsync(1)).Peers == 1);

        // Persisted: the dump still holds D, so only the replayed departure can remove it below.
        await cluster.Redis.RestartAsync();

        await TestWait.UntilAsync(async () => (await cluster.StatsAsync(0)).Cluster!.Resyncs >= 1 && (await cluster.StatsAsync(1)).Cluster!.Resyncs >= 1, TimeSpan.FromSeconds(15));
        await cluster.WaitForMembersAsync(InfoHash, PeerA, PeerB, PeerC);
        Assert.Equal("ok", await http.GetStringAsync(new Uri(cluster.Nodes[1].Http, "/healthz")));
        await TestWait.UntilAsync(async () => await cluster.Redis.Db.KeyExistsAsync("hs:node:node-1") && await cluster.Redis.Db.KeyExistsAsync("hs:node:node-2"));

        // Cross-node relay works again: B's two offers reach A and C on the other node.
        await b.SendAsync(Announce(InfoHash, PeerB, offers: 2, evt: null));
        await b.ReceiveAsync();
        Assert.Equal(PeerB, (await a.ReceiveAsync()).GetProperty("peer_id").GetString());
        Assert.Equal(PeerB, (await c.ReceiveAsync()).GetProperty("peer_id").GetString());
    }

    [Fact]
    public async Task A_node_started_while_redis_is_down_joins_the_cluster_when_redis_returns()
    {
        await using var cluster = await TrackerCluster.StartAsync(1);
        await using var a = await Endpoint.TestClient.ConnectAsync(cluster.Nodes[0].Announce);
        await a.SendAsync(Announce(InfoHash, PeerA));
        await a.ReceiveAsync();
        await cluster.WaitForMembersAsync(InfoHash, PeerA);

        cluster.Redis.Kill();
        await using var late = await Endpoint.TrackerServer.StartAsync(
            cluster: new AspNetCore.Cluster.TrackerClusterOptions { Redis = cluster.Redis.Configuration, NodeId = "node-late" });
        var lateLoop = (AspNetCore.TrackerLoop)late.Services.GetService(typeof(AspNetCore.TrackerLoop))!;
        Assert.True(lateLoop.Degraded);
        await using var b = await Endpoint.TestClient.ConnectAsync(late.Announce);
        await b.SendAsync(Announce(InfoHash, PeerB));
        await b.ReceiveAsync();

        await cluster.Redis.RestartAsync();
        await TestWait.UntilAsync(async () => (await lateLoop.GetStatsAsync()).Cluster!.Resyncs >= 1 && (await cluster.StatsAsync(0)).Cluster!.Resyncs >= 1, TimeSpan.FromSeconds(15));
        await cluster.WaitForMembersAsync(InfoHash, PeerA, PeerB);
        await TestWait.UntilAsync(async () => await cluster.Redis.Db.KeyExistsAsync("hs:node:node-late"));

        // The late node subscribed on its resync: A's offer reaches B there, and B's answer reaches A.
        await a.SendAsync(Announce(InfoHash, PeerA, offers: 1, evt: null));
        await a.ReceiveAsync();
        var offer = await b.ReceiveAsync();
        Assert.Equal(PeerA, offer.GetProperty("peer_id").GetString());
        await b.SendAsync(Answer(InfoHash, PeerB, PeerA, offer.GetProperty("offer_id").GetString()!));
        Assert.Equal(PeerB, (await a.ReceiveAsync()).GetProperty("peer_id").GetString());
    }
}
