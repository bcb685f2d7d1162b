using System.Net;
using Xunit;

namespace HlsSwarm.Server.Tests;

public class PlayerPageTests
{
    [Fact]
    public async Task Root_serves_the_player_page()
    {
        await using var server = await RunningServer.StartAsync();
        using var response = await server.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<video", html, StringComparison.Ordinal);
        Assert.Contains("/dist/hlsswarm.js", html, StringComparison.Ordinal);
        Assert.Contains("window.hlsswarmPlayer", html, StringComparison.Ordinal);
        Assert.Contains("/demo/live/master.m3u8", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bundle_is_built_and_served()
    {
        await using var server = await RunningServer.StartAsync();
        using var response = await server.Client.GetAsync("/dist/hlsswarm.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var js = await response.Content.ReadAsStringAsync();
        Assert.True(js.Length > 100_000, $"bundle is only {js.Length} characters");
        Assert.StartsWith("var HlsSwarm=", js, StringComparison.Ordinal);
        Assert.Contains("onChunkDownloaded", js, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_websocket_upgrade_to_root_is_left_to_the_tracker()
    {
        await using var server = await RunningServer.StartAsync();
        var status = await RawHttp.GetStatusAsync(server.Client.BaseAddress!, "/", "GET",
            "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
        Assert.NotEqual(200, status); // 101 from the tracker endpoint, 404 from its placeholder: never the page
    }

    [Fact]
    public async Task Health_endpoint_of_the_tracker_is_mapped()
    {
        await using var server = await RunningServer.StartAsync();
        using var response = await server.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
