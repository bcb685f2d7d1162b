using HlsSwarm.Hls;
using Xunit;

namespace HlsSwarm.Server.Tests;

public class PlaylistModelTests
{
    [Theory]
    [InlineData("360p/index.m3u8")]
    [InlineData("240p/index.m3u8")]
    public void Demo_media_playlists_round_trip(string path)
    {
        var text = DemoFiles.ReadText(path);
        Assert.True(MediaPlaylistReader.TryRead(text, out var playlist, out var error), error?.ToString());
        Assert.Equal(6, playlist!.Version);
        Assert.Equal(2, playlist.TargetDuration);
        Assert.Equal("VOD", playlist.PlaylistType);
        Assert.True(playlist.IndependentSegments);
        Assert.True(playlist.EndList);
        Assert.Equal(60, playlist.Segments.Count);
        Assert.Equal(120m, playlist.TotalDuration);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"seg-{i}.ts"), playlist.Segments.Select(s => s.Uri));

        var written = MediaPlaylistWriter.Write(playlist);
        Assert.True(MediaPlaylistReader.TryRead(written, out var again, out error), error?.ToString());
        Assert.Equal(playlist.Segments, again!.Segments);
        Assert.Equal(playlist with { Segments = again.Segments }, again);
        Assert.Equal(written, MediaPlaylistWriter.Write(again));
    }

    [Fact]
    public void Demo_master_playlist_round_trips_byte_for_byte()
    {
        var text = DemoFiles.ReadText("master.m3u8");
        Assert.True(MasterPlaylistReader.TryRead(text, out var master, out var error), error?.ToString());
        Assert.Equal(2, master!.Variants.Count);
        var v = master.Variants[0];
        Assert.Equal("360p/index.m3u8", v.Uri);
        Assert.Equal("640x360", v.Resolution);
        Assert.Equal("30.000", v.FrameRate);
        Assert.Equal("avc1.4d001e,mp4a.40.2", v.Codecs);
        Assert.NotNull(v.AverageBandwidth);
        Assert.True(v.Bandwidth >= v.AverageBandwidth);
        Assert.Equal(text, MasterPlaylistWriter.Write(master));
    }

    [Fact]
    public void Reader_tolerates_crlf_bom_comments_blank_lines_and_unknown_tags()
    {
        var text = "\uFEFF#EXTM3U\r\n# a comment\r\n\r\n#EXT-X-TARGETDURATION:6\r\n#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00Z\r\n" +
                   "#EXT-X-MEDIA-SEQUENCE:1700000000\r\n#EXTINF:5.005,title here\r\na.ts\r\n#EXT-X-DISCONTINUITY\r\n#EXTINF:6\r\nb.ts\r\n";
        Assert.True(MediaPlaylistReader.TryRead(text, out var p, out var error), error?.ToString());
        Assert.Equal(1700000000, p!.MediaSequence);
        Assert.Equal(new MediaSegment(5.005m, "a.ts", false, "title here"), p.Segments[0]);
        Assert.Equal(new MediaSegment(6m, "b.ts", true), p.Segments[1]);
        Assert.False(p.EndList);
        Assert.Null(p.Version);
    }

    public static TheoryData<string, int, string> MalformedMedia => new()
    {
        { "", 0, "empty" },
        { "#EXTINF:2,\nseg.ts\n", 1, "#EXTM3U" },
        { "#EXTM3U\n#EXT-X-TARGETDURATION:x\n", 2, "#EXT-X-TARGETDURATION" },
        { "#EXTM3U\n#EXT-X-TARGETDURATION:-2\n", 2, "#EXT-X-TARGETDURATION" },
        { "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:-5\n", 3, "#EXT-X-MEDIA-SEQUENCE" },
        { "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:99999999999999999999\n", 3, "#EXT-X-MEDIA-SEQUENCE" },
        { "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-DISCONTINUITY-SEQUENCE:one\n", 3, "#EXT-X-DISCONTINUITY-SEQUENCE" },
        { "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-PLAYLIST-TYPE:LIVE\n", 3, "#EXT-X-PLAYLIST-TYPE" },
        { "#EXTM3U\n#EXT-X-VERSION:0\n#EXT-X-TARGETDURATION:2\n", 2, "#EXT-X-VERSION" },
        { "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:abc,\nseg.ts\n", 3, "#EXTINF" },
        { "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:-1,\nseg.ts\n", 3, "#EXTINF" },
        { "#EXTM3U\n#EXT-X-TARGETDURATION:2\nseg.ts\n", 3, "URI line must follow #EXTINF" },
        { "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n#EXTINF:2,\nseg.ts\n", 4, "#EXTINF follows another" },
        { "#EXTM3U\n#EXT-X-TARGETDURATION:2\n\n#EXTINF:2,\n", 4, "not followed by a URI" },
        { "#EXTM3U\n#EXTINF:2,\nseg.ts\n", 0, "#EXT-X-TARGETDURATION is missing" },
        { "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n", 2, "master playlist" },
        { "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTM3U\n", 3, "first line" },
    };

    [Theory, MemberData(nameof(MalformedMedia))]
    public void Malformed_media_playlists_are_rejected_naming_the_line(string text, int line, string fragment)
    {
        Assert.False(MediaPlaylistReader.TryRead(text, out var playlist, out var error));
        Assert.Null(playlist);
        Assert.NotNull(error);
        Assert.Equal(line, error!.LineNumber);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        if (line > 0)
            Assert.StartsWith($"line {line}: ", error.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, int, string> MalformedMaster => new()
    {
        { "#EXTM3U\n#EXT-X-STREAM-INF:RESOLUTION=1x1\na.m3u8\n", 2, "BANDWIDTH" },
        { "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS=\"avc1\na.m3u8\n", 2, "attribute list" },
        { "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,BANDWIDTH=2\na.m3u8\n", 2, "attribute list" },
        { "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,AVERAGE-BANDWIDTH=x\na.m3u8\n", 2, "AVERAGE-BANDWIDTH" },
        { "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n", 2, "not followed by a URI" },
        { "#EXTM3U\na.m3u8\n", 2, "must follow #EXT-X-STREAM-INF" },
        { "#EXTM3U\n#EXT-X-VERSION:6\n", 0, "no #EXT-X-STREAM-INF" },
        { "#EXTM3U\n#EXT-X-TARGETDURATION:2\n", 2, "media playlist" },
        { "not a playlist", 1, "#EXTM3U" },
    };

    [Theory, MemberData(nameof(MalformedMaster))]
    public void Malformed_master_playlists_are_rejected_naming_the_line(string text, int line, string fragment)
    {
        Assert.False(MasterPlaylistReader.TryRead(text, out var playlist, out var error));
        Assert.Null(playlist);
        Assert.Equal(line, error!.LineNumber);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_lines_are_quoted_truncated()
    {
        var text = "#EXTM3U\n#EXT-X-TARGETDURATION:" + new string('9', 5000) + "\n";
        Assert.False(MediaPlaylistReader.TryRead(text, out _, out var error));
        Assert.Equal(2, error!.LineNumber);
        Assert.True(error.Line.Length <= 201);
    }
}
