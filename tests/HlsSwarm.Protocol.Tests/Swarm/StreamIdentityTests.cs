using HlsSwarm.Protocol.Swarm;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Swarm;

public class StreamIdentityTests
{
    [Fact]
    public void Variant_identity_matches_the_spec_vectors()
    {
        var id = StreamIdentity.ForVariant(Vectors.SwarmId, Vectors.Variant720p, 0);
        Assert.Equal(StreamType.Main, id.Type);
        Assert.Equal("2000000-avc1.64001f-1280-720----30-", id.Canonical);
        Assert.Equal("NqsTkWHiCF+FGmHQvwp+Aigq4Tk=", id.StreamIndex);
        Assert.Equal("v2-https://cdn.example.com/live/channel1/master.m3u8-main-NqsTkWHiCF+FGmHQvwp+Aigq4Tk=", id.StreamSwarmId);
        Assert.Equal("xl6WOGtRneL9dH1/MEP1", id.InfoHash);
    }

    [Fact]
    public void Audio_identity_matches_the_spec_vectors()
    {
        var (rendition, variants) = Vectors.Rendition("en");
        rendition = rendition with { VariantCodecs = StreamCanonicalString.AssociatedVariantCodecs(rendition.GroupId, variants) };
        var id = StreamIdentity.ForAudioRendition(Vectors.SwarmId, rendition, 0);
        Assert.Equal("uWFQFdlv6qob5M/FwaE0", id.InfoHash);
        Assert.Equal("bdjQ1B4N2yrcTDHyU5j7iDGV9sY=", id.StreamIndex);
    }

    [Fact]
    public void Legacy_rule_uses_positions_and_MD5()
    {
        var main = StreamIdentity.ForVariant(Vectors.SwarmId, Vectors.Variant720p, 0, SwarmIdRule.Legacy22);
        Assert.Null(main.Canonical);
        Assert.Equal("0", main.StreamIndex);
        Assert.Equal("rL9A//Hy0w2BrVcwSyKC", main.InfoHash);
        var audio = StreamIdentity.ForAudioRendition(Vectors.SwarmId, new AudioRenditionAttributes(), 0, SwarmIdRule.Legacy22);
        Assert.Equal("5uqYOH4GkEzNgDdlgM/0", audio.InfoHash);
    }
}
