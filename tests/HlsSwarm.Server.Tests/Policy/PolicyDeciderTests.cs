using HlsSwarm.Server.Policy;
using Xunit;

namespace HlsSwarm.Server.Tests.Policy;

public class PolicyDeciderTests
{
    private const string Stream = "http://127.0.0.1:8080/demo/vod/master.m3u8";

    private static PolicyDocument Doc(PolicySettings global, params (string Stream, PolicyOverride Override)[] streams) =>
        new() { Version = 7, Global = global, Streams = streams.ToDictionary(s => s.Stream, s => s.Override) };

    [Fact]
    public void Reasons_come_in_order_disabled_then_ab_control_then_min_viewers()
    {
        var control = Enumerable.Range(0, 1000).Select(i => $"session-{i:D4}").First(s => PolicyDecider.AbPosition(s) >= 0.5);
        var p2p = Enumerable.Range(0, 1000).Select(i => $"session-{i:D4}").First(s => PolicyDecider.AbPosition(s) < 0.5);
        var all = new PolicySettings { P2p = false, P2pShare = 0.5, MinViewers = 5 };
        Assert.Equal(("disabled", "control"), Reason(Doc(all), control, 1));
        Assert.Equal(("ab-control", "control"), Reason(Doc(all with { P2p = true }), control, 1));
        Assert.Equal(("min-viewers", "p2p"), Reason(Doc(all with { P2p = true }), p2p, 4));
        Assert.Equal(("enabled", "p2p"), Reason(Doc(all with { P2p = true }), p2p, 5));
        var d = PolicyDecider.Decide(Doc(all with { P2p = true }), Stream, p2p, 5);
        Assert.Equal((7L, true, 5000), (d.Version, d.P2p, d.RefreshMs));

        static (string, string) Reason(PolicyDocument doc, string session, int viewers)
        {
            var d = PolicyDecider.Decide(doc, Stream, session, viewers);
            Assert.Equal(d.Reason == "enabled", d.P2p);
            return (d.Reason, d.Group);
        }
    }

    [Fact]
    public void A_stream_override_replaces_only_its_fields_and_ignores_the_query_string()
    {
        var doc = Doc(new PolicySettings { UploadCapBytesPerSec = 1000, UploadOnMetered = true },
            (Stream, new PolicyOverride { P2p = false }),
            ("http://other/master.m3u8", new PolicyOverride { RemoveUploadCap = true }));
        var settings = doc.For(Stream + "?auth=123#frag");
        Assert.False(settings.P2p);
        Assert.Equal(1000, settings.UploadCapBytesPerSec);
        Assert.True(settings.UploadOnMetered);
        Assert.Null(doc.For("http://other/master.m3u8").UploadCapBytesPerSec);
        Assert.True(doc.For("http://third/master.m3u8").P2p);
    }

    [Fact]
    public void Ab_positions_are_uniform_and_raising_the_share_only_moves_control_sessions_to_p2p()
    {
        var positions = Enumerable.Range(0, 10_000).Select(i => PolicyDecider.AbPosition($"s-{i}")).ToArray();
        Assert.All(positions, p => Assert.InRange(p, 0.0, 0.9999999999));
        for (var decile = 0; decile < 10; decile++)
            Assert.InRange(positions.Count(p => p >= decile / 10.0 && p < (decile + 1) / 10.0), 880, 1120);
        Assert.Equal(PolicyDecider.AbPosition("s-1"), PolicyDecider.AbPosition("s-1"));
        var at30 = positions.Select(p => p < 0.3).ToArray();
        var at60 = positions.Select(p => p < 0.6).ToArray();
        Assert.All(Enumerable.Range(0, positions.Length), i => Assert.True(!at30[i] || at60[i]));
        // Share 1 puts everyone in P2P, share 0 nobody.
        Assert.Equal("p2p", PolicyDecider.Decide(Doc(new PolicySettings { P2pShare = 1 }), null, "s-1", 1).Group);
        Assert.Equal("control", PolicyDecider.Decide(Doc(new PolicySettings { P2pShare = 0 }), null, "s-1", 1).Group);
        Assert.Equal("control", PolicyDecider.Decide(Doc(new PolicySettings { P2pShare = 0 }), null, null, 1).Group);
    }

    [Fact]
    public void A_document_round_trips_through_json()
    {
        var doc = Doc(new PolicySettings { P2p = true, MinViewers = 3, P2pShare = 0.25, UploadCapBytesPerSec = 125_000 },
            (Stream, new PolicyOverride { P2p = false, MinViewers = 2, P2pShare = 0.5, UploadOnMetered = true }),
            ("http://other/master.m3u8", new PolicyOverride { RemoveUploadCap = true }));
        var bytes = doc.ToUtf8();
        Assert.True(PolicyDocument.TryParse(bytes, out var back, out var error), error);
        Assert.Equal(bytes, back!.ToUtf8());
        Assert.Equal(doc.Global, back.Global);
        Assert.Equal(doc.Streams[Stream], back.Streams[Stream]);
        Assert.True(back.Streams["http://other/master.m3u8"].RemoveUploadCap);
    }
}
