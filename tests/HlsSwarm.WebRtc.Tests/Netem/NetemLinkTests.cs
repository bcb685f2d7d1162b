using FsCheck.Xunit;
using HlsSwarm.Netem;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Netem;

public class NetemLinkTests
{
    private static readonly long Ms = TimeSpan.TicksPerMillisecond;

    private static List<(long At, byte[] Data)> Drain(NetemLink link)
    {
        var got = new List<(long, byte[])>();
        while (link.PollTimeout() is { } due)
        {
            while (link.TryReceive(due, out var d))
            {
                got.Add((due, d));
            }
        }

        return got;
    }

    [Fact]
    public void Perfect_link_delivers_immediately_in_order()
    {
        var link = new NetemLink(NetemConfig.Perfect, new Random(1));
        link.Send(0, [1]);
        link.Send(0, [2]);
        Assert.True(link.TryReceive(0, out var a));
        Assert.True(link.TryReceive(0, out var b));
        Assert.Equal([1], a);
        Assert.Equal([2], b);
        Assert.False(link.TryReceive(0, out _));
        Assert.Null(link.PollTimeout());
    }

    [Fact]
    public void Latency_holds_datagrams_until_due()
    {
        var link = new NetemLink(new NetemConfig { Latency = TimeSpan.FromMilliseconds(50) }, new Random(1));
        link.Send(10 * Ms, [7]);
        Assert.Equal(60 * Ms, link.PollTimeout());
        Assert.False(link.TryReceive(59 * Ms, out _));
        Assert.True(link.TryReceive(60 * Ms, out var d));
        Assert.Equal([7], d);
    }

    [Fact]
    public void Jitter_stays_within_bounds()
    {
        var link = new NetemLink(new NetemConfig { Latency = TimeSpan.FromMilliseconds(20), Jitter = TimeSpan.FromMilliseconds(10), JitterReorders = true }, new Random(3));
        for (var i = 0; i < 500; i++)
        {
            link.Send(0, [(byte)i]);
        }

        var got = Drain(link);
        Assert.Equal(500, got.Count);
        Assert.All(got, g => Assert.InRange(g.At, 20 * Ms, 30 * Ms));
        Assert.True(got.Select(g => g.At).Distinct().Count() > 100);
        Assert.NotEqual(Enumerable.Range(0, 500), got.Select(g => (int)g.Data[0]));
    }

    [Fact]
    public void Jitter_keeps_order_by_default()
    {
        var link = new NetemLink(new NetemConfig { Latency = TimeSpan.FromMilliseconds(20), Jitter = TimeSpan.FromMilliseconds(10) }, new Random(3));
        for (var i = 0; i < 200; i++)
        {
            link.Send(i * Ms / 10, [(byte)i]);
        }

        var got = Drain(link);
        Assert.Equal(Enumerable.Range(0, 200), got.Select(g => (int)g.Data[0]));
        Assert.All(got.Select((g, i) => g.At - (i * Ms / 10)), d => Assert.InRange(d, 20 * Ms, 31 * Ms));
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.05)]
    [InlineData(0.3)]
    public void Uniform_loss_matches_probability(double p)
    {
        var link = new NetemLink(new NetemConfig { Loss = NetemLoss.Uniform(p) }, new Random(42));
        const int n = 20000;
        for (var i = 0; i < n; i++)
        {
            link.Send(0, [0]);
        }

        var rate = (double)link.Stats.Lost / n;
        Assert.InRange(rate, p * 0.8, p * 1.2);
        Assert.Equal(n - link.Stats.Lost, Drain(link).Count);
    }

    [Fact]
    public void Gilbert_elliott_loss_comes_in_bursts()
    {
        // Mean burst length 1 / BadToGood = 5; stationary bad share = 0.01 / (0.01 + 0.2) ≈ 4.8 %.
        var link = new NetemLink(new NetemConfig { Loss = NetemLoss.GilbertElliott(0.01, 0.2) }, new Random(5));
        var delivered = new bool[50000];
        for (var i = 0; i < delivered.Length; i++)
        {
            link.Send(i, [0]);
            delivered[i] = link.TryReceive(i, out _);
        }

        var lost = delivered.Count(d => !d);
        var bursts = delivered.Where((d, i) => !d && (i == 0 || delivered[i - 1])).Count();
        Assert.InRange((double)lost / delivered.Length, 0.03, 0.07);
        Assert.InRange((double)lost / bursts, 3.5, 7);
    }

    [Fact]
    public void Reordering_lets_later_datagrams_overtake()
    {
        var link = new NetemLink(new NetemConfig { Latency = TimeSpan.FromMilliseconds(5), ReorderProbability = 0.2, ReorderDelay = TimeSpan.FromMilliseconds(10) }, new Random(9));
        for (var i = 0; i < 200; i++)
        {
            link.Send(i * Ms, [(byte)i]);
        }

        var order = Drain(link).Select(g => (int)g.Data[0]).ToList();
        Assert.Equal(200, order.Count);
        Assert.NotEqual(Enumerable.Range(0, 200), order);
        Assert.Equal(Enumerable.Range(0, 200), order.Order());
        Assert.InRange(link.Stats.Reordered, 20, 60);
    }

    [Fact]
    public void Duplication_delivers_copies()
    {
        var link = new NetemLink(new NetemConfig { DuplicateProbability = 0.1 }, new Random(11));
        for (var i = 0; i < 1000; i++)
        {
            link.Send(0, [1]);
        }

        Assert.Equal(1000 + link.Stats.Duplicated, Drain(link).Count);
        Assert.InRange(link.Stats.Duplicated, 70, 130);
    }

    [Fact]
    public void Rate_limit_serialises_and_drops_at_the_tail()
    {
        // 8 Mbit/s = 1 byte per microsecond: a 1000-byte datagram takes 1 ms.
        var link = new NetemLink(new NetemConfig { RateBitsPerSecond = 8_000_000, QueueLimitBytes = 10_000 }, new Random(1));
        for (var i = 0; i < 20; i++)
        {
            link.Send(0, new byte[1000]);
        }

        Assert.Equal(10, link.Stats.QueueDropped);
        var got = Drain(link);
        Assert.Equal(10, got.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i * Ms), got.Select(g => g.At));
    }

    [Property(MaxTest = 200)]
    public void Every_datagram_is_delivered_lost_or_dropped(int seed, byte lossPercent, byte dupPercent, byte reorderPercent, bool rate)
    {
        var config = new NetemConfig
        {
            Latency = TimeSpan.FromMilliseconds(seed & 63),
            Jitter = TimeSpan.FromMilliseconds(seed & 7),
            Loss = NetemLoss.Uniform(lossPercent % 50 / 100.0),
            DuplicateProbability = dupPercent % 30 / 100.0,
            ReorderProbability = reorderPercent % 30 / 100.0,
            RateBitsPerSecond = rate ? 1_000_000 : 0,
            QueueLimitBytes = 20_000,
        };
        var link = new NetemLink(config, new Random(seed));
        for (var i = 0; i < 300; i++)
        {
            link.Send(i * Ms, new byte[(i % 1200) + 1]);
        }

        var got = Drain(link);
        var s = link.Stats;
        Assert.Equal(s.Sent + s.Duplicated - s.Lost - s.QueueDropped, got.Count);
        Assert.Equal(got.Count, s.Delivered);
        Assert.Equal(0, link.InFlight);
        Assert.True(got.Zip(got.Skip(1)).All(p => p.First.At <= p.Second.At));
    }

    [Fact]
    public void Same_seed_gives_same_run()
    {
        static string Run(int seed)
        {
            var link = new NetemLink(new NetemConfig { Latency = TimeSpan.FromMilliseconds(10), Jitter = TimeSpan.FromMilliseconds(5), Loss = NetemLoss.Uniform(0.1), DuplicateProbability = 0.05, ReorderProbability = 0.05 }, new Random(seed));
            for (var i = 0; i < 300; i++)
            {
                link.Send(i * Ms, [(byte)i]);
            }

            return string.Join(",", Drain(link).Select(g => $"{g.At}:{g.Data[0]}"));
        }

        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }
}
