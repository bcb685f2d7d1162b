using HlsSwarm.Hls;
using Xunit;
using static HlsSwarm.Hls.Tests.TestPlaylists;

namespace HlsSwarm.Hls.Tests;

/// <summary>Segment ids as p2p-media-loader's hls.js integration computes them (protocol spec §1.3).</summary>
public class SegmentIdTests
{
    private static long[] Ids(MediaPlaylist p) => [.. Enumerable.Range(0, p.Segments.Count).Select(p.SegmentId)];

    [Fact]
    public void Live_playlist_ids_are_media_sequence_numbers()
    {
        var p = Media(MediaText("#EXT-X-MEDIA-SEQUENCE:1700000000", "#EXTINF:2,", "a.ts", "#EXTINF:2,", "b.ts", "#EXTINF:2,", "c.ts"));
        Assert.True(p.SegmentIdsAreSequenceNumbers);
        Assert.Equal([1700000000L, 1700000001L, 1700000002L], Ids(p));
    }

    [Fact]
    public void Vod_playlist_ids_are_positions_whatever_the_media_sequence()
    {
        var p = Media(MediaText("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-MEDIA-SEQUENCE:5", "#EXTINF:2,", "a.ts", "#EXTINF:2,", "b.ts", "#EXTINF:2,", "c.ts", "#EXT-X-ENDLIST"));
        Assert.False(p.SegmentIdsAreSequenceNumbers);
        Assert.Equal([0L, 1L, 2L], Ids(p));
        Assert.Equal([5L, 6L, 7L], p.Segments.Select(s => s.SequenceNumber));
    }

    [Fact]
    public void Event_playlist_ids_are_sequence_numbers_until_endlist_then_positions()
    {
        var running = Media(MediaText("#EXT-X-PLAYLIST-TYPE:EVENT", "#EXT-X-MEDIA-SEQUENCE:10", "#EXTINF:2,", "a.ts", "#EXTINF:2,", "b.ts"));
        Assert.Equal([10L, 11L], Ids(running));
        var ended = Media(MediaText("#EXT-X-PLAYLIST-TYPE:EVENT", "#EXT-X-MEDIA-SEQUENCE:10", "#EXTINF:2,", "a.ts", "#EXTINF:2,", "b.ts", "#EXT-X-ENDLIST"));
        Assert.Equal([0L, 1L], Ids(ended));
    }

    [Fact]
    public void Event_playlist_starting_at_zero_keeps_its_ids_when_it_ends()
    {
        var running = Media(MediaText("#EXT-X-PLAYLIST-TYPE:EVENT", "#EXTINF:2,", "a.ts", "#EXTINF:2,", "b.ts"));
        var ended = Media(MediaText("#EXT-X-PLAYLIST-TYPE:EVENT", "#EXTINF:2,", "a.ts", "#EXTINF:2,", "b.ts", "#EXT-X-ENDLIST"));
        Assert.Equal(Ids(running), Ids(ended));
    }

    [Fact]
    public void Delta_update_ids_count_the_skipped_segments()
    {
        var p = Media(MediaText("#EXT-X-MEDIA-SEQUENCE:100", "#EXT-X-SKIP:SKIPPED-SEGMENTS=20", "#EXTINF:2,", "a.ts"));
        Assert.Equal([120L], Ids(p));
        Assert.Equal(120, p.Segments[0].SequenceNumber);
    }

    [Fact]
    public void Hand_built_playlists_get_ids_from_their_media_sequence()
    {
        var p = new MediaPlaylist { MediaSequence = 42, Segments = [new MediaSegment(2m, "a.ts"), new MediaSegment(2m, "b.ts")] };
        Assert.Equal([42L, 43L], Ids(p));
        Assert.Equal([0L, 1L], Ids(p with { EndList = true }));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.SegmentId(-1));
    }
}
