using HlsSwarm.Hls;
using Xunit;

namespace HlsSwarm.Hls.Tests;

public class SmokeTests
{
    [Fact]
    public void Parses_a_media_playlist()
    {
        var text = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:9.009,\nhttp://media.example.com/first.ts\n#EXTINF:9.009,\nsecond.ts\n";
        Assert.True(PlaylistParser.TryParse(text, new Uri("https://cdn.example.com/a/b.m3u8"), out var p, out var e), e?.ToString());
        var m = Assert.IsType<MediaPlaylist>(p);
        Assert.Equal(2, m.Segments.Count);
        Assert.Equal(8, m.Segments[1].SequenceNumber);
        Assert.Equal(new Uri("https://cdn.example.com/a/second.ts"), m.Segments[1].ResolvedUri);
        Assert.Equal(8, m.SegmentId(1));
    }
}
