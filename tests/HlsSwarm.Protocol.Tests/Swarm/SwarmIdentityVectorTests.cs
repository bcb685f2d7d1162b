using Xunit;

using System.Text;

using HlsSwarm.Protocol.Swarm;

namespace HlsSwarm.Protocol.Tests.Swarm;

public class SwarmIdentityVectorTests
{
    [Fact]
    public void SwarmId_strips_the_query_only()
    {
        Assert.Equal(Vectors.SwarmId, SwarmIdentity.SwarmIdFromManifestUrl(Vectors.ManifestUrl));
        Assert.Equal("HTTPS://Example.COM:443/a/../b.m3u8", SwarmIdentity.SwarmIdFromManifestUrl("HTTPS://Example.COM:443/a/../b.m3u8?x=1?y"));
        Assert.Equal("https://e.com/m.m3u8#frag", SwarmIdentity.SwarmIdFromManifestUrl("https://e.com/m.m3u8#frag"));
        Assert.Equal("my-channel-42", SwarmIdentity.SwarmId("my-channel-42", Vectors.ManifestUrl));
        Assert.Equal(Vectors.SwarmId, SwarmIdentity.SwarmId(null, Vectors.ManifestUrl));
    }

    [Theory]
    [MemberData(nameof(Vectors.MainStreams), MemberType = typeof(Vectors))]
    public void Main_stream_matches_the_JS(string variant, string canonical, string streamIndex, string? infoHash)
    {
        Assert.Equal(canonical, StreamCanonicalString.ForVariant(Vectors.Variant(variant)));
        Assert.Equal(streamIndex, SwarmIdentity.StreamIndex(canonical));
        if (infoHash is not null)
        {
            var streamSwarmId = SwarmIdentity.StreamSwarmId(Vectors.SwarmId, StreamType.Main, streamIndex);
            Assert.Equal(infoHash, SwarmIdentity.InfoHash(streamSwarmId));
        }
    }

    [Theory]
    [MemberData(nameof(Vectors.AudioStreams), MemberType = typeof(Vectors))]
    public void Audio_stream_matches_the_JS(string rendition, string canonical, string streamIndex, string? infoHash)
    {
        var (attributes, variants) = Vectors.Rendition(rendition);
        attributes = attributes with { VariantCodecs = StreamCanonicalString.AssociatedVariantCodecs(attributes.GroupId, variants) };
        Assert.Equal(canonical, StreamCanonicalString.ForAudioRendition(attributes));
        Assert.Equal(streamIndex, SwarmIdentity.StreamIndex(canonical));
        if (infoHash is not null)
        {
            var streamSwarmId = SwarmIdentity.StreamSwarmId(Vectors.SwarmId, StreamType.Secondary, streamIndex);
            Assert.Equal(infoHash, SwarmIdentity.InfoHash(streamSwarmId));
        }
    }

    [Theory]
    [MemberData(nameof(Vectors.InfoHashes), MemberType = typeof(Vectors))]
    public void Info_hash_matches_the_JS(string streamSwarmId, string infoHash) =>
        Assert.Equal(infoHash, SwarmIdentity.InfoHash(streamSwarmId));

    [Theory]
    [MemberData(nameof(Vectors.LegacyInfoHashes), MemberType = typeof(Vectors))]
    public void Legacy_info_hash_matches_the_JS(string streamSwarmId, string infoHash) =>
        Assert.Equal(infoHash, SwarmIdentity.InfoHash(streamSwarmId, SwarmIdRule.Legacy22));

    [Fact]
    public void Legacy_stream_swarm_ids_use_the_position()
    {
        Assert.Equal("v2-https://cdn.example.com/live/channel1/master.m3u8-main-0", SwarmIdentity.StreamSwarmId(Vectors.SwarmId, StreamType.Main, SwarmIdentity.LegacyStreamIndex(0)));
        Assert.Equal("v2-https://cdn.example.com/live/channel1/master.m3u8-secondary-0", SwarmIdentity.StreamSwarmId(Vectors.SwarmId, StreamType.Secondary, SwarmIdentity.LegacyStreamIndex(0)));
    }

    [Fact]
    public void Configured_swarm_id_gives_the_JS_stream_swarm_id()
    {
        var streamIndex = SwarmIdentity.StreamIndex(StreamCanonicalString.ForVariant(Vectors.Variant720p));
        var streamSwarmId = SwarmIdentity.StreamSwarmId(SwarmIdentity.SwarmId("my-channel-42", Vectors.ManifestUrl), StreamType.Main, streamIndex);
        Assert.Equal("v2-my-channel-42-main-NqsTkWHiCF+FGmHQvwp+Aigq4Tk=", streamSwarmId);
        Assert.Equal("xGh+2lZnRwNh/ymqceuN", SwarmIdentity.InfoHash(streamSwarmId));
    }

    [Fact]
    public void Full_stream_swarm_id_and_wire_bytes_of_the_720p_stream()
    {
        var streamIndex = SwarmIdentity.StreamIndex(StreamCanonicalString.ForVariant(Vectors.Variant720p));
        var streamSwarmId = SwarmIdentity.StreamSwarmId(Vectors.SwarmId, StreamType.Main, streamIndex);
        Assert.Equal("v2-https://cdn.example.com/live/channel1/master.m3u8-main-NqsTkWHiCF+FGmHQvwp+Aigq4Tk=", streamSwarmId);
        var wire = SwarmIdentity.InfoHashWireId(streamSwarmId);
        Assert.Equal(Vectors.Variant720pInfoHashWireHex, Convert.ToHexStringLower(wire.ToArray()));
    }

    [Fact]
    public void Media_playlist_as_manifest_is_missing_metadata()
    {
        // hls.js gives a media playlist loaded directly a level with bitrate 0.
        var canonical = StreamCanonicalString.ForVariant(new VariantAttributes(Bandwidth: "0", AverageBandwidth: "0", Codecs: "avc1.64001f", Resolution: "1x1", FrameRate: "30", VideoRange: "PQ"));
        Assert.Equal("0--------", canonical);
        var streamIndex = SwarmIdentity.StreamIndex(canonical);
        Assert.Equal(Vectors.MissingMetadataStreamIndex, streamIndex);
        var swarmId = SwarmIdentity.SwarmIdFromManifestUrl(Vectors.MediaPlaylistUrl);
        Assert.Equal(Vectors.MediaPlaylistInfoHash, SwarmIdentity.InfoHash(SwarmIdentity.StreamSwarmId(swarmId, StreamType.Main, streamIndex)));
    }

    [Fact]
    public void Sample_JS_peer_id_has_the_23_prefix_and_is_valid()
    {
        Assert.StartsWith(PeerId.P2pml23Prefix, Vectors.SamplePeerId23, StringComparison.Ordinal);
        Assert.True(PeerId.IsValid(Vectors.SamplePeerId23));
        Assert.Equal(20, Encoding.UTF8.GetByteCount(Vectors.SamplePeerId23));
    }
}
