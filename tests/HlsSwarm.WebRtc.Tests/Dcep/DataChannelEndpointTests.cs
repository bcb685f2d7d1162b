using System.Text;
using HlsSwarm.Netem;
using HlsSwarm.WebRtc.Dcep;
using HlsSwarm.WebRtc.Sctp;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Dcep;

public class DataChannelEndpointTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static DataChannelPair Connected(int seed, NetemConfig? link = null)
    {
        var pair = new DataChannelPair(seed, link ?? new NetemConfig { Latency = TimeSpan.FromMilliseconds(10) });
        pair.A.Association.Connect(0);
        Assert.True(pair.RunUntil(() => pair.EventsA.Any(e => e.Kind == DataChannelEventKind.Connected) && pair.EventsB.Any(e => e.Kind == DataChannelEventKind.Connected), 5 * Second));
        return pair;
    }

    [Fact]
    public void Open_announces_the_channel_to_the_peer_with_its_parameters()
    {
        var pair = Connected(1);
        var id = pair.A.Open("chat", new DataChannelOptions { Ordered = false, MaxRetransmits = 2, Protocol = "p" });
        Assert.Equal((ushort)0, id);
        Assert.True(pair.RunUntil(() => pair.EventsB.Any(e => e.Kind == DataChannelEventKind.ChannelOpen), Second));
        var channel = pair.B.Channels[0];
        Assert.Equal(("chat", "p", DataChannelType.PartialReliableRexmitUnordered, 2u, false), (channel.Label, channel.Protocol, channel.ChannelType, channel.ReliabilityParameter, channel.IsLocal));
        Assert.Contains(pair.EventsA, e => e.Kind == DataChannelEventKind.ChannelOpen && e.ChannelId == 0);
        Assert.True(pair.RunUntil(() => pair.A.Channels[0].Acked, Second));
    }

    [Fact]
    public void Ids_follow_dtls_role_parity()
    {
        var pair = Connected(2);
        Assert.Equal([(ushort)0, (ushort)2], new[] { pair.A.Open("a")!.Value, pair.A.Open("b")!.Value });
        Assert.Equal([(ushort)1, (ushort)3], new[] { pair.B.Open("c")!.Value, pair.B.Open("d")!.Value });
        Assert.True(pair.RunUntil(() => pair.A.Channels.Count == 4 && pair.B.Channels.Count == 4, Second));
    }

    [Fact]
    public void Open_before_connect_is_announced_once_connected()
    {
        var pair = new DataChannelPair(3, NetemConfig.Perfect);
        var id = pair.A.Open("early")!.Value;
        pair.A.SendText(id, "hello");
        pair.A.Association.Connect(0);
        Assert.True(pair.RunUntil(() => pair.EventsB.Any(e => e.Kind == DataChannelEventKind.Message), Second));
        Assert.Equal("hello", Encoding.UTF8.GetString(pair.EventsB.Single(e => e.Kind == DataChannelEventKind.Message).Data!));
        Assert.Contains(pair.EventsA, e => e.Kind == DataChannelEventKind.ChannelOpen);
    }

    [Fact]
    public void String_binary_and_empty_messages_keep_their_kind()
    {
        var pair = Connected(4);
        var id = pair.A.Open("x")!.Value;
        pair.A.SendText(id, "héllo");
        pair.A.SendText(id, "");
        pair.A.Send(id, [1, 2, 3]);
        pair.A.Send(id, []);
        Assert.True(pair.RunUntil(() => pair.EventsB.Count(e => e.Kind == DataChannelEventKind.Message) == 4, Second));
        var got = pair.EventsB.Where(e => e.Kind == DataChannelEventKind.Message).ToList();
        Assert.Equal([true, true, false, false], got.Select(e => e.IsString));
        Assert.Equal("héllo", Encoding.UTF8.GetString(got[0].Data!));
        Assert.Empty(got[1].Data!);
        Assert.Equal([1, 2, 3], got[2].Data!);
        Assert.Empty(got[3].Data!);
    }

    [Fact]
    public void Big_messages_both_ways_with_loss()
    {
        var pair = Connected(5, new NetemConfig { Latency = TimeSpan.FromMilliseconds(25), Loss = NetemLoss.Uniform(0.02) });
        var id = pair.A.Open("bulk")!.Value;
        Assert.True(pair.RunUntil(() => pair.B.Channels.ContainsKey(id), Second));
        var big = new byte[256 * 1024];
        new Random(5).NextBytes(big);
        pair.A.Send(id, big);
        pair.B.Send(id, big.AsSpan(0, 64 * 1024));
        Assert.True(pair.RunUntil(() => pair.EventsB.Any(e => e.Kind == DataChannelEventKind.Message) && pair.EventsA.Any(e => e.Kind == DataChannelEventKind.Message), TimeSpan.FromMinutes(1)), "seed 5");
        Assert.Equal(big, pair.EventsB.Single(e => e.Kind == DataChannelEventKind.Message).Data);
        Assert.Equal(big.AsSpan(0, 64 * 1024).ToArray(), pair.EventsA.Single(e => e.Kind == DataChannelEventKind.Message).Data);
    }

    [Fact]
    public void Timed_partially_reliable_channel_drops_late_messages_without_wedging()
    {
        var pair = Connected(10, new NetemConfig { Latency = TimeSpan.FromMilliseconds(40), Loss = NetemLoss.Uniform(0.25) });
        var lossy = pair.A.Open("video", new DataChannelOptions { Ordered = false, MaxPacketLifeTime = 100 })!.Value;
        var reliable = pair.A.Open("control")!.Value;
        Assert.True(pair.RunUntil(() => pair.A.Channels[lossy].Acked && pair.A.Channels[reliable].Acked, TimeSpan.FromSeconds(30)));
        // Five messages every 100 ms, as a live source would; each may live 100 ms from its Send.
        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                pair.A.Send(lossy, new byte[2000]);
            }

            pair.RunUntil(() => false, TimeSpan.FromMilliseconds(100));
        }

        pair.A.SendText(reliable, "end");
        Assert.True(pair.RunUntil(() => pair.EventsB.Any(e => e.ChannelId == reliable && e.Kind == DataChannelEventKind.Message) && pair.A.GetBufferedAmount(lossy) == 0, TimeSpan.FromMinutes(2)), "seed 10");
        var arrived = pair.EventsB.Count(e => e.ChannelId == lossy && e.Kind == DataChannelEventKind.Message);
        Assert.InRange(arrived, 10, 99);
        Assert.True(pair.A.Association.Stats.MessagesAbandoned > 0);
    }

    [Fact]
    public void Peer_initiated_close_closes_our_side_too()
    {
        var pair = Connected(11);
        var id = pair.A.Open("x")!.Value;
        Assert.True(pair.RunUntil(() => pair.B.Channels.ContainsKey(id), Second));
        pair.B.Close(id);
        Assert.True(pair.RunUntil(() => pair.EventsA.Any(e => e.Kind == DataChannelEventKind.ChannelClosed) && pair.EventsB.Any(e => e.Kind == DataChannelEventKind.ChannelClosed), 5 * Second));
        Assert.Empty(pair.A.Channels);
    }

    [Fact]
    public void Buffered_amount_falls_and_signals_low_water()
    {
        var pair = Connected(6);
        var id = pair.A.Open("x")!.Value;
        pair.A.Channels[id].BufferedAmountLowThreshold = 100_000;
        for (var i = 0; i < 10; i++)
        {
            pair.A.Send(id, new byte[50_000]);
        }

        Assert.True(pair.A.GetBufferedAmount(id) >= 500_000);
        Assert.True(pair.RunUntil(() => pair.EventsA.Any(e => e.Kind == DataChannelEventKind.BufferedAmountLow), 10 * Second));
        Assert.True(pair.A.GetBufferedAmount(id) <= 100_000);
        Assert.True(pair.RunUntil(() => pair.A.GetBufferedAmount(id) == 0, 10 * Second));
        Assert.Single(pair.EventsA, e => e.Kind == DataChannelEventKind.BufferedAmountLow);
    }

    [Fact]
    public void Close_resets_both_directions_and_the_id_can_be_reused()
    {
        var pair = Connected(7);
        var id = pair.A.Open("x")!.Value;
        pair.A.SendText(id, "one");
        pair.A.Close(id);
        Assert.Equal(SctpSendResult.NotOpen, pair.A.SendText(id, "late"));
        Assert.True(pair.RunUntil(() => pair.EventsA.Any(e => e.Kind == DataChannelEventKind.ChannelClosed) && pair.EventsB.Any(e => e.Kind == DataChannelEventKind.ChannelClosed), 5 * Second));
        Assert.Empty(pair.A.Channels);
        Assert.Empty(pair.B.Channels);
        Assert.Single(pair.EventsB, e => e.Kind == DataChannelEventKind.Message);

        // Reopen: the lowest free id is the one just closed, and the stream restarted at SSN 0 on both sides.
        var again = pair.A.Open("y")!.Value;
        Assert.Equal(id, again);
        pair.A.SendText(again, "two");
        Assert.True(pair.RunUntil(() => pair.EventsB.Count(e => e.Kind == DataChannelEventKind.Message) == 2, 5 * Second));
        Assert.Equal("y", pair.B.Channels[again].Label);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void After_a_close_either_side_reopens_on_the_same_id_and_both_directions_carry_data(bool closedByOpener)
    {
        // As against Chromium: B (DTLS server, odd ids) opens, one side closes, then B opens again on the id just
        // released (RFC 6525 reset completed in both directions) and A opens its own next channel as well.
        var pair = Connected(17, new NetemConfig { Latency = TimeSpan.FromMilliseconds(25) });
        var first = pair.B.Open("first")!.Value;
        Assert.True(pair.RunUntil(() => pair.A.Channels.ContainsKey(first), Second));
        Assert.Equal(SctpSendResult.Queued, pair.A.SendText(first, "a1"));
        Assert.Equal(SctpSendResult.Queued, pair.B.SendText(first, "b1"));
        Assert.True(pair.RunUntil(() => Messages(pair.EventsA).Count == 1 && Messages(pair.EventsB).Count == 1, Second));

        (closedByOpener ? pair.B : pair.A).Close(first);
        Assert.True(pair.RunUntil(() => pair.EventsA.Any(e => e.Kind == DataChannelEventKind.ChannelClosed) && pair.EventsB.Any(e => e.Kind == DataChannelEventKind.ChannelClosed), 5 * Second));
        Assert.Empty(pair.A.Channels);
        Assert.Empty(pair.B.Channels);

        var reopened = pair.B.Open("second")!.Value;
        var ours = pair.A.Open("third")!.Value;
        Assert.Equal(first, reopened);
        Assert.Equal((ushort)0, ours);
        Assert.True(pair.RunUntil(() => pair.A.Channels.ContainsKey(reopened) && pair.B.Channels.ContainsKey(ours), Second));
        Assert.Equal(("second", "third"), (pair.A.Channels[reopened].Label, pair.B.Channels[ours].Label));
        foreach (var id in new[] { reopened, ours })
        {
            Assert.Equal(SctpSendResult.Queued, pair.A.Send(id, new byte[70_000]));
            Assert.Equal(SctpSendResult.Queued, pair.B.Send(id, new byte[70_000]));
        }

        Assert.True(pair.RunUntil(() => Messages(pair.EventsA).Count == 3 && Messages(pair.EventsB).Count == 3, 5 * Second));
        Assert.All(Messages(pair.EventsA).Skip(1).Concat(Messages(pair.EventsB).Skip(1)), m => Assert.Equal(70_000, m.Data!.Length));
        Assert.Equal(new[] { reopened, ours }.Order(), Messages(pair.EventsA).Skip(1).Select(m => m.ChannelId).Order());
        Assert.Equal(new[] { reopened, ours }.Order(), Messages(pair.EventsB).Skip(1).Select(m => m.ChannelId).Order());
    }

    [Fact]
    public void An_open_on_an_id_in_use_is_ignored()
    {
        var pair = Connected(19);
        var id = pair.B.Open("one")!.Value;
        Assert.True(pair.RunUntil(() => pair.A.Channels.ContainsKey(id), Second));
        pair.B.Association.Send(id, DataChannelPpid.Dcep, new DcepOpen(DataChannelType.Reliable, 0, 0, "two", "").ToArray(), true, default);
        pair.RunFor(Second);
        Assert.Equal("one", pair.A.Channels[id].Label);
        Assert.DoesNotContain(pair.EventsA, e => e.Kind == DataChannelEventKind.ChannelClosed);
    }

    private static List<DataChannelEvent> Messages(List<DataChannelEvent> events) =>
        events.Where(e => e.Kind == DataChannelEventKind.Message).ToList();

    [Fact]
    public void Open_on_the_wrong_parity_is_ignored()
    {
        var pair = Connected(8);

        // B is the DTLS server: an OPEN it receives must come on an even id. Send one on an odd id from A.
        pair.A.Association.Send(5, DataChannelPpid.Dcep, new DcepOpen(DataChannelType.Reliable, 0, 0, "bad", "").ToArray(), true, default);
        pair.A.Association.Send(4, DataChannelPpid.Dcep, new DcepOpen(DataChannelType.Reliable, 0, 0, "good", "").ToArray(), true, default);
        Assert.True(pair.RunUntil(() => pair.B.Channels.ContainsKey(4), Second));
        Assert.False(pair.B.Channels.ContainsKey(5));
    }

    [Fact]
    public void Association_abort_closes_every_channel()
    {
        var pair = Connected(9);
        pair.A.Open("a");
        pair.A.Open("b");
        Assert.True(pair.RunUntil(() => pair.B.Channels.Count == 2, Second));
        pair.A.Association.Abort("done");
        Assert.True(pair.RunUntil(() => pair.EventsB.Any(e => e.Kind == DataChannelEventKind.Closed), Second));
        Assert.Equal(2, pair.EventsB.Count(e => e.Kind == DataChannelEventKind.ChannelClosed));
    }
}
