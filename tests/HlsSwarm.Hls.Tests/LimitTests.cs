using System.Diagnostics;
using System.Text;
using HlsSwarm.Hls;
using Xunit;
using static HlsSwarm.Hls.Tests.TestPlaylists;

namespace HlsSwarm.Hls.Tests;

/// <summary>Hostile sizes hit a named <see cref="PlaylistLimits"/> error, and the work stays linear.</summary>
public class LimitTests
{
    private static PlaylistError ErrorWith(string text, PlaylistLimits limits)
    {
        Assert.False(PlaylistParser.TryParse(text.AsSpan(), null, limits, out _, out var error));
        return error;
    }

    [Fact]
    public void Playlist_size_is_limited()
    {
        var error = ErrorWith(MediaText("#EXTINF:2,", "a.ts"), new PlaylistLimits { MaxPlaylistChars = 10 });
        Assert.Equal((0, PlaylistRules.LimitSize), (error.LineNumber, error.Rule));
        Assert.False(PlaylistParser.TryParse(new byte[100], null, new PlaylistLimits { MaxPlaylistChars = 10 }, out _, out var bytesError));
        Assert.Equal(PlaylistRules.LimitSize, bytesError.Rule);
    }

    [Fact]
    public void Line_length_is_limited()
    {
        var error = ErrorWith(MediaText("#EXTINF:2,", new string('a', 101)), new PlaylistLimits { MaxLineChars = 100 });
        Assert.Equal((4, PlaylistRules.LimitLine), (error.LineNumber, error.Rule));
    }

    [Fact]
    public void Segment_count_is_limited()
    {
        var lines = Enumerable.Range(0, 11).SelectMany(i => new[] { "#EXTINF:2,", $"s{i}.ts" }).ToArray();
        var error = ErrorWith(MediaText(lines), new PlaylistLimits { MaxEntries = 10 });
        Assert.Equal((24, PlaylistRules.LimitEntries), (error.LineNumber, error.Rule));
    }

    [Fact]
    public void Unknown_tags_and_variants_are_limited()
    {
        var limits = new PlaylistLimits { MaxEntries = 3 };
        Assert.Equal(PlaylistRules.LimitEntries, ErrorWith(MediaText("#X-A", "#EXT-A", "#EXT-B", "#EXT-C", "#EXT-D"), limits).Rule);
        var master = "#EXTM3U\n" + string.Concat(Enumerable.Range(0, 4).Select(i => $"#EXT-X-STREAM-INF:BANDWIDTH=1\nv{i}.m3u8\n"));
        Assert.Equal(PlaylistRules.LimitEntries, ErrorWith(master, limits).Rule);
    }

    [Fact]
    public void Attributes_per_tag_are_limited()
    {
        var attrs = string.Join(',', Enumerable.Range(0, 300).Select(i => $"X-A{i}=1"));
        var error = Error("#EXTM3U\n#EXT-X-STREAM-INF:" + attrs + "\nv.m3u8\n");
        Assert.Equal((2, PlaylistRules.LimitAttributes), (error.LineNumber, error.Rule));
        Assert.Equal(PlaylistLimits.Default.MaxAttributesPerTag, AttributeList.Parse(attrs).Count);
    }

    [Fact]
    public void Pathological_quotes_in_one_long_line_parse_in_linear_time()
    {
        // Many opening quotes without a closing quote followed by a comma: a naive search rescans the line per attribute.
        var line = string.Concat(Enumerable.Repeat("A=\"x\"y,", 9000));
        var sw = Stopwatch.StartNew();
        var list = AttributeList.Parse(line);
        sw.Stop();
        Assert.Equal(256, list.Count);
        Assert.Equal("\"x\"y", list[0].Value);
        Assert.True(sw.ElapsedMilliseconds < 1000, $"{sw.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void The_default_limits_accept_a_large_real_playlist()
    {
        var sb = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        for (var i = 0; i < 100_000; i++)
            sb.Append("#EXTINF:1.000,\nhttps://cdn.example.com/vod/movie/1080p/segment-").Append(i).Append(".ts\n");
        sb.Append("#EXT-X-ENDLIST\n");
        Assert.Equal(100_000, Media(sb.ToString()).Segments.Count);
    }
}
