using HlsSwarm.Hls;
using Xunit;
using static HlsSwarm.Hls.Tests.TestPlaylists;

namespace HlsSwarm.Hls.Tests;

/// <summary>The example playlists of RFC 8216 §8 and the low-latency examples of rfc8216bis, with their values asserted.</summary>
public class RfcExampleTests
{
    [Fact]
    public void Simple_media_playlist_8_1()
    {
        var p = Media(Text("rfc8216-8.1-simple.m3u8"));
        Assert.Equal(10, p.TargetDuration);
        Assert.Equal(3, p.Version);
        Assert.True(p.EndList);
        Assert.Null(p.PlaylistType);
        Assert.Equal([9.009m, 9.009m, 3.003m], p.Segments.Select(s => s.Duration));
        Assert.Equal(["http://media.example.com/first.ts", "http://media.example.com/second.ts", "http://media.example.com/third.ts"], p.Segments.Select(s => s.Uri));
        Assert.Equal(new Uri("http://media.example.com/third.ts"), p.Segments[2].ResolvedUri);
        Assert.Equal(21.021m, p.TotalDuration);
        Assert.Equal([0L, 1L, 2L], p.Segments.Select(s => s.SequenceNumber));
        Assert.Empty(p.Warnings);
        Assert.Empty(p.UnknownTags);
    }

    [Fact]
    public void Live_media_playlist_8_2()
    {
        var p = Media(Text("rfc8216-8.2-live.m3u8"));
        Assert.Equal(8, p.TargetDuration);
        Assert.Equal(2680, p.MediaSequence);
        Assert.False(p.EndList);
        Assert.Equal([2680L, 2681L, 2682L], p.Segments.Select(s => s.SequenceNumber));
        Assert.Equal([2680L, 2681L, 2682L], Enumerable.Range(0, 3).Select(p.SegmentId));
        Assert.Equal([7.975m, 7.941m, 7.975m], p.Segments.Select(s => s.Duration));
        Assert.All(p.Segments, s => Assert.Empty(s.Keys));
    }

    [Fact]
    public void Encrypted_media_playlist_8_3()
    {
        var p = Media(Text("rfc8216-8.3-encrypted.m3u8"));
        Assert.Equal(7794, p.MediaSequence);
        Assert.Equal(15, p.TargetDuration);
        Assert.Equal(4, p.Segments.Count);
        var k52 = Assert.Single(p.Segments[0].Keys);
        Assert.Equal("AES-128", k52.Method);
        Assert.Equal("https://priv.example.com/key.php?r=52", k52.Uri);
        Assert.Equal("identity", k52.KeyFormat);
        Assert.Null(k52.Iv);
        Assert.Same(p.Segments[0].Keys, p.Segments[2].Keys); // one instance while the key is in force
        var k53 = Assert.Single(p.Segments[3].Keys);
        Assert.Equal("https://priv.example.com/key.php?r=53", k53.Uri);
        Assert.Equal(15.0m, p.Segments[1].Duration);
        Assert.Empty(p.Warnings);
    }

    [Fact]
    public void Master_playlist_8_4()
    {
        var p = Master(Text("rfc8216-8.4-master.m3u8"), new Uri("http://example.com/master.m3u8"));
        Assert.Equal([1280000L, 2560000L, 7680000L, 65000L], p.Variants.Select(v => v.Bandwidth!.Value));
        Assert.Equal([1000000L, 2000000L, 6000000L, null], p.Variants.Select(v => v.AverageBandwidth));
        Assert.Equal("mp4a.40.5", p.Variants[3].Codecs);
        Assert.Equal("http://example.com/audio-only.m3u8", p.Variants[3].Uri);
        Assert.Equal(new Uri("http://example.com/hi.m3u8"), p.Variants[2].ResolvedUri);
        Assert.Empty(p.Renditions);
        Assert.Empty(p.Warnings);
    }

    [Fact]
    public void Master_playlist_with_i_frames_8_5()
    {
        var p = Master(Text("rfc8216-8.5-iframes.m3u8"), new Uri("https://example.com/content/master.m3u8"));
        Assert.Equal(["low/audio-video.m3u8", "mid/audio-video.m3u8", "hi/audio-video.m3u8", "audio-only.m3u8"], p.Variants.Select(v => v.Uri));
        Assert.Equal(3, p.IFrameStreams.Count);
        Assert.Equal([86000L, 150000L, 550000L], p.IFrameStreams.Select(v => v.Bandwidth!.Value));
        Assert.Equal("mid/iframe.m3u8", p.IFrameStreams[1].Uri);
        Assert.Equal(new Uri("https://example.com/content/hi/iframe.m3u8"), p.IFrameStreams[2].ResolvedUri);
    }

    [Fact]
    public void Master_playlist_with_alternative_audio_8_6()
    {
        var p = Master(Text("rfc8216-8.6-audio.m3u8"));
        Assert.Equal(3, p.Renditions.Count);
        var en = p.Renditions[0];
        Assert.Equal(("AUDIO", "aac", "en", "English", true, true, "main/english-audio.m3u8"),
            (en.Type, en.GroupId, en.Language, en.Name, en.Default, en.AutoSelect, en.Uri));
        var commentary = p.Renditions[2];
        Assert.Equal(("Commentary", false, false), (commentary.Name, commentary.Default, commentary.AutoSelect));
        Assert.All(p.Variants, v => Assert.Equal("aac", v.Audio));
        Assert.Equal("...", p.Variants[0].Codecs);
        Assert.Equal(4, p.Variants.Count);
    }

    [Fact]
    public void Master_playlist_with_alternative_video_8_7()
    {
        var p = Master(Text("rfc8216-8.7-video.m3u8"));
        Assert.Equal(9, p.Renditions.Count);
        Assert.Equal(["low", "low", "low", "mid", "mid", "mid", "hi", "hi", "hi"], p.Renditions.Select(r => r.GroupId));
        Assert.All(p.Renditions, r => Assert.Equal("VIDEO", r.Type));
        Assert.Equal(["low", "mid", "hi"], p.Variants.Select(v => v.Video));
        Assert.Equal("Centerfield", p.Renditions[4].Name);
        Assert.Null(p.Renditions[4].Language);
    }

    [Fact]
    public void Low_latency_playlist_from_rfc8216bis()
    {
        var uri = new Uri("https://example.com/2M/waitForMSN.php?_HLS_msn=272&_HLS_part=2");
        var p = Media(Text("rfc8216bis-ll-hls.m3u8"), uri);
        Assert.Equal(266, p.MediaSequence);
        Assert.Equal(0.33334m, p.PartTarget);
        Assert.NotNull(p.ServerControl);
        Assert.True(p.ServerControl!.CanBlockReload);
        Assert.Equal(1.0m, p.ServerControl.PartHoldBack);
        Assert.Equal(12.0m, p.ServerControl.CanSkipUntil);
        Assert.Null(p.ServerControl.HoldBack);
        Assert.Equal(6, p.Segments.Count);
        Assert.Equal(266 + 5, p.Segments[5].SequenceNumber);
        Assert.Equal(new DateTimeOffset(2019, 2, 14, 2, 13, 36, 106, TimeSpan.Zero), p.Segments[0].ProgramDateTime);
        Assert.Null(p.Segments[1].ProgramDateTime);
        Assert.All(p.Segments, s => Assert.Equal("init.mp4", s.Map!.Uri));
        Assert.Equal(new Uri("https://example.com/2M/init.mp4"), p.Segments[3].Map!.ResolvedUri);
        Assert.Empty(p.Segments[4].Parts);
        var parts = p.Segments[5].Parts;
        Assert.Equal(12, parts.Count);
        Assert.Equal("filePart271.4.mp4", parts[4].Uri);
        Assert.True(parts[4].Independent);
        Assert.False(parts[5].Independent);
        Assert.All(parts, part => Assert.Equal(0.33334m, part.Duration));
        Assert.Equal(["filePart272.a.mp4", "filePart272.b.mp4", "filePart272.c.mp4"], p.TrailingParts.Select(x => x.Uri));
        var hint = Assert.Single(p.PreloadHints);
        Assert.Equal(("PART", "filePart272.d.mp4", 0L, (long?)null), (hint.Type, hint.Uri, hint.ByteRangeStart, hint.ByteRangeLength));
        Assert.Equal(new Uri("https://example.com/2M/filePart272.d.mp4"), hint.ResolvedUri);
        Assert.Equal(2, p.RenditionReports.Count);
        Assert.Equal((273L, 2L), (p.RenditionReports[0].LastMediaSequenceNumber!.Value, p.RenditionReports[0].LastPart!.Value));
        Assert.Equal(new Uri("https://example.com/4M/waitForMSN.php"), p.RenditionReports[1].ResolvedUri);
        Assert.Equal(271, p.SegmentId(5));
        Assert.Empty(p.Warnings);
    }

    [Fact]
    public void Delta_update_from_rfc8216bis_counts_skipped_segments()
    {
        var p = Media(Text("rfc8216bis-ll-hls-delta.m3u8"));
        Assert.Equal(9, p.Version);
        Assert.Equal(3, p.SkippedSegments);
        Assert.Equal(4, p.Segments.Count);
        Assert.Equal("fileSequence269.mp4", p.Segments[0].Uri);
        Assert.Equal([269L, 270L, 271L, 272L], p.Segments.Select(s => s.SequenceNumber));
        Assert.Equal([269L, 270L, 271L, 272L], Enumerable.Range(0, 4).Select(p.SegmentId));
        Assert.Equal(12, p.Segments[3].Parts.Count);
        Assert.True(p.Segments[3].Parts[5].Independent);
        Assert.Equal(3, p.TrailingParts.Count);
        Assert.Equal("filePart273.3.mp4", Assert.Single(p.PreloadHints).Uri);
        Assert.Equal((273L, 3L), (p.RenditionReports[1].LastMediaSequenceNumber!.Value, p.RenditionReports[1].LastPart!.Value));
    }
}
