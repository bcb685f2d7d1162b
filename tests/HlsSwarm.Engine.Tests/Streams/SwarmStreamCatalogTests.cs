using HlsSwarm.Engine.Streams;
using HlsSwarm.Protocol.Swarm;

using Xunit;

namespace HlsSwarm.Engine.Tests.Streams;

public class SwarmStreamCatalogTests
{
    private const string SpecMasterUrl = "https://cdn.example.com/live/channel1/master.m3u8?token=abc";

    // spec §9.7 (real hls.js 1.6.19 + p2pml 2.3.1).
    private const string SpecMaster = """
        #EXTM3U
        #EXT-X-VERSION:6
        #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",LANGUAGE="en",NAME="English",CHANNELS="2",DEFAULT=YES,AUTOSELECT=YES,URI="audio/en/index.m3u8"
        #EXT-X-STREAM-INF:BANDWIDTH=2000000,AVERAGE-BANDWIDTH=1800000,RESOLUTION=1280x720,FRAME-RATE=30.000,CODECS="avc1.64001f,mp4a.40.2",AUDIO="aud"
        video/720p/index.m3u8
        #EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,FRAME-RATE=29.970,CODECS="avc1.66.30,mp4a.40.2",VIDEO-RANGE=SDR,AUDIO="aud"
        video/360p/index.m3u8

        """;

    [Fact]
    public void Spec_master_gives_the_spec_streams_in_order()
    {
        var catalog = SwarmStreamCatalog.FromManifest(SpecMaster, SpecMasterUrl);

        Assert.Null(catalog.Error);
        Assert.Equal("https://cdn.example.com/live/channel1/master.m3u8", catalog.SwarmId);
        Assert.Collection(
            catalog.Streams,
            s => Check(s, StreamType.Main, "https://cdn.example.com/live/channel1/video/720p/index.m3u8", "2000000-avc1.64001f-1280-720----30-", "NqsTkWHiCF+FGmHQvwp+Aigq4Tk=", "xl6WOGtRneL9dH1/MEP1"),
            s => Check(s, StreamType.Main, "https://cdn.example.com/live/channel1/video/360p/index.m3u8", "800000-avc1.42001e-640-360----29.97-SDR", "0ZGGpJgeqqalaejVvmBFBfAjW/k=", "FFZayrSd086GasyKDz2/"),
            s => Check(s, StreamType.Secondary, "https://cdn.example.com/live/channel1/audio/en/index.m3u8", "0-mp4a.40.2---en-2-english--", "bdjQ1B4N2yrcTDHyU5j7iDGV9sY=", "uWFQFdlv6qob5M/FwaE0"));
        Assert.Equal("v2-https://cdn.example.com/live/channel1/master.m3u8-main-NqsTkWHiCF+FGmHQvwp+Aigq4Tk=", catalog.Streams[0].Identity.StreamSwarmId);
        Assert.Equal("786c36574f4774526e654c396448312f4d455031", catalog.Streams[0].InfoHashHex);
    }

    [Fact]
    public void Configured_swarm_id_replaces_the_manifest_url()
    {
        var catalog = SwarmStreamCatalog.FromManifest(SpecMaster, SpecMasterUrl, new SwarmStreamOptions("my-channel-42"));

        Assert.Equal("v2-my-channel-42-main-NqsTkWHiCF+FGmHQvwp+Aigq4Tk=", catalog.Streams[0].Identity.StreamSwarmId);
        Assert.Equal("xGh+2lZnRwNh/ymqceuN", catalog.Streams[0].Identity.InfoHash);
    }

    [Fact]
    public void Legacy_rule_numbers_levels_and_renditions_by_position()
    {
        var catalog = SwarmStreamCatalog.FromManifest(SpecMaster, SpecMasterUrl, new SwarmStreamOptions(Rule: SwarmIdRule.Legacy22));

        Assert.Equal(["0", "1", "0"], catalog.Streams.Select(s => s.Identity.StreamIndex));
        Assert.Equal("rL9A//Hy0w2BrVcwSyKC", catalog.Streams[0].Identity.InfoHash);
        Assert.Equal("5uqYOH4GkEzNgDdlgM/0", catalog.Streams[2].Identity.InfoHash);
        Assert.All(catalog.Streams, s => Assert.Null(s.Identity.Canonical));
    }

    [Fact]
    public void Media_playlist_as_manifest_is_one_main_stream_with_missing_metadata()
    {
        var catalog = SwarmStreamCatalog.FromManifest("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\na.ts\n", "https://cdn.example.com/vod/movie/index.m3u8");

        Assert.True(catalog.IsMediaPlaylist);
        var stream = Assert.Single(catalog.Streams);
        Check(stream, StreamType.Main, "https://cdn.example.com/vod/movie/index.m3u8", StreamCanonicalString.MissingMetadata, "UYnLxGhQilEV4D0HbCx+kRv0ZF0=", "F7XePnMUjFNBl9ubiS6F");
    }

    [Fact]
    public void Repeated_urls_i_frames_subtitles_and_captions_add_no_stream()
    {
        const string master = """
            #EXTM3U
            #EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="s",NAME="en",URI="sub.m3u8"
            #EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID="cc",NAME="cc1",INSTREAM-ID="CC1"
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="Same URL as a variant",URI="v.m3u8"
            #EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=100,URI="iframe.m3u8"
            #EXT-X-STREAM-INF:BANDWIDTH=1000,CODECS="avc1.64001f,mp4a.40.2",AUDIO="a",SUBTITLES="s"
            v.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=2000,CODECS="avc1.64001f,mp4a.40.2",AUDIO="a"
            v.m3u8
            """;

        var catalog = SwarmStreamCatalog.FromManifest(master, "https://e.com/m.m3u8");

        var stream = Assert.Single(catalog.Streams);
        Assert.Equal("1000-avc1.64001f-------", stream.Identity.Canonical);
    }

    [Fact]
    public void Variants_with_identical_metadata_are_two_streams_of_one_swarm()
    {
        const string master = """
            #EXTM3U
            #EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS="avc1.64001f",RESOLUTION=640x360
            cdn-a/v.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS="avc1.64001f",RESOLUTION=640x360
            cdn-b/v.m3u8
            """;

        var catalog = SwarmStreamCatalog.FromManifest(master, "https://e.com/m.m3u8");

        Assert.Equal(2, catalog.Streams.Count);
        Assert.Equal(catalog.Streams[0].Identity.InfoHash, catalog.Streams[1].Identity.InfoHash);
        Assert.NotEqual(catalog.Streams[0].PlaylistUrl, catalog.Streams[1].PlaylistUrl);
    }

    [Fact]
    public void Audio_inside_the_variants_becomes_an_implicit_main_track_without_playlist()
    {
        const string master = """
            #EXTM3U
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="x",NAME="Alt",URI="alt.m3u8"
            #EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="avc1.64001f,mp4a.40.2"
            v.m3u8
            """;

        var catalog = SwarmStreamCatalog.FromManifest(master, "https://e.com/m.m3u8");

        Assert.Equal(["https://e.com/v.m3u8", "", "https://e.com/alt.m3u8"], catalog.Streams.Select(s => s.PlaylistUrl));
        Assert.Equal("0------main--", catalog.Streams[1].Identity.Canonical);
        Assert.False(catalog.Streams[1].HasPlaylist);
        Assert.Equal("0-mp4a.40.2-----alt--", catalog.Streams[2].Identity.Canonical);
    }

    [Fact]
    public void Renditions_without_uri_share_one_stream_the_first()
    {
        const string master = """
            #EXTM3U
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="x",NAME="One"
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="x",NAME="Two"
            #EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="avc1.64001f,mp4a.40.2",AUDIO="x"
            v.m3u8
            """;

        var catalog = SwarmStreamCatalog.FromManifest(master, "https://e.com/m.m3u8");

        Assert.Equal(2, catalog.Streams.Count);
        Assert.Equal("0-mp4a.40.2-----one--", catalog.Streams[1].Identity.Canonical);
    }

    [Fact]
    public void Variants_with_codecs_hls_js_does_not_know_are_dropped_unless_all_have_one()
    {
        const string mixed = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS=\"xyz1.2\"\nx.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=2,CODECS=\"avc1.64001f\"\nv.m3u8\n";
        const string allUnknown = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS=\"xyz1.2\"\nx.m3u8\n";

        Assert.Equal(["https://e.com/v.m3u8"], SwarmStreamCatalog.FromManifest(mixed, "https://e.com/m.m3u8").Streams.Select(s => s.PlaylistUrl));
        Assert.Equal(["https://e.com/x.m3u8"], SwarmStreamCatalog.FromManifest(allUnknown, "https://e.com/m.m3u8").Streams.Select(s => s.PlaylistUrl));
    }

    [Theory]
    [InlineData("#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n", "no EXTM3U delimiter")]
    [InlineData("#EXTM3U\n#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1,URI=\"i.m3u8\"\n", "no levels found in manifest")]
    public void Manifests_hls_js_rejects_give_no_stream_and_an_error(string text, string error)
    {
        var catalog = SwarmStreamCatalog.FromManifest(text, "https://e.com/m.m3u8");

        Assert.Empty(catalog.Streams);
        Assert.Equal(error, catalog.Error);
    }

    [Theory]
    [InlineData("v.m3u8", "https://e.com/a/b/v.m3u8")]
    [InlineData("../v.m3u8", "https://e.com/a/v.m3u8")]
    [InlineData("./x/./y/../v.m3u8", "https://e.com/a/b/x/v.m3u8")]
    [InlineData("/v.m3u8?q=1", "https://e.com/v.m3u8?q=1")]
    [InlineData("//other.example/v.m3u8", "https://other.example/v.m3u8")]
    [InlineData("https://CDN.Example.com:443/x/../v.m3u8#f", "https://CDN.Example.com:443/v.m3u8#f")]
    [InlineData(" v.m3u8 ", "https://e.com/a/b/v.m3u8")]
    [InlineData("?only=query", "https://e.com/a/b/master.m3u8?only=query")]
    public void Playlist_urls_resolve_as_url_toolkit_does(string uri, string expected)
    {
        var catalog = SwarmStreamCatalog.FromManifest($"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n{uri}\n", "https://e.com/a/b/master.m3u8?t=1");

        Assert.Equal(expected, Assert.Single(catalog.Streams).PlaylistUrl);
    }

    private static void Check(SwarmStream s, StreamType type, string url, string canonical, string streamIndex, string infoHash)
    {
        Assert.Equal(type, s.Type);
        Assert.Equal(url, s.PlaylistUrl);
        Assert.Equal(canonical, s.Identity.Canonical);
        Assert.Equal(streamIndex, s.Identity.StreamIndex);
        Assert.Equal(infoHash, s.Identity.InfoHash);
    }
}
