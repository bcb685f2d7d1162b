using HlsSwarm.Hls;
using Xunit;
using static HlsSwarm.Hls.Tests.TestPlaylists;

namespace HlsSwarm.Hls.Tests;

/// <summary>Relative references resolve against the playlist URI (RFC 8216 §4.1, RFC 3986 §5).</summary>
public class UriResolutionTests
{
    private static readonly Uri Base = new("https://cdn.example.com/live/ch1/720p/index.m3u8?token=abc");

    [Theory]
    [InlineData("seg-1.ts", "https://cdn.example.com/live/ch1/720p/seg-1.ts")]
    [InlineData("../audio/seg-1.aac", "https://cdn.example.com/live/ch1/audio/seg-1.aac")]
    [InlineData("../../../../x.ts", "https://cdn.example.com/x.ts")]
    [InlineData("/root/seg.ts", "https://cdn.example.com/root/seg.ts")]
    [InlineData("//other.example.net/seg.ts", "https://other.example.net/seg.ts")]
    [InlineData("seg.ts?sig=1&t=2", "https://cdn.example.com/live/ch1/720p/seg.ts?sig=1&t=2")]
    [InlineData("?only=query", "https://cdn.example.com/live/ch1/720p/index.m3u8?only=query")]
    [InlineData("http://media.example.com/abs.ts", "http://media.example.com/abs.ts")]
    [InlineData("sub/dir/seg%20one.ts", "https://cdn.example.com/live/ch1/720p/sub/dir/seg%20one.ts")]
    public void Segment_uris_resolve(string written, string expected)
    {
        var p = Media(MediaText("#EXTINF:2,", written), Base);
        Assert.Equal(written, p.Segments[0].Uri);
        Assert.Equal(expected, p.Segments[0].ResolvedUri!.AbsoluteUri);
        Assert.Equal(Base, p.PlaylistUri);
    }

    [Fact]
    public void Without_a_playlist_uri_only_absolute_uris_resolve()
    {
        var p = Media(MediaText("#EXTINF:2,", "seg.ts", "#EXTINF:2,", "/abs/path.ts", "#EXTINF:2,", "https://a.example/x.ts"));
        Assert.Null(p.Segments[0].ResolvedUri);
        Assert.Null(p.Segments[1].ResolvedUri);
        Assert.Equal(new Uri("https://a.example/x.ts"), p.Segments[2].ResolvedUri);
    }

    [Fact]
    public void Every_kind_of_uri_in_a_media_playlist_resolves()
    {
        var p = Media(MediaText(
            "#EXT-X-PART-INF:PART-TARGET=1",
            "#EXT-X-KEY:METHOD=AES-128,URI=\"../keys/k1\"", "#EXT-X-MAP:URI=\"init.mp4\"",
            "#EXT-X-PART:DURATION=1,URI=\"p0.mp4\"", "#EXTINF:2,", "s0.mp4",
            "#EXT-X-PART:DURATION=1,URI=\"p1.mp4\"",
            "#EXT-X-PRELOAD-HINT:TYPE=MAP,URI=\"init2.mp4\",BYTERANGE-START=10,BYTERANGE-LENGTH=20",
            "#EXT-X-RENDITION-REPORT:URI=\"../480p/index.m3u8\",LAST-MSN=5"), Base);
        const string Dir = "https://cdn.example.com/live/ch1/";
        Assert.Equal(Dir + "keys/k1", p.Segments[0].Keys[0].ResolvedUri!.AbsoluteUri);
        Assert.Equal(Dir + "720p/init.mp4", p.Segments[0].Map!.ResolvedUri!.AbsoluteUri);
        Assert.Equal(Dir + "720p/p0.mp4", p.Segments[0].Parts[0].ResolvedUri!.AbsoluteUri);
        Assert.Equal(Dir + "720p/p1.mp4", p.TrailingParts[0].ResolvedUri!.AbsoluteUri);
        Assert.Equal(Dir + "720p/init2.mp4", p.PreloadHints[0].ResolvedUri!.AbsoluteUri);
        Assert.Equal((10L, (long?)20L), (p.PreloadHints[0].ByteRangeStart, p.PreloadHints[0].ByteRangeLength));
        Assert.Equal(Dir + "480p/index.m3u8", p.RenditionReports[0].ResolvedUri!.AbsoluteUri);
    }

    [Fact]
    public void Every_kind_of_uri_in_a_master_playlist_resolves()
    {
        var master = new Uri("https://cdn.example.com/vod/movie/master.m3u8");
        var p = Master("#EXTM3U\n" +
            "#EXT-X-CONTENT-STEERING:SERVER-URI=\"/steer?video=1\",PATHWAY-ID=\"CDN-A\"\n" +
            "#EXT-X-SESSION-DATA:DATA-ID=\"com.example.lyrics\",URI=\"lyrics.json\"\n" +
            "#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES,URI=\"skd://key1\",KEYFORMAT=\"com.apple.streamingkeydelivery\"\n" +
            "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"English\",URI=\"audio/en.m3u8\"\n" +
            "#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID=\"cc\",NAME=\"CC1\",INSTREAM-ID=\"CC1\"\n" +
            "#EXT-X-STREAM-INF:BANDWIDTH=1000,AUDIO=\"aud\",CLOSED-CAPTIONS=\"cc\"\n../shared/video.m3u8\n" +
            "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=100,URI=\"iframes.m3u8\"\n", master);
        Assert.Equal("https://cdn.example.com/steer?video=1", p.ContentSteering!.ResolvedServerUri!.AbsoluteUri);
        Assert.Equal("CDN-A", p.ContentSteering.PathwayId);
        Assert.Equal("https://cdn.example.com/vod/movie/lyrics.json", p.SessionData[0].ResolvedUri!.AbsoluteUri);
        Assert.Equal("com.example.lyrics", p.SessionData[0].DataId);
        Assert.Equal("skd://key1", p.SessionKeys[0].ResolvedUri!.OriginalString);
        Assert.Equal("https://cdn.example.com/vod/movie/audio/en.m3u8", p.Renditions[0].ResolvedUri!.AbsoluteUri);
        Assert.Null(p.Renditions[1].Uri);
        Assert.Null(p.Renditions[1].ResolvedUri);
        Assert.Equal("CC1", p.Renditions[1].InstreamId);
        Assert.Equal("https://cdn.example.com/vod/shared/video.m3u8", p.Variants[0].ResolvedUri!.AbsoluteUri);
        Assert.Equal("https://cdn.example.com/vod/movie/iframes.m3u8", p.IFrameStreams[0].ResolvedUri!.AbsoluteUri);
    }
}
