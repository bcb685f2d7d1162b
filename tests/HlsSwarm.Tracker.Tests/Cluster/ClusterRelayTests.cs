using System.Net.WebSockets;
using System.Text.Json;
using HlsSwarm.Tracker.Tests.Endpoint;
using Xunit;
using static HlsSwarm.Tracker.Tests.Messages;

namespace HlsSwarm.Tracker.Tests.Cluster;

/// <summary>
/// Several tracker nodes (real Kestrel on 127.0.0.1) share one private redis-server: peers connected to different
/// nodes meet in one swarm and relay offers and answers as if they were on one node (docs/tracker-cluster.md).
/// </summary>
public sealed class ClusterRelayTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task Offer_and_answer_cross_nodes_byte_exact_as_on_one_node()
    {
        // The same exchange on a single-node tracker gives the reference bytes.
        byte[] offerOnOne, answerOnOne;
        await using (var single = await TrackerServer.StartAsync())
        {
            (offerOnOne, answerOnOne) = await ExchangeAsync(single, single, null);
        }

        await using var cluster = await TrackerCluster.StartAsync(2);
        var (offer, answer) = await ExchangeAsync(cluster.Nodes[0], cluster.Nodes[1], cluster);

        Assert.Equal(offerOnOne, offer);
        Assert.Equal(answerOnOne, answer);
        var json = JsonDocument.Parse(offer).RootElement;
        Assert.Equal(PeerB, json.GetProperty("peer_id").GetString());
        Assert.Equal(OfferId(0), json.GetProperty("offer_id").GetString());
        Assert.Equal(1, (await cluster.StatsAsync(1)).Cluster!.OffersToRemotePeers);
        Assert.Equal(1, (await cluster.StatsAsync(0)).Cluster!.AnswersToRemotePeers);
        Assert.Equal(1, (await cluster.StatsAsync(0)).Cluster!.RelaysReceived);
    }

    /// <summary>A waits on <paramref name="nodeA"/>; B announces one offer on <paramref name="nodeB"/>; A answers.</summary>
    private static async Task<(byte[] Offer, byte[] Answer)> ExchangeAsync(TrackerServer nodeA, TrackerServer nodeB, TrackerCluster? cluster)
    {
        await using var a = await TestClient.ConnectAsync(nodeA.Announce);
        await using var b = await TestClient.ConnectAsync(nodeB.Announce);
        await a.SendAsync(Announce(InfoHash, PeerA));
        await a.ReceiveAsync(); // announce reply
        if (cluster is not null)
        {
            await cluster.WaitForMembersAsync(InfoHash, PeerA);
        }

        await b.SendAsync(Announce(InfoHash, PeerB, offers: 1));
        await b.ReceiveAsync(); // announce reply
        var (_, offer) = await a.ReceiveRawAsync(TimeSpan.FromSeconds(5));
        await a.SendAsync(Answer(InfoHash, PeerA, PeerB, OfferId(0)));
        var (_, answer) = await b.ReceiveRawAsync(TimeSpan.FromSeconds(5));
        return (offer, answer);
    }

    [Fact]
    public async Task Offers_go_to_distinct_random_peers_across_all_nodes()
    {
        await using var cluster = await TrackerCluster.StartAsync(3);
        string[] peers = [PeerA, PeerB, PeerC, "-PM0203-DDDDDDDDDDDD", "-PM0203-EEEEEEEEEEEE", "-PM0203-FFFFFFFFFFFF"];
        var clients = new List<TestClient>();
        try
        {
            for (var i = 0; i < peers.Length; i++)
            {
                var c = await TestClient.ConnectAsync(cluster.Nodes[i % 3].Announce);
                clients.Add(c);
                await c.SendAsync(Announce(InfoHash, peers[i]));
                await c.ReceiveAsync();
            }

            await cluster.WaitForMembersAsync(InfoHash, peers);

            // Five offers, five other peers on three nodes: each gets exactly one, and a distinct offer.
            await clients[0].SendAsync(Announce(InfoHash, PeerA, offers: 5, evt: null));
            await clients[0].ReceiveAsync();
            var offerIds = new List<string>();
            for (var i = 1; i < peers.Length; i++)
            {
                var offer = await clients[i].ReceiveAsync();
                Assert.Equal(PeerA, offer.GetProperty("peer_id").GetString());
                offerIds.Add(offer.GetProperty("offer_id").GetString()!);
            }

            Assert.Equal(Enumerable.Range(0, 5).Select(OfferId).Order(), offerIds.Order());
            foreach (var c in clients)
            {
                Assert.True(await c.NothingWithinAsync(Quiet));
            }
        }
        finally
        {
            foreach (var c in clients)
            {
                await c.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Single_offers_reach_local_and_remote_peers_alike()
    {
        // One offer per announce from node 1: the target is drawn from the whole swarm, not from node 1 first.
        var core = new TrackerOptions { AnnounceBurst = 200, AnnouncesPerSecond = 200 };
        await using var cluster = await TrackerCluster.StartAsync(2, core);
        string[] peers = [PeerA, PeerB, PeerC, "-PM0203-DDDDDDDDDDDD"];
        int[] nodeOf = [0, 0, 1, 1];
        var clients = new List<TestClient>();
        try
        {
            for (var i = 0; i < peers.Length; i++)
            {
                var c = await TestClient.ConnectAsync(cluster.Nodes[nodeOf[i]].Announce);
                clients.Add(c);
                await c.SendAsync(Announce(InfoHash, peers[i]));
                await c.ReceiveAsync();
            }

            await cluster.WaitForMembersAsync(InfoHash, peers);
            const int rounds = 60; // P(some peer never chosen) = 3 × (2/3)^60 ≈ 1e-10
            for (var r = 0; r < rounds; r++)
            {
                await clients[0].SendAsync(Announce(InfoHash, PeerA, offers: 1, evt: null));
                await clients[0].ReceiveAsync();
            }

            var received = new int[peers.Length];
            for (var i = 1; i < peers.Length; i++)
            {
                while (!await clients[i].NothingWithinAsync(Quiet))
                {
                    received[i]++;
                }
            }

            Assert.Equal(rounds, received.Sum());
            Assert.All(received.Skip(1), n => Assert.True(n > 0, $"offers per peer: {string.Join(",", received)}"));
        }
        finally
        {
            foreach (var c in clients)
            {
                await c.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Disconnect_on_one_node_removes_the_peer_cluster_wide()
    {
        await using var cluster = await TrackerCluster.StartAsync(2);
        await using var b = await TestClient.ConnectAsync(cluster.Nodes[1].Announce);
        var a = await TestClient.ConnectAsync(cluster.Nodes[0].Announce);
        await a.SendAsync(Announce(InfoHash, PeerA));
        await a.ReceiveAsync();
        await b.SendAsync(Announce(InfoHash, PeerB));
        await b.ReceiveAsync();
        await cluster.WaitForMembersAsync(InfoHash, PeerA, PeerB);
        Assert.Equal("node-1", await cluster.BoundNodeAsync(InfoHash, PeerA));

        await a.DisposeAsync();
        await cluster.WaitForMembersAsync(InfoHash, PeerB);
        Assert.Null(await cluster.BoundNodeAsync(InfoHash, PeerA));

        // B's offers find nobody, and its answer to A is dropped.
        await b.SendAsync(Announce(InfoHash, PeerB, offers: 3, evt: null));
        await b.ReceiveAsync();
        await b.SendAsync(Answer(InfoHash, PeerB, PeerA, OfferId(0)));
        Assert.True(await b.NothingWithinAsync(Quiet));
        var stats = (await cluster.StatsAsync(1)).Cluster!;
        Assert.Equal(0, stats.OffersToRemotePeers + stats.OffersToLocalPeers);
        Assert.Equal(1, stats.AnswersDropped);
    }

    [Fact]
    public async Task Stopped_on_one_node_removes_the_peer_cluster_wide()
    {
        await using var cluster = await TrackerCluster.StartAsync(2);
        await using var a = await TestClient.ConnectAsync(cluster.Nodes[0].Announce);
        await using var b = await TestClient.ConnectAsync(cluster.Nodes[1].Announce);
        await a.SendAsync(Announce(InfoHash, PeerA));
        await a.ReceiveAsync();
        await b.SendAsync(Announce(InfoHash, PeerB));
        await b.ReceiveAsync();
        await cluster.WaitForMembersAsync(InfoHash, PeerA, PeerB);

        await a.SendAsync(Announce(InfoHash, PeerA, evt: "stopped"));
        await a.ReceiveAsync();
        await cluster.WaitForMembersAsync(InfoHash, PeerB);
    }

    [Fact]
    public async Task Peer_that_moves_to_another_node_stays_reachable_after_the_old_connection_closes()
    {
        await using var cluster = await TrackerCluster.StartAsync(2);
        await using var b = await TestClient.ConnectAsync(cluster.Nodes[1].Announce);
        var oldA = await TestClient.ConnectAsync(cluster.Nodes[0].Announce);
        await oldA.SendAsync(Announce(InfoHash, PeerA));
        await oldA.ReceiveAsync();
        await cluster.WaitForMembersAsync(InfoHash, PeerA);

        // A reconnects through the load balancer to node 2 and re-announces before node 1 notices the old socket close.
        await using var newA = await TestClient.ConnectAsync(cluster.Nodes[1].Announce);
        await newA.SendAsync(Announce(InfoHash, PeerA));
        await newA.ReceiveAsync();
        await TestWait.UntilAsync(async () => await cluster.BoundNodeAsync(InfoHash, PeerA) == "node-2");
        await oldA.DisposeAsync();
        await TestWait.UntilAsync(async () => (await cluster.StatsAsync(0)).Peers == 0);

        // Node 1's cleanup must not remove the registration that node 2 now holds.
        Assert.Equal("node-2", await cluster.BoundNodeAsync(InfoHash, PeerA));
        await b.SendAsync(Announce(InfoHash, PeerB, offers: 1));
        await b.ReceiveAsync();
        var offer = await newA.ReceiveAsync();
        Assert.Equal(PeerB, offer.GetProperty("peer_id").GetString());
    }

    [Fact]
    public async Task A_peer_that_moves_while_its_old_connection_stays_open_is_reached_on_its_new_node_only()
    {
        await using var cluster = await TrackerCluster.StartAsync(2);
        await using var b = await TestClient.ConnectAsync(cluster.Nodes[1].Announce);
        var oldA = await TestClient.ConnectAsync(cluster.Nodes[0].Announce);
        await oldA.SendAsync(Announce(InfoHash, PeerA));
        await oldA.ReceiveAsync();
        await b.SendAsync(Announce(InfoHash, PeerB));
        await b.ReceiveAsync();
        await cluster.WaitForMembersAsync(InfoHash, PeerA, PeerB);

        // A re-announces on node 2 through a new connection; the old one on node 1 stays open (a half-dead socket).
        await using var newA = await TestClient.ConnectAsync(cluster.Nodes[1].Announce);
        await newA.SendAsync(Announce(InfoHash, PeerA));
        await newA.ReceiveAsync();
        // Node 2's announce script told node 1, which dropped its stale registration without touching Redis.
        await TestWait.UntilAsync(async () => (await cluster.StatsAsync(0)).Peers == 0);
        Assert.Equal(1, (await cluster.StatsAsync(0)).Cluster!.PeersMovedAway);
        Assert.Equal("node-2", await cluster.BoundNodeAsync(InfoHash, PeerA));
        await cluster.WaitForMembersAsync(InfoHash, PeerA, PeerB);

        // An answer from a node-1 peer to A goes to A's new connection, not to the stale one.
        await using var c = await TestClient.ConnectAsync(cluster.Nodes[0].Announce);
        await c.SendAsync(Announce(InfoHash, PeerC));
        await c.ReceiveAsync();
        await c.SendAsync(Answer(InfoHash, PeerC, PeerA, OfferId(0)));
        Assert.Equal(PeerC, (await newA.ReceiveAsync()).GetProperty("peer_id").GetString());
        Assert.True(await oldA.NothingWithinAsync(Quiet));

        // The stale connection's late close removes nothing.
        await oldA.DisposeAsync();
        await Task.Delay(Quiet);
        Assert.Equal("node-2", await cluster.BoundNodeAsync(InfoHash, PeerA));
        await cluster.WaitForMembersAsync(InfoHash, PeerA, PeerB, PeerC);
    }

    [Fact]
    public async Task A_stopped_node_stops_being_a_relay_target()
    {
        await using var cluster = await TrackerCluster.StartAsync(2);
        var a = await TestClient.ConnectAsync(cluster.Nodes[0].Announce);
        await using var b = await TestClient.ConnectAsync(cluster.Nodes[1].Announce);
        await a.SendAsync(Announce(InfoHash, PeerA));
        await a.ReceiveAsync();
        await cluster.WaitForMembersAsync(InfoHash, PeerA);

        // A stopping node drops its lease when the stop begins, while its server still drains A's connection (so no
        // leave has reached Redis): the announce script must skip A because its node is not alive.
        var stopping = cluster.StopNodeAsync(0);
        await TestWait.UntilAsync(async () => !await cluster.Redis.Db.KeyExistsAsync("hs:node:node-1"));
        Assert.Equal("node-1", await cluster.BoundNodeAsync(InfoHash, PeerA));
        await b.SendAsync(Announce(InfoHash, PeerB, offers: 1));
        await b.ReceiveAsync();
        Assert.True(await b.NothingWithinAsync(Quiet));
        Assert.Equal(0, (await cluster.StatsAsync(1)).Cluster!.OffersToRemotePeers);
        // The script also deleted the dead node's member it met.
        await cluster.WaitForMembersAsync(InfoHash, PeerB);
        await a.DisposeAsync();
        await stopping;
    }
}
