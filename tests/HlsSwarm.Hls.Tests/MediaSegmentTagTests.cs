using HlsSwarm.Hls;
using Xunit;
using static HlsSwarm.Hls.Tests.TestPlaylists;

namespace HlsSwarm.Hls.Tests;

/// <summary>Media segment tags (RFC 8216 §4.3.2, rfc8216bis §4.4.4) and what they apply to.</summary>
public class MediaSegmentTagTests
{
    [Fact]
    public void Byte_ranges_with_implicit_offsets_continue_the_previous_range_of_the_same_resource()
    {
        var p = Media(MediaText(
            "#EXT-X-BYTERANGE:1000@500", "#EXTINF:2,", "main.ts",
            "#EXT-X-BYTERANGE:2000", "#EXTINF:2,", "main.ts",
            "#EXTINF:2,", "#EXT-X-BYTERANGE:300", "main.ts",
            "#EXT-X-BYTERANGE:10@0", "#EXTINF:2,", "other.ts",
            "#EXTINF:2,", "whole.ts"));
        Assert.Equal(new ByteRange(1000, 500), p.Segments[0].ByteRange);
        Assert.Equal(new ByteRange(2000, 1500), p.Segments[1].ByteRange);
        Assert.Equal(new ByteRange(300, 3500), p.Segments[2].ByteRange);
        Assert.Equal(3800, p.Segments[2].ByteRange!.Value.End);
        Assert.Equal(new ByteRange(10, 0), p.Segments[3].ByteRange);
        Assert.Null(p.Segments[4].ByteRange);
        Assert.Equal("300@3500", p.Segments[2].ByteRange!.Value.ToString());
    }

    [Fact]
    public void Keys_apply_to_following_segments_per_keyformat_until_method_none()
    {
        var p = Media(MediaText(
            "#EXTINF:2,", "clear.ts",
            "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://a\",KEYFORMAT=\"com.apple.streamingkeydelivery\",KEYFORMATVERSIONS=\"1\"",
            "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"data:text/plain;base64,AAAA\",KEYFORMAT=\"urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed\"",
            "#EXTINF:2,", "both.ts",
            "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://b\",KEYFORMAT=\"com.apple.streamingkeydelivery\",KEYFORMATVERSIONS=\"1\"",
            "#EXTINF:2,", "rotated.ts",
            "#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\",IV=0x000102030405060708090A0B0C0D0E0F",
            "#EXTINF:2,", "three.ts",
            "#EXT-X-KEY:METHOD=NONE",
            "#EXTINF:2,", "clear-again.ts"), new Uri("https://cdn.example.com/v/index.m3u8"));
        Assert.Empty(p.Segments[0].Keys);
        Assert.Equal(["skd://a", "data:text/plain;base64,AAAA"], p.Segments[1].Keys.Select(k => k.Uri));
        Assert.Equal(["skd://b", "data:text/plain;base64,AAAA"], p.Segments[2].Keys.Select(k => k.Uri));
        Assert.Equal("1", p.Segments[2].Keys[0].KeyFormatVersions);
        Assert.Equal(3, p.Segments[3].Keys.Count);
        var aes = p.Segments[3].Keys[2];
        Assert.Equal(("AES-128", "identity"), (aes.Method, aes.KeyFormat));
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (byte)i), aes.IvBytes!);
        Assert.Equal("0x000102030405060708090A0B0C0D0E0F", aes.Iv);
        Assert.Equal(new Uri("https://cdn.example.com/v/key.bin"), aes.ResolvedUri);
        Assert.Equal(new Uri("skd://a"), p.Segments[1].Keys[0].ResolvedUri);
        Assert.Empty(p.Segments[4].Keys);
    }

    [Fact]
    public void Map_applies_to_following_segments_until_the_next_map()
    {
        var p = Media(MediaText(
            "#EXT-X-MAP:URI=\"init-a.mp4\",BYTERANGE=\"720@0\"", "#EXTINF:2,", "a1.m4s", "#EXTINF:2,", "a2.m4s",
            "#EXT-X-DISCONTINUITY", "#EXT-X-MAP:URI=\"init-b.mp4\"", "#EXTINF:2,", "b1.m4s",
            "#EXTINF:2,", "#EXT-X-MAP:URI=\"init-c.mp4\"", "c1.m4s"));
        Assert.Equal(["init-a.mp4", "init-a.mp4", "init-b.mp4", "init-c.mp4"], p.Segments.Select(s => s.Map!.Uri));
        Assert.Same(p.Segments[0].Map, p.Segments[1].Map);
        Assert.Equal(new ByteRange(720, 0), p.Segments[0].Map!.ByteRange);
        Assert.Null(p.Segments[2].Map!.ByteRange);
    }

    [Fact]
    public void Map_byte_range_without_offset_starts_at_zero_like_hlsjs()
    {
        var p = Media(MediaText("#EXT-X-MAP:URI=\"init.mp4\",BYTERANGE=\"720\"", "#EXTINF:2,", "a.m4s"));
        Assert.Equal(new ByteRange(720, 0), p.Segments[0].Map!.ByteRange);
    }

    [Fact]
    public void Discontinuity_sequence_numbers_count_from_the_playlist_value()
    {
        var p = Media(MediaText(
            "#EXT-X-MEDIA-SEQUENCE:100", "#EXT-X-DISCONTINUITY-SEQUENCE:7",
            "#EXTINF:2,", "a.ts", "#EXT-X-DISCONTINUITY", "#EXTINF:2,", "b.ts", "#EXTINF:2,", "c.ts",
            "#EXT-X-DISCONTINUITY", "#EXTINF:2,", "d.ts", "#EXT-X-DISCONTINUITY", "#EXT-X-DISCONTINUITY", "#EXTINF:2,", "e.ts"));
        Assert.Equal(7, p.DiscontinuitySequence);
        Assert.Equal([false, true, false, true, true], p.Segments.Select(s => s.Discontinuity));
        Assert.Equal([7L, 8L, 8L, 9L, 10L], p.Segments.Select(s => s.DiscontinuitySequenceNumber));
        Assert.Equal([100L, 101L, 102L, 103L, 104L], p.Segments.Select(s => s.SequenceNumber));
    }

    [Fact]
    public void Program_date_time_gap_and_bitrate()
    {
        var p = Media(MediaText(
            "#EXT-X-PROGRAM-DATE-TIME:2010-02-19T14:54:23.031+08:00", "#EXT-X-BITRATE:1200", "#EXTINF:2,", "a.ts",
            "#EXT-X-GAP", "#EXTINF:2,", "b.ts",
            "#EXTINF:2,", "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:04Z", "c.ts",
            "#EXT-X-BITRATE:800", "#EXTINF:2,", "d.ts"));
        Assert.Equal(new DateTimeOffset(2010, 2, 19, 14, 54, 23, 31, TimeSpan.FromHours(8)), p.Segments[0].ProgramDateTime);
        Assert.Null(p.Segments[1].ProgramDateTime);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 4, TimeSpan.Zero), p.Segments[2].ProgramDateTime);
        Assert.Equal([false, true, false, false], p.Segments.Select(s => s.Gap));
        Assert.Equal([1200L, 1200L, 1200L, 800L], p.Segments.Select(s => s.Bitrate!.Value));
    }

    [Fact]
    public void Program_date_times_extrapolate_forward_and_backward_like_hlsjs()
    {
        var p = Media(MediaText(
            "#EXTINF:2,", "a.ts", "#EXTINF:4,", "b.ts",
            "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:10+02:00", "#EXTINF:2.5,", "c.ts", "#EXTINF:2,", "d.ts",
            "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:01:00+02:00", "#EXTINF:2,", "e.ts", "#EXTINF:2,", "f.ts"));
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 10, TimeSpan.FromHours(2));
        Assert.Equal<DateTimeOffset?>(
            [t.AddSeconds(-6), t.AddSeconds(-4), t, t.AddSeconds(2.5), t.AddSeconds(50), t.AddSeconds(52)],
            p.ProgramDateTimes());
        Assert.All(Media(MediaText("#EXTINF:2,", "a.ts")).ProgramDateTimes(), d => Assert.Null(d));
        // Absurd durations clamp instead of overflowing.
        var huge = Media(MediaText("#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00Z", "#EXTINF:99999999999999999999999999,", "a.ts", "#EXTINF:1,", "b.ts"));
        Assert.NotNull(huge.ProgramDateTimes()[1]);
    }

    [Fact]
    public void Date_ranges_keep_all_attributes_and_their_position()
    {
        var p = Media(MediaText(
            "#EXTINF:2,", "a.ts",
            "#EXT-X-DATERANGE:ID=\"splice-6FFFFFF0\",CLASS=\"com.example.ad\",START-DATE=\"2014-03-05T11:15:00Z\",PLANNED-DURATION=59.993,SCTE35-OUT=0xFC002F0000000000FF000014056FFFFFF000E011622DCAFF000052636200000000000A0008029896F50000008700000000,X-COM-EXAMPLE-AD-ID=\"XYZ123\"",
            "#EXTINF:2,", "b.ts",
            "#EXT-X-DATERANGE:ID=\"splice-6FFFFFF0\",START-DATE=\"2014-03-05T11:15:00Z\",DURATION=59.993,END-ON-NEXT=YES,CLASS=\"c\""));
        Assert.Equal(2, p.DateRanges.Count);
        var d = p.DateRanges[0];
        Assert.Equal(("splice-6FFFFFF0", "com.example.ad", 1), (d.Id, d.Class, d.SegmentIndex));
        Assert.Equal(new DateTimeOffset(2014, 3, 5, 11, 15, 0, TimeSpan.Zero), d.StartDate);
        Assert.Equal(59.993m, d.PlannedDuration);
        Assert.Equal("XYZ123", d.Attributes["X-COM-EXAMPLE-AD-ID"]);
        Assert.StartsWith("0xFC002F", d.Attributes["SCTE35-OUT"], StringComparison.Ordinal);
        Assert.Equal(6, d.Attributes.Count);
        Assert.Equal((2, 59.993m, true), (p.DateRanges[1].SegmentIndex, p.DateRanges[1].Duration!.Value, p.DateRanges[1].EndOnNext));
    }

    [Fact]
    public void Part_byte_ranges_continue_across_segments()
    {
        var p = Media(MediaText(
            "#EXT-X-PART-INF:PART-TARGET=1",
            "#EXT-X-PART:DURATION=1,URI=\"s1.mp4\",BYTERANGE=\"100@0\"",
            "#EXT-X-PART:DURATION=1,URI=\"s1.mp4\",BYTERANGE=\"150\",INDEPENDENT=YES",
            "#EXTINF:2,", "s1.mp4",
            "#EXT-X-PART:DURATION=1,URI=\"s1.mp4\",BYTERANGE=\"50\",GAP=YES"));
        var parts = p.Segments[0].Parts;
        Assert.Equal(new ByteRange(100, 0), parts[0].ByteRange);
        Assert.Equal(new ByteRange(150, 100), parts[1].ByteRange);
        Assert.True(parts[1].Independent);
        var trailing = Assert.Single(p.TrailingParts);
        Assert.Equal(new ByteRange(50, 250), trailing.ByteRange);
        Assert.True(trailing.Gap);
    }

    [Fact]
    public void Playlist_tags_are_read()
    {
        var p = Media("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:6\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-I-FRAMES-ONLY\n" +
                      "#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-START:TIME-OFFSET=-12.5,PRECISE=YES\n#EXTINF:2,title, with comma\na.ts\n");
        Assert.Equal((7, 6, "EVENT", true, true), (p.Version!.Value, p.TargetDuration, p.PlaylistType, p.IFramesOnly, p.IndependentSegments));
        Assert.Equal(new StartOffset(-12.5m, true), p.Start);
        Assert.Equal("title, with comma", p.Segments[0].Title);
    }

    [Fact]
    public void Unknown_tags_are_kept_with_their_line_numbers_and_comments_are_skipped()
    {
        var p = Media(MediaText("#EXT-X-CUE-OUT:DURATION=30", "# just a comment", "#EXTINF:2,", "a.ts", "#EXT-X-CUE-IN", "#EXT-X-ALLOW-CACHE:NO"));
        Assert.Equal(
            [new UnknownTag(3, "#EXT-X-CUE-OUT", "DURATION=30"), new UnknownTag(7, "#EXT-X-CUE-IN", ""), new UnknownTag(8, "#EXT-X-ALLOW-CACHE", "NO")],
            p.UnknownTags);
        Assert.Single(p.Segments);
    }

    [Fact]
    public void Crlf_bom_blank_lines_comments_and_surrounding_spaces_are_tolerated()
    {
        var text = "\uFEFF#EXTM3U\r\n# a comment\r\n\r\n#EXT-X-TARGETDURATION:6\r\n#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00Z\r\n" +
                   "#EXT-X-MEDIA-SEQUENCE:1700000000\r\n#EXTINF:5.005,title here\r\n  a.ts\r\n#EXT-X-DISCONTINUITY\r\n#EXTINF:6\r\nb.ts";
        var p = Media(text);
        Assert.Equal(1700000000, p.MediaSequence);
        Assert.Equal(new MediaSegment(5.005m, "a.ts", false, "title here"), p.Segments[0] with
        {
            SequenceNumber = 0, ProgramDateTime = null,
        });
        Assert.Equal(("b.ts", true, 6m, ""), (p.Segments[1].Uri, p.Segments[1].Discontinuity, p.Segments[1].Duration, p.Segments[1].Title));
        Assert.False(p.EndList);
        Assert.Null(p.Version);
    }

    [Fact]
    public void A_line_starting_with_spaces_then_hash_is_a_uri_line_and_uris_keep_trailing_spaces_like_hlsjs()
    {
        var p = Media(MediaText("#EXTINF:2", " #not-a-tag.ts", "#EXTINF:2,", "\t spaced.ts  ", "#EXTINF:2,", "#EXT-X-GAP", "x.ts"),
            new Uri("https://e.com/d/p.m3u8"));
        Assert.Equal(["#not-a-tag.ts", "spaced.ts  ", "x.ts"], p.Segments.Select(s => s.Uri));
        Assert.Equal("https://e.com/d/p.m3u8#not-a-tag.ts", p.Segments[0].ResolvedUri!.AbsoluteUri);
        Assert.Equal("https://e.com/d/spaced.ts", p.Segments[1].ResolvedUri!.AbsoluteUri);
        Assert.True(p.Segments[2].Gap);
        // Before any EXTINF, such a line is a URI without EXTINF (hls.js would make it a 0-second segment).
        Assert.Equal((3, PlaylistRules.UriWithoutExtInf), (Error(MediaText(" #EXTINF:2,", "a.ts")).LineNumber, Error(MediaText(" #EXTINF:2,", "a.ts")).Rule));
    }

    [Fact]
    public void After_extinf_with_a_comma_leading_white_space_is_skipped_like_hlsjs()
    {
        // hls.js's "#EXTINF:d,title\s+" eats the next line's indentation: " #EXT-X-GAP" is then a tag, " #x" a comment.
        var p = Media(MediaText("#EXTINF:2,", "  #EXT-X-GAP", "a.ts", "#EXTINF:2,t", "\t# comment", "b.ts"));
        Assert.Equal(["a.ts", "b.ts"], p.Segments.Select(s => s.Uri));
        Assert.True(p.Segments[0].Gap);
    }

    [Fact]
    public void An_empty_media_playlist_with_only_a_target_duration_is_valid()
    {
        var p = Media("#EXTM3U\n#EXT-X-TARGETDURATION:4\n");
        Assert.Empty(p.Segments);
        Assert.Equal(0m, p.TotalDuration);
    }
}
