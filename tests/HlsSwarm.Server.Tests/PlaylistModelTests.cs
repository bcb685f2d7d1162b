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
}
