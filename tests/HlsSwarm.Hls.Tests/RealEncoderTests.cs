using HlsSwarm.Hls;
using Xunit;
using static HlsSwarm.Hls.Tests.TestPlaylists;

namespace HlsSwarm.Hls.Tests;

/// <summary>Playlists written by ffmpeg 5 (TestData/ffmpeg-*.m3u8, generated from lavfi test sources).</summary>
public class RealEncoderTests
{
    [Fact]
    public void Ffmpeg_single_file_fmp4_with_byte_ranges_and_map()
    {
        var p = Media(Text("ffmpeg-fmp4-byterange.m3u8"), new Uri("https://cdn.example.com/vod/index.m3u8"));
        Assert.Equal((7, 2, "VOD", true, true), (p.Version!.Value, p.TargetDuration, p.PlaylistType, p.EndList, p.IndependentSegments));
        Assert.Equal(6, p.Segments.Count);
        Assert.All(p.Segments, s => Assert.Equal("ffmpeg-fmp4-byterange.m4s", s.Uri));
        Assert.Equal(new ByteRange(1355, 0), p.Segments[0].Map!.ByteRange);
        Assert.Equal(new ByteRange(22215, 1355), p.Segments[0].ByteRange);
        Assert.Equal(new ByteRange(24946, 115636), p.Segments[5].ByteRange);
        // Contiguous ranges: each starts where the previous ended.
        for (var i = 1; i < p.Segments.Count; i++)
            Assert.Equal(p.Segments[i - 1].ByteRange!.Value.End, p.Segments[i].ByteRange!.Value.Offset);
        Assert.Equal(12m, p.TotalDuration);
        Assert.Equal("2.000000", p.Segments[0].Duration.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new Uri("https://cdn.example.com/vod/ffmpeg-fmp4-byterange.m4s"), p.Segments[3].ResolvedUri);
        Assert.Empty(p.Warnings);
    }

    [Fact]
    public void Ffmpeg_aes_with_program_date_times_in_basic_iso_offsets()
    {
        var p = Media(Text("ffmpeg-live-aes.m3u8"));
        Assert.Equal(1, p.MediaSequence);
        Assert.Equal([1L, 2L, 3L], p.Segments.Select(s => s.SequenceNumber));
        Assert.Equal([0L, 1L, 2L], Enumerable.Range(0, 3).Select(p.SegmentId)); // ENDLIST: positions
        var key = Assert.Single(p.Segments[2].Keys);
        Assert.Equal(("AES-128", "key.bin"), (key.Method, key.Uri));
        Assert.Equal(16, key.IvBytes!.Length);
        // ffmpeg writes "+0000" (no colon); players accept it, so do we.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 27, 24, 320, TimeSpan.Zero), p.Segments[0].ProgramDateTime);
        Assert.Equal(TimeSpan.FromSeconds(2), p.Segments[1].ProgramDateTime - p.Segments[0].ProgramDateTime);
        Assert.Empty(p.Warnings);
    }
}
