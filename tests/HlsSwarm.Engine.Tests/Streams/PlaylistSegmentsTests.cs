using HlsSwarm.Engine.Streams;

using Xunit;

namespace HlsSwarm.Engine.Tests.Streams;

public class PlaylistSegmentsTests
{
    private const string Url = "https://e.com/live/index.m3u8";

    [Fact]
    public void Live_segment_ids_are_media_sequence_numbers()
    {
        var p = PlaylistSegments.Read("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:1700000000\n#EXTINF:2,\na.ts\n#EXTINF:2,\nb.ts\n", Url);

        Assert.True(p.IsLive);
        Assert.Equal([1700000000L, 1700000001L], p.Segments.Select(s => s.ExternalId));
    }

    [Theory]
    [InlineData("#EXT-X-ENDLIST\n")]
    [InlineData("#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-ENDLIST\n")]
    public void Vod_segment_ids_are_positions_whatever_the_media_sequence(string tail)
    {
        var p = PlaylistSegments.Read("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:5\n#EXTINF:2,\na.ts\n#EXTINF:2,\nb.ts\n#EXTINF:2,\nc.ts\n" + tail, Url);

        Assert.False(p.IsLive);
        Assert.Equal([0L, 1L, 2L], p.Segments.Select(s => s.ExternalId));
    }

    [Fact]
    public void Event_playlist_without_endlist_is_live()
    {
        var p = PlaylistSegments.Read("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-MEDIA-SEQUENCE:5\n#EXTINF:2,\na.ts\n", Url);

        Assert.True(p.IsLive);
        Assert.Equal(5, Assert.Single(p.Segments).ExternalId);
    }

    [Fact]
    public void Byte_ranges_are_inclusive_and_an_omitted_offset_follows_the_previous_segment()
    {
        const string text = "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MAP:URI=\"init.mp4\",BYTERANGE=\"700@0\"\n"
            + "#EXTINF:4,\n#EXT-X-BYTERANGE:1000@700\nall.mp4\n#EXTINF:4,\n#EXT-X-BYTERANGE:1000\nall.mp4\n#EXTINF:2.5,\n#EXT-X-BYTERANGE:0@5\nall.mp4\n#EXT-X-ENDLIST\n";

        var p = PlaylistSegments.Read(text, "https://e.com/vod/index.m3u8");

        Assert.Equal(
            ["https://e.com/vod/all.mp4|700-1699", "https://e.com/vod/all.mp4|1700-2699", "https://e.com/vod/all.mp4"],
            p.Segments.Select(s => s.RuntimeId));
        Assert.Equal(new SegmentByteRange(700, 1699), p.Segments[0].ByteRange);
        Assert.Equal(1000, p.Segments[1].ByteRange!.Value.Length);
        Assert.Null(p.Segments[2].ByteRange); // a zero-length range means the whole resource to p2pml
        Assert.Equal([4.0, 4.0, 2.5], p.Segments.Select(s => s.Duration));
        Assert.Equal([0.0, 4.0, 8.0], p.Segments.Select(s => s.StartTime));
    }

    [Fact]
    public void Init_segments_parts_and_preload_hints_are_not_segments()
    {
        const string text = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-PART-INF:PART-TARGET=0.5\n#EXT-X-MAP:URI=\"init.mp4\"\n"
            + "#EXTINF:2,\na.mp4\n#EXT-X-PART:DURATION=0.5,URI=\"b.0.mp4\"\n#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"b.1.mp4\"\n";

        var p = PlaylistSegments.Read(text, Url);

        Assert.Equal(["https://e.com/live/a.mp4"], p.Segments.Select(s => s.Url));
    }

    [Fact]
    public void A_repeated_segment_keeps_its_first_id()
    {
        var p = PlaylistSegments.Read("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\na.ts\n#EXTINF:2,\nb.ts\n#EXTINF:2,\na.ts\n#EXT-X-ENDLIST\n", Url);

        Assert.Equal([0L, 1L], p.Segments.Select(s => s.ExternalId));
    }

    [Fact]
    public void The_rest_of_an_extinf_line_without_a_number_is_read_as_a_uri_as_hls_js_does()
    {
        var p = PlaylistSegments.Read("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:abc,\nseg.ts\n#EXT-X-ENDLIST\n", Url);

        Assert.Equal(["https://e.com/live/abc,", "https://e.com/live/seg.ts"], p.Segments.Select(s => s.Url));
    }

    [Theory]
    [InlineData("#EXT-X-TARGETDURATION:2\n#EXTINF:2,\na.ts\n", "Missing format identifier #EXTM3U")]
    [InlineData("#EXTM3U\n#EXTINF:2,\na.ts\n", "Missing Target Duration")]
    [InlineData("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:3\n#EXT-X-MEDIA-SEQUENCE:4\n#EXTINF:2,\na.ts\n", "MEDIA-SEQUENCE twice")]
    [InlineData("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-ENDLIST\n", "no fragments")]
    public void Playlists_hls_js_rejects_give_no_segment(string text, string error)
    {
        var p = PlaylistSegments.Read(text, Url);

        Assert.Empty(p.Segments);
        Assert.Equal(error, p.Error);
    }

    [Fact]
    public void A_date_time_after_the_last_segment_makes_hls_js_throw_and_no_stream_is_registered()
    {
        const string text = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\na.ts\n#EXT-X-PROGRAM-DATE-TIME:2026-11-25T12:00:00Z\n";

        Assert.True(PlaylistSegments.Read(text, Url).ParserThrows);
        Assert.Empty(SwarmStreamCatalog.FromManifest(text, Url).Streams);
    }
}
