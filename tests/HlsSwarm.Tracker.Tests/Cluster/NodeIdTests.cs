using System.Diagnostics;
using HlsSwarm.Tracker.AspNetCore.Cluster;
using HlsSwarm.Tracker.Tests.Endpoint;
using Xunit;
using static HlsSwarm.Tracker.Tests.Messages;

namespace HlsSwarm.Tracker.Tests.Cluster;

/// <summary>A node id is held by one live process at a time (its lease carries a per-process token).</summary>
public sealed class NodeIdTests
{
    [Fact]
    public async Task A_second_node_with_a_live_nodes_id_refuses_to_start_and_leaves_the_first_untouched()
    {
        await using var cluster = await TrackerCluster.StartAsync(2);
        await using var a = await TestClient.ConnectAsync(cluster.Nodes[0].Announce);
        await a.SendAsync(Announce(InfoHash, PeerA));
        await a.ReceiveAsync();
        await cluster.WaitForMembersAsync(InfoHash, PeerA);

        var refused = await Assert.ThrowsAsync<TrackerNodeIdInUseException>(() => TrackerServer.StartAsync(
            cluster: new TrackerClusterOptions { Redis = cluster.Redis.Configuration, NodeId = "node-1" }));
        Assert.Equal("node-1", refused.NodeId);
        Assert.Contains("--node-id", refused.Message, StringComparison.Ordinal);

        // The refused process neither released node 1's lease nor subscribed to its relays: A is still reached.
        Assert.True(await cluster.Redis.Db.KeyExistsAsync("hs:node:node-1"));
        await using var b = await TestClient.ConnectAsync(cluster.Nodes[1].Announce);
        await b.SendAsync(Announce(InfoHash, PeerB, offers: 1));
        await b.ReceiveAsync();
        Assert.Equal(PeerB, (await a.ReceiveAsync()).GetProperty("peer_id").GetString());
    }

    [Fact]
    public async Task The_cli_exits_2_with_a_clear_error_when_the_node_id_is_in_use()
    {
        await using var cluster = await TrackerCluster.StartAsync(1);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "hlsswarm.dll"), "tracker", "--urls", "http://127.0.0.1:0", "--redis", cluster.Redis.Configuration, "--node-id", "node-1" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("node id 'node-1' is in use by another live tracker node", await stderr, StringComparison.Ordinal);
        await stdout;
    }

    [Fact]
    public async Task A_node_restarted_with_its_id_after_a_clean_stop_starts_at_once()
    {
        await using var cluster = await TrackerCluster.StartAsync(1);
        await cluster.StopNodeAsync(0); // releases the lease
        await using var again = await TrackerServer.StartAsync(
            cluster: new TrackerClusterOptions { Redis = cluster.Redis.Configuration, NodeId = "node-1" });
        Assert.True(await cluster.Redis.Db.KeyExistsAsync("hs:node:node-1"));
    }
}
