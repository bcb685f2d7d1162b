using System.Net;
using HlsSwarm.Tracker.AspNetCore;
using Xunit;

namespace HlsSwarm.Tracker.Tests.Endpoint;

public class RelayEndpointTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Announce_offer_and_answer_are_relayed_between_two_connections(bool connectionLevel)
    {
        await using var server = await TrackerServer.StartAsync(endpoint: new TrackerEndpointOptions { ConnectionLevelWebSockets = connectionLevel });
        await using var a = await TestClient.ConnectAsync(server.Announce);
        await using var b = await TestClient.ConnectAsync(server.WebSocket);

        await a.SendAsync(Messages.Announce(Messages.InfoHash, Messages.PeerA, offers: 5));
        var replyA = await a.ReceiveAsync();
        Assert.Equal("announce", replyA.GetProperty("action").GetString());
        Assert.Equal(1, replyA.GetProperty("incomplete").GetInt32());

        await b.SendAsync(Messages.Announce(Messages.InfoHash, Messages.PeerB, offers: 5));
        var replyB = await b.ReceiveAsync();
        Assert.Equal(2, replyB.GetProperty("incomplete").GetInt32());
        Assert.Equal(Messages.InfoHash, replyB.GetProperty("info_hash").GetString());

        var offer = await a.ReceiveAsync();
        Assert.Equal("announce", offer.GetProperty("action").GetString());
        Assert.Equal(Messages.PeerB, offer.GetProperty("peer_id").GetString());
        Assert.Equal("offer", offer.GetProperty("offer").GetProperty("type").GetString());
        Assert.Equal($"v=0\r\no={Messages.PeerB}-0\r\n", offer.GetProperty("offer").GetProperty("sdp").GetString());
        var offerId = offer.GetProperty("offer_id").GetString()!;

        await a.SendAsync(Messages.Answer(Messages.InfoHash, Messages.PeerA, Messages.PeerB, offerId));
        var answer = await b.ReceiveAsync();
        Assert.Equal(Messages.PeerA, answer.GetProperty("peer_id").GetString());
        Assert.Equal(offerId, answer.GetProperty("offer_id").GetString());
        Assert.Equal("answer", answer.GetProperty("answer").GetProperty("type").GetString());
        Assert.True(await a.NothingWithinAsync(TimeSpan.FromMilliseconds(200)), "the answerer gets no reply");
        var stats = await StatsTests.GetStatsAsync(server);
        Assert.Equal(connectionLevel ? 2 : 0, stats.GetProperty("upgrades").GetProperty("connectionLevel").GetInt64());
        Assert.Equal(connectionLevel ? 0 : 2, stats.GetProperty("upgrades").GetProperty("http").GetInt64());
    }

    [Fact]
    public async Task Plain_get_on_root_falls_through_while_healthz_answers()
    {
        await using var server = await TrackerServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Http };
        var root = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        var health = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", await health.Content.ReadAsStringAsync());
    }
}
