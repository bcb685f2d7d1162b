using Xunit;

namespace HlsSwarm.Tracker.Tests.Endpoint;

/// <summary>
/// A well-behaved peer ("bystander") in a swarm; <see cref="AssertRelaysWorkAsync"/> proves, after some hostile
/// act, that the server is up and a new peer's offer still reaches the bystander and its answer comes back.
/// </summary>
public sealed class SwarmProbe : IAsyncDisposable
{
    private readonly TrackerServer _server;
    private readonly string _infoHash;
    private int _round;

    private SwarmProbe(TrackerServer server, TestClient bystander, string infoHash)
    {
        _server = server;
        Bystander = bystander;
        _infoHash = infoHash;
    }

    public const string BystanderId = "-PM0203-BYSTANDER000";

    public TestClient Bystander { get; }

    public static async Task<SwarmProbe> JoinAsync(TrackerServer server, string infoHash = Messages.InfoHash)
    {
        var b = await TestClient.ConnectAsync(server.WebSocket);
        await b.SendAsync(Messages.Announce(infoHash, BystanderId));
        var reply = await b.ReceiveAsync();
        Assert.Equal("announce", reply.GetProperty("action").GetString());
        return new SwarmProbe(server, b, infoHash);
    }

    /// <summary>A fresh peer announces to everyone (5 offers); the bystander receives one and answers it.</summary>
    public async Task AssertRelaysWorkAsync()
    {
        var peer = $"-PM0203-PROBE{++_round:D7}";
        await using var newcomer = await TestClient.ConnectAsync(_server.Announce);
        await newcomer.SendAsync(Messages.Announce(_infoHash, peer, offers: 5));
        var reply = await newcomer.ReceiveAsync();
        Assert.True(reply.TryGetProperty("interval", out _), reply.ToString());

        // The bystander may have unread traffic from the hostile act; skip until this newcomer's offer.
        while (true)
        {
            var m = await Bystander.ReceiveAsync();
            if (m.TryGetProperty("offer", out _) && m.GetProperty("peer_id").GetString() == peer)
            {
                await Bystander.SendAsync(Messages.Answer(_infoHash, BystanderId, peer, m.GetProperty("offer_id").GetString()!));
                break;
            }
        }

        var answer = await newcomer.ReceiveAsync();
        Assert.Equal(BystanderId, answer.GetProperty("peer_id").GetString());
        Assert.Equal("answer", answer.GetProperty("answer").GetProperty("type").GetString());
    }

    public ValueTask DisposeAsync() => Bystander.DisposeAsync();
}
