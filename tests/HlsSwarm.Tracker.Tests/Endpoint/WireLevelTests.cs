using System.Text;
using System.Text.Json;
using HlsSwarm.Tracker.AspNetCore;
using Xunit;
using static HlsSwarm.Tracker.Tests.Messages;

namespace HlsSwarm.Tracker.Tests.Endpoint;

/// <summary>WebSocket frames a browser never sends, sent by hand over TCP.</summary>
public class WireLevelTests
{
    [Fact]
    public async Task Unmasked_client_frame_is_a_protocol_error_closing_only_that_connection()
    {
        await using var server = await TrackerServer.StartAsync();
        await using var probe = await SwarmProbe.JoinAsync(server);
        using var raw = await RawClient.ConnectAsync(server.Http);
        raw.SendFrame(0x1, Encoding.UTF8.GetBytes(Announce(InfoHash, PeerA)), mask: false);
        Assert.Equal((1002, "protocol error"), raw.ReadClose());
        Assert.True(raw.IsClosedByServer());
        await probe.AssertRelaysWorkAsync();
    }

    [Fact]
    public async Task Reserved_bits_are_a_protocol_error()
    {
        await using var server = await TrackerServer.StartAsync();
        using var raw = await RawClient.ConnectAsync(server.Http, "/announce");
        raw.SendFrame(0x1, Encoding.UTF8.GetBytes("{}"), rsv: 0x40);
        Assert.Equal(1002, raw.ReadClose().Code);
    }

    [Fact]
    public async Task Fragmented_message_with_interleaved_ping_is_assembled_and_ping_is_ponged()
    {
        await using var server = await TrackerServer.StartAsync();
        using var raw = await RawClient.ConnectAsync(server.Http);
        var json = Encoding.UTF8.GetBytes(Announce(InfoHash, PeerA, offers: 2));
        raw.SendFrame(0x1, json[..10], fin: false);
        raw.SendFrame(0x9, "ping!"u8.ToArray());
        raw.SendFrame(0x0, json[10..40], fin: false);
        raw.SendFrame(0x0, json[40..], fin: true);

        var (op, payload) = raw.ReadFrame();
        Assert.Equal(0xA, op);
        Assert.Equal("ping!", Encoding.ASCII.GetString(payload));
        var reply = JsonDocument.Parse(raw.ReadText()).RootElement;
        Assert.Equal(120, reply.GetProperty("interval").GetInt32());
    }

    [Fact]
    public async Task Continuation_without_a_start_is_a_protocol_error()
    {
        await using var server = await TrackerServer.StartAsync();
        using var raw = await RawClient.ConnectAsync(server.Http);
        raw.SendFrame(0x0, "{}"u8.ToArray());
        Assert.Equal((1002, "unexpected continuation frame"), raw.ReadClose());
    }

    [Fact]
    public async Task Client_close_is_echoed_with_its_code()
    {
        await using var server = await TrackerServer.StartAsync();
        using var raw = await RawClient.ConnectAsync(server.Http);
        raw.SendFrame(0x8, [0x03, 0xE9]); // 1001 going away
        Assert.Equal(1001, raw.ReadClose().Code);
        Assert.True(raw.IsClosedByServer());
    }

    [Fact]
    public async Task Oversized_single_frame_is_refused_from_its_header_without_buffering()
    {
        await using var server = await TrackerServer.StartAsync(endpoint: new TrackerEndpointOptions { MaxFrameBytes = 4096 });
        using var raw = await RawClient.ConnectAsync(server.Http);
        raw.SendFrame(0x1, new byte[1_000_000]);
        Assert.Equal((1009, "message larger than 4096 bytes"), raw.ReadClose());
    }

    [Fact]
    public async Task Plain_http_requests_on_a_sniffed_connection_still_work_with_keep_alive()
    {
        await using var server = await TrackerServer.StartAsync();
        using var raw = await RawClient.ConnectTcpAsync(server.Http);
        var health = await raw.RequestAsync($"GET /healthz HTTP/1.1\r\nHost: {server.Http.Authority}\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200", health, StringComparison.Ordinal);
        Assert.EndsWith("ok", health, StringComparison.Ordinal);
        var root = await raw.RequestAsync($"GET / HTTP/1.1\r\nHost: {server.Http.Authority}\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 404", root, StringComparison.Ordinal);

        // An upgrade arriving later on a kept-alive connection takes the HTTP path.
        var upgrade = await raw.RequestAsync($"GET /announce HTTP/1.1\r\nHost: {server.Http.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 101", upgrade, StringComparison.Ordinal);
        Assert.Contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", upgrade, StringComparison.Ordinal);
        raw.SendText(Announce(InfoHash, PeerA));
        Assert.Contains("\"interval\":120", raw.ReadText(), StringComparison.Ordinal);
        var stats = await StatsTests.GetStatsAsync(server);
        Assert.Equal(1, stats.GetProperty("upgrades").GetProperty("http").GetInt64());
    }

    [Fact]
    public async Task Slow_reader_is_disconnected_and_others_are_unaffected()
    {
        await using var server = await TrackerServer.StartAsync(
            new TrackerOptions { AnnounceBurst = 1_000_000, AnnouncesPerSecond = 1_000_000, MaxSwarmsPerConnection = 200, MaxPeerIdsPerConnection = 200 },
            new TrackerEndpointOptions { MaxFrameBytes = 4096, MaxSendQueueBytes = 64 * 1024 });
        await using var probe = await SwarmProbe.JoinAsync(server);
        using var slow = await RawClient.ConnectAsync(server.Http);
        for (var i = 0; i < 150; i++)
        {
            slow.SendText(Announce($"SLOW-SWARM-{i:D9}", PeerA));
        }

        // Each scrape-all reply is ~10 KB; the slow client never reads them.
        var scrape = Encoding.UTF8.GetBytes("{\"action\":\"scrape\"}");
        try
        {
            for (var i = 0; i < 5000; i++)
            {
                slow.SendFrame(0x1, scrape);
            }
        }
        catch (IOException)
        {
            // Aborted while still sending: expected.
        }

        await HostileInputTests.WaitUntilAsync(async () =>
            (await StatsTests.GetStatsAsync(server)).GetProperty("closesByReason").GetProperty("slowReader").GetInt64() == 1);
        await HostileInputTests.WaitUntilAsync(async () => (await StatsTests.GetStatsAsync(server)).GetProperty("connections").GetInt64() == 1);
        await probe.AssertRelaysWorkAsync();
    }
}
