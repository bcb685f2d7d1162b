using System.Net;
using HlsSwarm.Hls;
using Xunit;

namespace HlsSwarm.Server.Tests;

public class LiveOriginTests
{
    [Fact]
    public async Task Live_playlist_is_valid_uncached_and_slides_with_the_clock()
    {
        await using var server = await RunningServer.StartAsync(liveWindow: 10);

        using var first = await server.Client.GetAsync("/demo/live/360p/index.m3u8");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("no-cache", first.Headers.CacheControl!.ToString());
        Assert.Equal("*", Assert.Single(first.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.True(MediaPlaylistReader.TryRead(await first.Content.ReadAsStringAsync(), out var p0, out var e0), e0?.ToString());
        Assert.Equal(0, p0!.MediaSequence);
        Assert.Equal(10, p0.Segments.Count);
        Assert.False(p0.EndList);

        server.Time.Advance(TimeSpan.FromSeconds(2 * 61));
        var text = await server.Client.GetStringAsync("/demo/live/360p/index.m3u8");
        Assert.True(MediaPlaylistReader.TryRead(text, out var p1, out var e1), e1?.ToString());
        Assert.Equal(61, p1!.MediaSequence);
        Assert.Equal(10, p1.Segments.Count);
        Assert.Equal(1, p1.DiscontinuitySequence);
        Assert.Contains("#EXT-X-DISCONTINUITY-SEQUENCE:1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_master_lists_the_renditions_relative_to_the_live_path()
    {
        await using var server = await RunningServer.StartAsync();
        var text = await server.Client.GetStringAsync("/demo/live/master.m3u8");
        Assert.True(MasterPlaylistReader.TryRead(text, out var master, out var error), error?.ToString());
        foreach (var variant in master!.Variants)
        {
            using var response = await server.Client.GetAsync(new Uri(new Uri(server.Client.BaseAddress!, "/demo/live/master.m3u8"), variant.Uri));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Live_segment_urls_serve_the_vod_bytes_and_are_counted()
    {
        await using var server = await RunningServer.StartAsync();
        server.Time.Advance(TimeSpan.FromSeconds(2 * 70));
        var text = await server.Client.GetStringAsync("/demo/live/240p/index.m3u8");
        Assert.True(MediaPlaylistReader.TryRead(text, out var playlist, out _));

        long served = 0;
        foreach (var segment in playlist!.Segments)
        {
            var sequence = long.Parse(segment.Uri[4..^3], System.Globalization.CultureInfo.InvariantCulture);
            var body = await server.Client.GetByteArrayAsync($"/demo/live/240p/{segment.Uri}");
            Assert.Equal(DemoFiles.Read($"240p/seg-{sequence % 60}.ts"), body);
            served += body.Length;
        }

        var stats = await VodOriginTests.GetStatsAsync(server);
        var live = stats.GetProperty("live");
        Assert.Equal(served, live.GetProperty("segments").GetProperty("bytes").GetInt64());
        Assert.Equal(playlist.Segments.Count, live.GetProperty("segments").GetProperty("requests").GetInt64());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text), live.GetProperty("playlists").GetProperty("bytes").GetInt64());
        Assert.Equal(0, stats.GetProperty("vod").GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task Future_and_long_past_live_segments_are_404()
    {
        await using var server = await RunningServer.StartAsync(liveWindow: 12);
        server.Time.Advance(TimeSpan.FromSeconds(2 * 100)); // window 100..111
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/demo/live/360p/seg-111.ts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/demo/live/360p/seg-112.ts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/demo/live/360p/seg-5.ts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/demo/live/360p/seg-999999999999999.ts")).StatusCode);
    }
}
