using System.Net;
using System.Net.WebSockets;
using System.Text;
using HlsSwarm.Tracker.AspNetCore;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static HlsSwarm.Tracker.Tests.Messages;

namespace HlsSwarm.Tracker.Tests.Endpoint;

public class HostileInputTests
{
    [Theory]
    [InlineData("{\"action\":", "invalid message: not JSON")]
    [InlineData("[\"announce\"]", "invalid message: not a JSON object")]
    [InlineData("12345", "invalid message: not a JSON object")]
    [InlineData("\"a string\"", "invalid message: not a JSON object")]
    [InlineData("{\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\"}", "invalid message: missing action")]
    [InlineData("{\"action\":\"hello\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\"}", "invalid action")]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\"}", "invalid info_hash")]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAAA\"}", "invalid peer_id")]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAA\u0101\"}", "invalid peer_id")]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\",\"to_peer_id\":\"-PM0203-BYSTANDER000\",\"answer\":{\"type\":\"answer\",\"sdp\":\"x\"},\"offer_id\":\"\u4e2d23456789012345678901\"}", "invalid offer_id")]
    public async Task Malformed_messages_get_a_failure_reply_and_nothing_else_breaks(string json, string reason)
    {
        await using var server = await TrackerServer.StartAsync();
        await using var probe = await SwarmProbe.JoinAsync(server);
        await using var hostile = await TestClient.ConnectAsync(server.WebSocket);

        await hostile.SendAsync(json);
        var failure = await hostile.ReceiveAsync();

        Assert.Equal("announce", failure.GetProperty("action").GetString());
        Assert.Equal(reason, failure.GetProperty("failure reason").GetString());
        Assert.Equal(WebSocketState.Open, hostile.Socket.State);
        await probe.AssertRelaysWorkAsync();
        // The same socket still works after its bad message.
        await hostile.SendAsync(Announce(InfoHash2, PeerA));
        Assert.True((await hostile.ReceiveAsync()).TryGetProperty("interval", out _));
    }

    [Fact]
    public async Task Binary_frames_with_json_work_and_binary_garbage_gets_a_failure()
    {
        await using var server = await TrackerServer.StartAsync();
        await using var probe = await SwarmProbe.JoinAsync(server);
        await using var client = await TestClient.ConnectAsync(server.WebSocket);

        await client.SendBytesAsync(Encoding.UTF8.GetBytes(Announce(InfoHash2, PeerA)), WebSocketMessageType.Binary);
        var reply = await client.ReceiveAsync();
        Assert.Equal(InfoHash2, reply.GetProperty("info_hash").GetString());

        var garbage = new byte[3000];
        new Random(7).NextBytes(garbage);
        garbage[0] = 0xFF;
        await client.SendBytesAsync(garbage, WebSocketMessageType.Binary);
        var failure = await client.ReceiveAsync();
        Assert.Equal("announce", failure.GetProperty("action").GetString());
        Assert.Equal("invalid message: not UTF-8", failure.GetProperty("failure reason").GetString());

        await client.SendBytesAsync([], WebSocketMessageType.Text);
        Assert.Equal("invalid message: not JSON", (await client.ReceiveAsync()).GetProperty("failure reason").GetString());
        await probe.AssertRelaysWorkAsync();
    }

    [Fact]
    public async Task Oversized_message_closes_only_that_connection_with_1009()
    {
        await using var server = await TrackerServer.StartAsync(endpoint: new TrackerEndpointOptions { MaxFrameBytes = 64 * 1024 });
        await using var probe = await SwarmProbe.JoinAsync(server);
        await using var big = await TestClient.ConnectAsync(server.WebSocket);

        // Exactly the limit is accepted (a failure reply: it is not an announce)…
        var atLimit = "{\"action\":\"scrape\",\"x\":\"" + new string('a', (64 * 1024) - 26) + "\"}";
        Assert.Equal(64 * 1024, Encoding.UTF8.GetByteCount(atLimit));
        await big.SendAsync(atLimit);
        Assert.Equal("scrape", (await big.ReceiveAsync()).GetProperty("action").GetString());

        // …one byte more is not, even when sent in fragments.
        var tooBig = Encoding.UTF8.GetBytes(atLimit.Insert(30, "a"));
        await big.Socket.SendAsync(tooBig.AsMemory(0, 40_000), WebSocketMessageType.Text, false, default);
        await big.Socket.SendAsync(tooBig.AsMemory(40_000), WebSocketMessageType.Text, true, default);
        var (status, description) = await big.WaitForCloseAsync();
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, status);
        Assert.Equal("message larger than 65536 bytes", description);

        await probe.AssertRelaysWorkAsync();
        var stats = await StatsTests.GetStatsAsync(server);
        Assert.Equal(1, stats.GetProperty("closesByReason").GetProperty("messageTooBig").GetInt64());
    }

    [Fact]
    public async Task Answer_flood_is_rate_limited_on_the_flooder_only()
    {
        await using var server = await TrackerServer.StartAsync(new TrackerOptions { AnnounceBurst = 20, AnnouncesPerSecond = 1, RateLimitedMessagesBeforeClose = 0 });
        await using var probe = await SwarmProbe.JoinAsync(server);
        await using var flooder = await TestClient.ConnectAsync(server.WebSocket);

        for (var i = 0; i < 300; i++)
        {
            await flooder.SendAsync(Answer(InfoHash, PeerA, SwarmProbe.BystanderId, OfferId(i)));
        }

        // The flooder is told to slow down; the bystander got at most burst + refill answers.
        var failures = 0;
        while (!await flooder.NothingWithinAsync(TimeSpan.FromMilliseconds(300)))
        {
            failures++;
        }

        Assert.InRange(failures, 250, 280);
        var answers = 0;
        while (!await probe.Bystander.NothingWithinAsync(TimeSpan.FromMilliseconds(300)))
        {
            answers++;
        }

        Assert.InRange(answers, 20, 50);
        Assert.Equal(WebSocketState.Open, flooder.Socket.State);
        await probe.AssertRelaysWorkAsync();
    }

    [Fact]
    public async Task Ten_thousand_announces_on_one_socket_are_rate_limited_then_closed_with_reason()
    {
        await using var server = await TrackerServer.StartAsync(new TrackerOptions { AnnounceBurst = 50, AnnouncesPerSecond = 10, RateLimitedMessagesBeforeClose = 1000 });
        await using var probe = await SwarmProbe.JoinAsync(server);
        await using var flooder = await TestClient.ConnectAsync(server.WebSocket);
        var message = Encoding.UTF8.GetBytes(Announce(InfoHash, PeerA, offers: 1));

        var receiving = Task.Run(async () =>
        {
            int ok = 0, limited = 0;
            while (true)
            {
                var (type, bytes) = await flooder.ReceiveRawAsync(TimeSpan.FromSeconds(20));
                if (type == WebSocketMessageType.Close)
                {
                    return (ok, limited, flooder.Socket.CloseStatus, flooder.Socket.CloseStatusDescription);
                }

                var text = Encoding.UTF8.GetString(bytes);
                if (text.Contains("\"interval\"", StringComparison.Ordinal)) ok++;
                else if (text.Contains("rate limit exceeded", StringComparison.Ordinal)) limited++;
            }
        });

        var sent = 0;
        try
        {
            for (; sent < 10_000; sent++)
            {
                await flooder.Socket.SendAsync(message, WebSocketMessageType.Text, true, default);
            }
        }
        catch (WebSocketException)
        {
            // The server closed us part-way: expected.
        }

        var (ok, limited, status, description) = await receiving;
        var seen = $"sent {sent}, ok {ok}, limited {limited}, close {status} '{description}', state {flooder.Socket.State}";
        Assert.True(ok is >= 50 and <= 80, seen);
        Assert.True(limited == 1000, seen);
        Assert.True(status == WebSocketCloseStatus.PolicyViolation, seen);
        Assert.Equal("rate limit exceeded: too many messages per second", description);
        await probe.AssertRelaysWorkAsync();
    }

    [Fact]
    public async Task Connections_per_ip_limit_refuses_the_upgrade_with_429()
    {
        await using var server = await TrackerServer.StartAsync(endpoint: new TrackerEndpointOptions { MaxConnectionsPerIp = 3 });
        await using var probe = await SwarmProbe.JoinAsync(server);
        await using var c2 = await TestClient.ConnectAsync(server.WebSocket);
        await using var c3 = await TestClient.ConnectAsync(server.WebSocket);

        var ws = new ClientWebSocket();
        ws.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(server.WebSocket, default));
        Assert.Equal(HttpStatusCode.TooManyRequests, ws.HttpStatusCode);
        ws.Dispose();

        await c3.DisposeAsync();
        await WaitUntilAsync(async () => (await StatsTests.GetStatsAsync(server)).GetProperty("connections").GetInt64() == 2);
        await probe.AssertRelaysWorkAsync();
    }

    [Fact]
    public async Task Origin_allow_list_refuses_other_origins_with_403()
    {
        await using var server = await TrackerServer.StartAsync(endpoint: new TrackerEndpointOptions { AllowedOrigins = ["https://good.example"] });
        foreach (var origin in new[] { "https://evil.example", null })
        {
            var ws = new ClientWebSocket();
            ws.Options.CollectHttpResponseDetails = true;
            if (origin is not null)
            {
                ws.Options.SetRequestHeader("Origin", origin);
            }

            await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(server.WebSocket, default));
            Assert.Equal(HttpStatusCode.Forbidden, ws.HttpStatusCode);
            ws.Dispose();
        }

        await using var good = await TestClient.ConnectAsync(server.WebSocket, "https://good.example");
        await good.SendAsync(Announce(InfoHash, PeerA));
        Assert.True((await good.ReceiveAsync()).TryGetProperty("interval", out _));
        var stats = await StatsTests.GetStatsAsync(server);
        Assert.Equal(2, stats.GetProperty("rejectedUpgrades").GetProperty("origin").GetInt64());
    }

    [Fact]
    public async Task Idle_connection_is_closed_in_virtual_time_and_others_stay()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var server = await TrackerServer.StartAsync(
            new TrackerOptions { AnnounceInterval = TimeSpan.FromSeconds(20) },
            new TrackerEndpointOptions { IdleTimeout = TimeSpan.FromSeconds(60) },
            time);
        await using var idle = await TestClient.ConnectAsync(server.WebSocket);
        await using var active = await TestClient.ConnectAsync(server.WebSocket);
        await idle.SendAsync(Announce(InfoHash, PeerA));
        await idle.ReceiveAsync();

        for (var s = 0; s < 61; s += 5)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await active.SendAsync(Announce(InfoHash2, PeerB, evt: null));
            await active.ReceiveAsync();
        }

        var (status, description) = await idle.WaitForCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("idle timeout", description);
        await active.SendAsync(Announce(InfoHash2, PeerB, evt: null));
        Assert.True((await active.ReceiveAsync()).TryGetProperty("interval", out _));
        await WaitUntilAsync(async () => (await StatsTests.GetStatsAsync(server)).GetProperty("peersPerSwarm").TryGetProperty(InfoHash, out _) == false);
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 5 s");
            await Task.Delay(20);
        }
    }
}
