using Xunit;

namespace HlsSwarm.Server.Tests;

public class HostilePathTests
{
    public static TheoryData<string> Paths => new()
    {
        "/demo/vod/../../etc/passwd",
        "/demo/vod/360p/../../../HlsSwarm.Server.dll",
        "/demo/vod/..%2F..%2FHlsSwarm.Server.dll",
        "/demo/vod/%2e%2e/%2e%2e/hlsswarm.dll",
        "/demo/vod/360p/..%5C..%5Chlsswarm.dll",
        "/demo/vod/360p/%2e%2e%2f%2e%2e%2fappsettings.json",
        "/demo/live/..%2f..%2fDemoMedia/master.m3u8",
        "/demo/vod/360p/seg-60.ts",
        "/demo/vod/360p/seg-0.ts/extra",
        "/demo/vod/360P/index.m3u8",
        "/demo/vod/360p/index.m3u8%00",
        "/demo/vod/nope/seg-0.ts",
        "/demo/vod/",
        "/demo/vod",
        "/demo/",
        "/demo/tv/master.m3u8",
        "/demo/live/999p/index.m3u8",
        "/demo/live/360p/seg-99999999999999999999999999.ts",
        "/demo/live/360p/seg-9223372036854775807.ts",
        "/demo/live/360p/seg--1.ts",
        "/demo/live/360p/seg-abc.ts",
        "/demo/live/360p/seg-.ts",
        "/demo/live/360p/seg-1e3.ts",
        "/demo/live/360p/seg-0x10.ts",
        "/demo/live/360p/seg-%D9%A3.ts",
        "/demo/live/360p/seg-1%20.ts",
        "/demo/live/360p/seg-" + new string('1', 4000) + ".ts",
        "/demo/live/360p/" + new string('a', 4000),
        "/demo/live/360p/seg-5.ts.ts",
        "/demo/live/360p/index.m3u8/../../../x",
        "/no-such-file",
        "/dist/../DemoMedia/master.m3u8",
        "/dist/..%2f..%2fhlsswarm.dll",
    };

    [Theory, MemberData(nameof(Paths))]
    public async Task Hostile_paths_get_a_4xx_never_a_500(string path)
    {
        await using var server = await RunningServer.StartAsync();
        foreach (var method in new[] { "GET", "HEAD" })
        {
            var status = await RawHttp.GetStatusAsync(server.Client.BaseAddress!, path, method);
            Assert.InRange(status, 400, 499);
        }
    }

    [Fact]
    public async Task The_raw_client_sees_200_for_a_real_segment()
    {
        await using var server = await RunningServer.StartAsync();
        Assert.Equal(200, await RawHttp.GetStatusAsync(server.Client.BaseAddress!, "/demo/vod/360p/seg-0.ts"));
        Assert.Equal(200, await RawHttp.GetStatusAsync(server.Client.BaseAddress!, "/demo/live/360p/seg-3.ts"));
    }

    [Fact]
    public async Task Malformed_sequence_numbers_are_400_and_unknown_names_404()
    {
        await using var server = await RunningServer.StartAsync();
        Assert.Equal(400, await RawHttp.GetStatusAsync(server.Client.BaseAddress!, "/demo/live/360p/seg-abc.ts"));
        Assert.Equal(400, await RawHttp.GetStatusAsync(server.Client.BaseAddress!, "/demo/live/360p/seg-1234567890123456.ts"));
        Assert.Equal(404, await RawHttp.GetStatusAsync(server.Client.BaseAddress!, "/demo/live/720p/seg-1.ts"));
        var stats = await VodOriginTests.GetStatsAsync(server);
        Assert.Equal(3, stats.GetProperty("rejected").GetInt64());
        Assert.Equal(0, stats.GetProperty("totalBytes").GetInt64());
    }
}
