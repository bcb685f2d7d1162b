using System.Reflection;
using Xunit;

namespace HlsSwarm.Architecture.Tests;

/// <summary>The dependency arrows of design.md and style.md §2, as a test (convention 14).</summary>
public class DependencyRulesTests
{
    private static readonly Dictionary<string, Assembly> Assemblies = new()
    {
        ["HlsSwarm.Protocol"] = typeof(HlsSwarm.Protocol.ProtocolInfo).Assembly,
        ["HlsSwarm.Hls"] = typeof(HlsSwarm.Hls.HlsInfo).Assembly,
        ["HlsSwarm.Tracker"] = typeof(HlsSwarm.Tracker.TrackerOptions).Assembly,
        ["HlsSwarm.WebRtc"] = typeof(HlsSwarm.WebRtc.WebRtcInfo).Assembly,
        ["HlsSwarm.Netem"] = typeof(HlsSwarm.Netem.NetemInfo).Assembly,
        ["HlsSwarm.WebRtc.Udp"] = typeof(HlsSwarm.WebRtc.Udp.UdpPeerConnection).Assembly,
        ["HlsSwarm.Engine"] = typeof(HlsSwarm.Engine.Streams.SwarmStreamCatalog).Assembly,
        ["HlsSwarm.Tracker.AspNetCore"] = typeof(HlsSwarm.Tracker.AspNetCore.TrackerEndpointOptions).Assembly,
        ["HlsSwarm.Server"] = typeof(HlsSwarm.Server.HlsSwarmServer).Assembly,
    };

    public static TheoryData<string, string[]> Allowed => new()
    {
        { "HlsSwarm.Protocol", [] },
        { "HlsSwarm.Hls", [] },
        { "HlsSwarm.Tracker", ["HlsSwarm.Protocol"] },
        // WebRTC data channels: BouncyCastle for DTLS only (style.md §2).
        { "HlsSwarm.WebRtc", ["BouncyCastle.Cryptography"] },
        { "HlsSwarm.Netem", [] },
        // The UDP driver runs the WebRTC cores on sockets and knows nothing else (BouncyCastle for SecureRandom).
        { "HlsSwarm.WebRtc.Udp", ["HlsSwarm.WebRtc", "BouncyCastle.Cryptography"] },
        // The peer engine (design.md): Protocol and Hls; WebRtc once it exists.
        { "HlsSwarm.Engine", ["HlsSwarm.Protocol", "HlsSwarm.Hls"] },
        // The Redis backplane of a tracker cluster lives here, never in the core (style.md §2, docs/tracker-cluster.md).
        { "HlsSwarm.Tracker.AspNetCore", ["HlsSwarm.Tracker", "HlsSwarm.Protocol", "prometheus-net", "Prometheus.NetStandard", "Prometheus.AspNetCore", "StackExchange.Redis"] },
        // The server hosts the tracker endpoint and the demo origin; it never reaches into the tracker core directly
        // except for its options, and knows nothing of WebRTC or the engine.
        { "HlsSwarm.Server", ["HlsSwarm.Tracker.AspNetCore", "HlsSwarm.Tracker", "HlsSwarm.Protocol", "HlsSwarm.Hls", "prometheus-net", "Prometheus.NetStandard", "Prometheus.AspNetCore"] },
    };

    [Theory, MemberData(nameof(Allowed))]
    public void Project_references_only_what_the_design_allows(string project, string[] allowed)
    {
        var refs = Assemblies[project].GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => !n.StartsWith("System", StringComparison.Ordinal)
                        && !n.StartsWith("Microsoft.", StringComparison.Ordinal)
                        && n != "netstandard" && n != "mscorlib")
            .ToArray();
        var forbidden = refs.Except(allowed).ToArray();
        Assert.True(forbidden.Length == 0, $"{project} references {string.Join(", ", forbidden)}");
    }

    [Theory]
    [InlineData("HlsSwarm.Protocol")]
    [InlineData("HlsSwarm.Hls")]
    [InlineData("HlsSwarm.Tracker")]
    [InlineData("HlsSwarm.Engine")]
    [InlineData("HlsSwarm.WebRtc")]
    [InlineData("HlsSwarm.Netem")]
    public void Cores_do_not_reference_sockets_or_aspnetcore(string project)
    {
        var refs = Assemblies[project].GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(refs, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(refs, n => n == "System.Net.Sockets" || n == "System.Net.WebSockets");
        Assert.DoesNotContain(refs, n => n.StartsWith("StackExchange.Redis", StringComparison.Ordinal));
    }
}
