using System.Net;
using System.Text.Json;
using Xunit;

namespace HlsSwarm.Server.Tests;

public class VodOriginTests
{
    [Theory]
    [InlineData("master.m3u8")]
    [InlineData("360p/index.m3u8")]
    [InlineData("240p/index.m3u8")]
    public async Task Playlists_are_the_committed_files_with_cors(string path)
    {
        await using var server = await RunningServer.StartAsync();
        using var response = await server.Client.GetAsync($"/demo/vod/{path}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.apple.mpegurl", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal(DemoFiles.Read(path), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Every_segment_is_the_committed_file_and_the_counters_grow_by_exactly_the_bytes_served()
    {
        await using var server = await RunningServer.StartAsync();
        long expected = 0;
        var requests = 0;
        foreach (var rendition in DemoFiles.Renditions)
        {
            for (var i = 0; i < 60; i++)
            {
                using var response = await server.Client.GetAsync($"/demo/vod/{rendition}/seg-{i}.ts");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("video/mp2t", response.Content.Headers.ContentType!.MediaType);
                var body = await response.Content.ReadAsByteArrayAsync();
                Assert.Equal(DemoFiles.Read($"{rendition}/seg-{i}.ts"), body);
                expected += body.Length;
                requests++;
            }
        }
        var master = await server.Client.GetByteArrayAsync("/demo/vod/master.m3u8");

        var stats = await GetStatsAsync(server);
        Assert.Equal(requests, stats.GetProperty("vod").GetProperty("segments").GetProperty("requests").GetInt64());
        Assert.Equal(expected, stats.GetProperty("vod").GetProperty("segments").GetProperty("bytes").GetInt64());
        Assert.Equal(1, stats.GetProperty("vod").GetProperty("playlists").GetProperty("requests").GetInt64());
        Assert.Equal(master.Length, stats.GetProperty("vod").GetProperty("playlists").GetProperty("bytes").GetInt64());
        Assert.Equal(0, stats.GetProperty("live").GetProperty("bytes").GetInt64());
        Assert.Equal(expected + master.Length, stats.GetProperty("totalBytes").GetInt64());
    }

    [Fact]
    public async Task Rejected_requests_are_not_counted_as_served_bytes()
    {
        await using var server = await RunningServer.StartAsync();
        using var missing = await server.Client.GetAsync("/demo/vod/360p/seg-60.ts");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var stats = await GetStatsAsync(server);
        Assert.Equal(0, stats.GetProperty("totalBytes").GetInt64());
        Assert.Equal(1, stats.GetProperty("rejected").GetInt64());
    }

    [Fact]
    public async Task Prometheus_counters_grow_with_the_bytes_served()
    {
        await using var server = await RunningServer.StartAsync();
        var before = await ReadCounterAsync(server, "hlsswarm_origin_bytes_total{stream=\"vod\",kind=\"segments\"}");
        var body = await server.Client.GetByteArrayAsync("/demo/vod/240p/seg-7.ts");
        var after = await ReadCounterAsync(server, "hlsswarm_origin_bytes_total{stream=\"vod\",kind=\"segments\"}");

        // The default registry is process-wide and other tests run in parallel, so only a lower bound holds here;
        // the per-server JSON counters above are checked exactly.
        Assert.True(after - before >= body.Length, $"counter grew by {after - before}, served {body.Length}");
        var text = await server.Client.GetStringAsync("/metrics");
        Assert.Contains("hlsswarm_origin_requests_total{stream=\"vod\",kind=\"segments\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cors_headers_are_on_errors_and_preflights()
    {
        await using var server = await RunningServer.StartAsync();
        using var notFound = await server.Client.GetAsync("/demo/vod/nope/index.m3u8");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("*", Assert.Single(notFound.Headers.GetValues("Access-Control-Allow-Origin")));

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/demo/live/360p/index.m3u8");
        preflight.Headers.Add("Origin", "https://example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "range");
        using var response = await server.Client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("GET", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Equal("range", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")));
    }

    internal static async Task<JsonElement> GetStatsAsync(RunningServer server)
    {
        var json = await server.Client.GetStringAsync("/demo/stats");
        return JsonDocument.Parse(json).RootElement;
    }

    private static async Task<double> ReadCounterAsync(RunningServer server, string series)
    {
        var text = await server.Client.GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
