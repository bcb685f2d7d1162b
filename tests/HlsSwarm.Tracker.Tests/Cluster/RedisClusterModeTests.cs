using HlsSwarm.Protocol.Tracker;
using HlsSwarm.Tracker.AspNetCore;
using HlsSwarm.Tracker.AspNetCore.Cluster;
using HlsSwarm.Tracker.Tests.Endpoint;
using Xunit;
using static HlsSwarm.Tracker.Tests.Messages;

namespace HlsSwarm.Tracker.Tests.Cluster;

/// <summary>
/// Two tracker nodes on a real 3-master Redis Cluster: swarms whose keys live on different masters still share
/// their peers across nodes, scripts touch only the keys they declare (a cross-slot access would fail the call),
/// and a stopped node stops being an offer target.
/// </summary>
public sealed class RedisClusterModeTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task Two_nodes_on_a_three_master_redis_cluster_relay_across_nodes_in_swarms_on_every_master()
    {
        await using var redis = await RedisClusterServers.StartAsync();
        var nodes = new TrackerServer[2];
        try
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                nodes[i] = await TrackerServer.StartAsync(cluster: new TrackerClusterOptions { Redis = redis.Configuration, NodeId = $"node-{i + 1}" });
            }

            var loops = nodes.Select(n => (TrackerLoop)n.Services.GetService(typeof(TrackerLoop))!).ToArray();
            // Swarms until every master holds at least one (the info_hash hash tag decides the slot).
            var swarms = new List<string>();
            var masters = new HashSet<int>();
            for (var k = 0; masters.Count < 3 && k < 200; k++)
            {
                var ih = $"swarm-{k:D3}-aaaaaaaaaaaa"[..20];
                swarms.Add(ih);
                masters.Add(redis.MasterOf(RedisBackplane.MembersKey(WireId.FromLatin1(ih))));
            }

            Assert.Equal(3, masters.Count);
            foreach (var ih in swarms.TakeLast(3).Concat(swarms.Take(1)).Distinct())
            {
                await using var a = await TestClient.ConnectAsync(nodes[0].Announce);
                await using var b = await TestClient.ConnectAsync(nodes[1].Announce);
                await a.SendAsync(Announce(ih, PeerA));
                await a.ReceiveAsync();
                var members = RedisBackplane.MembersKey(WireId.FromLatin1(ih));
                await TestWait.UntilAsync(async () => await redis.Db.SortedSetLengthAsync(members) == 1);

                // B's offer crosses to node 1, A's answer crosses back to node 2.
                await b.SendAsync(Announce(ih, PeerB, offers: 1));
                await b.ReceiveAsync();
                var offer = await a.ReceiveAsync();
                Assert.Equal(PeerB, offer.GetProperty("peer_id").GetString());
                await a.SendAsync(Answer(ih, PeerA, PeerB, offer.GetProperty("offer_id").GetString()!));
                Assert.Equal(PeerA, (await b.ReceiveAsync()).GetProperty("peer_id").GetString());
            }

            var s1 = (await loops[0].GetStatsAsync()).Cluster!;
            var s2 = (await loops[1].GetStatsAsync()).Cluster!;
            Assert.Equal(0, s1.RedisErrors + s2.RedisErrors);
            Assert.True(s2.OffersToRemotePeers >= 3 && s1.AnswersToRemotePeers >= 3, $"{s1} {s2}");

            // The clients closed: each node removed its peers from the shared membership on every master.
            foreach (var ih in swarms)
            {
                var members = RedisBackplane.MembersKey(WireId.FromLatin1(ih));
                await TestWait.UntilAsync(async () => await redis.Db.SortedSetLengthAsync(members) == 0);
            }

            // Cluster-wide figures read from the leases, which live on whichever master their key hashes to.
            await TestWait.UntilAsync(async () => (await loops[0].GetStatsAsync()).ClusterWide is { LiveNodes: 2 }, TimeSpan.FromSeconds(10));

            // A node that stops (lease dropped, so the script cannot see it in Redis Cluster) stops being an offer
            // target once the other node's lease read lists it as down.
            var c = await TestClient.ConnectAsync(nodes[0].Announce);
            await using var d = await TestClient.ConnectAsync(nodes[1].Announce);
            var last = swarms[0];
            await c.SendAsync(Announce(last, PeerC));
            await c.ReceiveAsync();
            await d.SendAsync(Announce(last, PeerB));
            await d.ReceiveAsync();
            // The stop drops the lease at once, then waits for C's connection to drain (closed at the end).
            var stopping = nodes[0].DisposeAsync().AsTask();
            nodes[0] = null!;
            await TestWait.UntilAsync(async () => (await loops[1].GetStatsAsync()).ClusterWide is { LiveNodes: 1 } w && w.DownNodes.Contains("node-1"), TimeSpan.FromSeconds(10));
            var before = (await loops[1].GetStatsAsync()).Cluster!.OffersToRemotePeers;
            await d.SendAsync(Announce(last, PeerB, offers: 1, evt: null));
            await d.ReceiveAsync();
            Assert.True(await d.NothingWithinAsync(Quiet));
            Assert.Equal(before, (await loops[1].GetStatsAsync()).Cluster!.OffersToRemotePeers);
            await c.DisposeAsync();
            await stopping;
        }
        finally
        {
            foreach (var n in nodes.Where(n => n is not null))
            {
                await n.DisposeAsync();
            }
        }
    }
}
