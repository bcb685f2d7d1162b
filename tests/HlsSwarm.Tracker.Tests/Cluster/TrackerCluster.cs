using HlsSwarm.Protocol.Tracker;
using HlsSwarm.Tracker.AspNetCore;
using HlsSwarm.Tracker.AspNetCore.Cluster;
using HlsSwarm.Tracker.Tests.Endpoint;
using Xunit;

namespace HlsSwarm.Tracker.Tests.Cluster;

/// <summary>A private redis-server plus N tracker nodes (real Kestrel on 127.0.0.1) sharing it.</summary>
public sealed class TrackerCluster : IAsyncDisposable
{
    private TrackerCluster(RedisServer redis, TrackerServer[] nodes)
    {
        Redis = redis;
        Nodes = nodes;
    }

    private readonly HashSet<int> _stopped = new();

    public RedisServer Redis { get; }

    public TrackerServer[] Nodes { get; }

    public static async Task<TrackerCluster> StartAsync(int nodes, TrackerOptions? core = null)
    {
        var redis = await RedisServer.StartAsync();
        var started = new TrackerServer[nodes];
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                started[i] = await TrackerServer.StartAsync(core, cluster: new TrackerClusterOptions { Redis = redis.Configuration, NodeId = $"node-{i + 1}" });
            }
        }
        catch
        {
            foreach (var node in started.Where(n => n is not null))
            {
                await node.DisposeAsync();
            }

            await redis.DisposeAsync();
            throw;
        }

        return new TrackerCluster(redis, started);
    }

    /// <summary>Waits until the shared membership of the swarm holds exactly the given peers (max 5 s).</summary>
    public async Task WaitForMembersAsync(string infoHash, params string[] peerIds)
    {
        var key = RedisBackplane.MembersKey(WireId.FromLatin1(infoHash));
        var want = peerIds.Select(p => Convert.ToHexString(WireId.FromLatin1(p).ToArray())).Order().ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        string[] have = [];
        while (DateTime.UtcNow < deadline)
        {
            have = (await Redis.Db.SortedSetRangeByRankAsync(key)).Select(v => Convert.ToHexString((byte[])v!)).Order().ToArray();
            if (have.SequenceEqual(want))
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Equal(want, have);
    }

    /// <summary>The node id the shared membership binds a peer to, or null.</summary>
    public async Task<string?> BoundNodeAsync(string infoHash, string peerId) =>
        await Redis.Db.HashGetAsync(RedisBackplane.NodesKey(WireId.FromLatin1(infoHash)), WireId.FromLatin1(peerId).ToArray());

    public async Task<TrackerStatsSnapshot> StatsAsync(int node) =>
        await ((TrackerLoop)Nodes[node].Services.GetService(typeof(TrackerLoop))!).GetStatsAsync();

    /// <summary>Stops one node gracefully (its lease is dropped).</summary>
    public async Task StopNodeAsync(int node)
    {
        if (_stopped.Add(node))
        {
            await Nodes[node].DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            for (var i = 0; i < Nodes.Length; i++)
            {
                await StopNodeAsync(i);
            }
        }
        finally
        {
            // Even when a node fails to stop, the private redis-server must not outlive the test.
            await Redis.DisposeAsync();
        }
    }
}
