using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using HlsSwarm.Testing;
using Xunit;
using Xunit.Abstractions;

namespace HlsSwarm.Interop.Tests;

/// <summary>
/// Issue 6 end to end: three real browsers (p2p-media-loader 2.3 + hls.js, our player page) watch the demo VOD, each
/// announcing to a different tracker node; the three nodes (<c>hlsswarm serve --redis … --node-id …</c>) share one
/// private redis-server, all inside one network namespace. Every signalling message between two viewers therefore
/// crosses nodes through Redis; the viewers must still play without a stall and receive video from each other.
/// </summary>
[Collection(BrowserSwarmCollection.Name)]
public sealed class ClusterSwarmTests(ITestOutputHelper output)
{
    private const int Nodes = 3;

    [Fact(Timeout = 120_000)]
    public async Task Three_browsers_on_three_tracker_nodes_share_the_demo_VOD_through_redis()
    {
        using NetworkNamespace ns = NetworkNamespace.Create();
        int redisPort = ServerProcess.NextPort();
        using Process redis = await StartRedisAsync(ns, redisPort);
        var nodes = new ServerProcess[Nodes];
        try
        {
            // In parallel: each dotnet start costs a few seconds of the 2 shared cores.
            ServerProcess[] started = await Task.WhenAll(Enumerable.Range(0, Nodes).Select(i => ServerProcess.StartAsync(ns,
                ["--redis", $"127.0.0.1:{redisPort}", "--node-id", $"node-{i + 1}"], TimeSpan.FromSeconds(60))));
            started.CopyTo(nodes, 0);
            await using ChromiumInNamespace chromium = await ChromiumInNamespace.LaunchAsync(ns, HostCandidates.IpLiterals);
            await using var swarm = new ViewerSwarm(chromium.Browser);

            // One origin and one page (node 1's, so every viewer computes the same swarm id from the same master URL
            // and no request is cross-origin); only the tracker differs per viewer.
            ServerProcess origin = nodes[0];
            var spec = new SwarmSpec { Stream = DemoStreamKind.Vod, Viewers = Nodes, Duration = TimeSpan.FromSeconds(40) };
            string src = Uri.EscapeDataString(new Uri(origin.BaseUri, spec.MasterPath).ToString());
            await swarm.RunAsync(i => $"{origin.BaseUri}?src={src}&tracker={Uri.EscapeDataString(nodes[i].TrackerUrl)}&muted=1&autoplay=1&config=tuned",
                new SwarmOptions(spec.Viewers, spec.Stagger, spec.Duration));

            using JsonDocument demo = await origin.GetJsonAsync("/demo/stats");
            var nodeStats = new JsonDocument[Nodes];
            for (int i = 0; i < Nodes; i++)
            {
                nodeStats[i] = await nodes[i].GetJsonAsync("/stats");
            }

            string master = await origin.Http.GetStringAsync(new Uri(origin.BaseUri, spec.MasterPath));
            // Each node lists the swarm part it holds; together they are the swarms the browsers announced.
            var swarms = new Dictionary<string, int>();
            foreach (JsonDocument s in nodeStats)
            {
                foreach (JsonProperty p in s.RootElement.GetProperty("peersPerSwarm").EnumerateObject())
                {
                    swarms[p.Name] = swarms.GetValueOrDefault(p.Name) + p.Value.GetInt32();
                }
            }

            var run = new SwarmOutcome(spec,
                swarm.Viewers.Select(v => new ViewerOutcome(v.Index, v.StartedAt.TotalSeconds, v.Last ?? new PlayerStats(),
                    v.ToString(), v.LastJson, v.BeforeCut ?? new PlayerStats(), v.Failure, [])).ToList(),
                SwarmExperiment.OriginCounter(demo, "vod", "segments", "bytes"),
                SwarmExperiment.OriginCounter(demo, "vod", "segments", "requests"),
                SwarmExperiment.OriginCounter(demo, "vod", "playlists", "bytes"),
                0, string.Join("\n---\n", nodes.Select(n => string.Join('\n', n.Output.Split('\n').TakeLast(60)))),
                File.ReadAllText("/proc/loadavg").Split(' ')[0], new Uri(origin.BaseUri, spec.MasterPath).ToString(), master, swarms);
            output.WriteLine(run.Summary());
            output.WriteLine(run.Describe());
            string context = $"\n{run.Summary()}\n{run.Describe()}";
            for (int i = 0; i < Nodes; i++)
            {
                JsonElement cluster = nodeStats[i].RootElement.GetProperty("cluster");
                output.WriteLine($"node-{i + 1} /stats cluster: {cluster.GetRawText()}");
                context += $"\nnode-{i + 1} cluster: {cluster.GetRawText()}";
            }

            // What a single-node swarm must show (no stall, P2P bytes for every viewer, byte sums agree, origin counts).
            // The ratio floor is lower than the 60 s single-node test's 0.4: this run is 40 s long.
            SwarmAssertions.AssertHealthy(run, minRatio: 0.2);

            // And the cluster part: each viewer is alone on its node, so every offer and answer it exchanged came
            // through Redis from another node. Each node must have received relays and delivered them to its viewer,
            // and sent some of its viewer's own offers or answers to other nodes.
            for (int i = 0; i < Nodes; i++)
            {
                JsonElement c = nodeStats[i].RootElement.GetProperty("cluster");
                long received = c.GetProperty("relaysReceived").GetInt64();
                long delivered = c.GetProperty("relaysDelivered").GetInt64();
                long sent = c.GetProperty("offersToRemotePeers").GetInt64() + c.GetProperty("answersToRemotePeers").GetInt64();
                Assert.True(received > 0 && delivered > 0, $"node-{i + 1} received {received} and delivered {delivered} cross-node relays{context}");
                Assert.True(sent > 0, $"node-{i + 1} sent no offer or answer to another node{context}");
                Assert.True(c.GetProperty("offersToLocalPeers").GetInt64() == 0, $"node-{i + 1} relayed locally with one viewer{context}");
                Assert.True(c.GetProperty("redisAvailable").GetBoolean(), $"node-{i + 1} lost Redis{context}");
            }

            // The cluster-wide view any node serves (read from Redis, not from the other nodes) agrees: three live
            // nodes, and each node's cross-node relays (at least one sent and one received per node) summed. Each
            // node's figures are up to ~2 s old, so sent and received are not compared with each other here.
            JsonElement wide = nodeStats[0].RootElement.GetProperty("clusterWide");
            output.WriteLine($"node-1 /stats clusterWide: {wide.GetRawText()}");
            Assert.True(wide.GetProperty("liveNodes").GetInt32() == Nodes, $"clusterWide: {wide.GetRawText()}{context}");
            long crossSent = wide.GetProperty("relaysSentCrossNode").GetInt64();
            Assert.True(crossSent >= Nodes && wide.GetProperty("relaysReceivedCrossNode").GetInt64() >= Nodes,
                $"clusterWide: {wide.GetRawText()}{context}");
        }
        finally
        {
            foreach (ServerProcess? n in nodes)
            {
                if (n is not null)
                {
                    await n.DisposeAsync();
                }
            }

            if (!redis.HasExited)
            {
                redis.Kill();
                await redis.WaitForExitAsync();
            }
        }
    }

    /// <summary>A private redis-server on 127.0.0.1:<paramref name="port"/> inside <paramref name="ns"/>, no persistence.</summary>
    private static async Task<Process> StartRedisAsync(NetworkNamespace ns, int port)
    {
        var psi = new ProcessStartInfo(ns.ExecPrefix[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args = [.. ns.ExecPrefix.Skip(1), "redis-server", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        Process process = Process.Start(psi) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited)
        {
            using Socket probe = ns.CreateSocketInside(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return process;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill();
        throw new InvalidOperationException($"redis-server did not accept connections on 127.0.0.1:{port} inside {ns.Name} (install it with scripts/install-deps.sh)");
    }
}
