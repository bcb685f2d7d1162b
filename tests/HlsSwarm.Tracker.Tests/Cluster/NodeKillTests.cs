using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using HlsSwarm.Tracker.Tests.Endpoint;
using Xunit;
using static HlsSwarm.Tracker.Tests.Messages;

namespace HlsSwarm.Tracker.Tests.Cluster;

/// <summary>
/// A tracker node running as its own <c>hlsswarm tracker --redis … --node-id …</c> process is killed with SIGKILL:
/// it stops being a relay target within its lease (3 s), and its peers reconnect to another node undisturbed.
/// </summary>
public sealed class NodeKillTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task A_killed_node_stops_being_a_relay_target_within_its_lease()
    {
        await using var cluster = await TrackerCluster.StartAsync(1); // node-1, in this process
        var port = FreePort();
        using var external = StartNode(cluster.Redis.Configuration, "node-2", port);
        try
        {
            var http = new Uri($"http://127.0.0.1:{port}/");
            await TestWait.UntilAsync(() => RespondsAsync(new Uri(http, "/healthz")), TimeSpan.FromSeconds(20));
            var onKilled = await TestClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/announce"));
            await using var b = await TestClient.ConnectAsync(cluster.Nodes[0].Announce);
            await onKilled.SendAsync(Announce(InfoHash, PeerA));
            await onKilled.ReceiveAsync();
            await b.SendAsync(Announce(InfoHash, PeerB));
            await b.ReceiveAsync();
            await cluster.WaitForMembersAsync(InfoHash, PeerA, PeerB);
            Assert.Equal("node-2", await cluster.BoundNodeAsync(InfoHash, PeerA));

            external.Kill(); // SIGKILL: no leave, no lease release
            var killed = Stopwatch.StartNew();
            await TestWait.UntilAsync(async () => !await cluster.Redis.Db.KeyExistsAsync("hs:node:node-2"), TimeSpan.FromSeconds(10));
            var leaseGone = killed.Elapsed;
            Assert.True(leaseGone <= TimeSpan.FromSeconds(3.5), $"lease outlived the node by {leaseGone.TotalSeconds:F1} s (bound: 3 s)");

            // A is still a member (nobody removed it), but it is never chosen; the script deletes it on sight.
            await b.SendAsync(Announce(InfoHash, PeerB, offers: 1, evt: null));
            await b.ReceiveAsync();
            await cluster.WaitForMembersAsync(InfoHash, PeerB);
            Assert.Equal(0, (await cluster.StatsAsync(0)).Cluster!.OffersToRemotePeers);

            // A's browser reconnects (through the load balancer) to the surviving node and re-announces.
            await onKilled.DisposeAsync();
            await using var a = await TestClient.ConnectAsync(cluster.Nodes[0].Announce);
            await a.SendAsync(Announce(InfoHash, PeerA));
            await a.ReceiveAsync();
            await cluster.WaitForMembersAsync(InfoHash, PeerA, PeerB);
            await b.SendAsync(Announce(InfoHash, PeerB, offers: 1, evt: null));
            await b.ReceiveAsync();
            Assert.Equal(PeerB, (await a.ReceiveAsync()).GetProperty("peer_id").GetString());
            Assert.True(await b.NothingWithinAsync(Quiet));
        }
        finally
        {
            if (!external.HasExited)
            {
                external.Kill();
            }

            external.WaitForExit(5000);
        }
    }

    private static Process StartNode(string redis, string nodeId, int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "hlsswarm.dll"), "tracker", "--urls", $"http://127.0.0.1:{port}", "--redis", redis, "--node-id", nodeId })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("hlsswarm did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> RespondsAsync(Uri uri)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        try
        {
            return (await http.GetAsync(uri)).IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
