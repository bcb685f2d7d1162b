using System.Net;
using HlsSwarm.Server.Analytics;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace HlsSwarm.Server.Tests.Analytics;

public class BeaconRateLimiterTests
{
    [Fact]
    public void The_burst_passes_then_tokens_refill_at_the_rate()
    {
        var time = new FakeTimeProvider();
        var limiter = new BeaconRateLimiter(perSecond: 10, burst: 20, time);
        var ip = IPAddress.Parse("192.0.2.1");
        Assert.All(Enumerable.Range(0, 20), i => Assert.True(limiter.TryAcquire(ip, out _)));
        Assert.False(limiter.TryAcquire(ip, out var retry));
        Assert.Equal(TimeSpan.FromMilliseconds(100), retry);
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.True(limiter.TryAcquire(ip, out _));
        Assert.True(limiter.TryAcquire(ip, out _));
        Assert.False(limiter.TryAcquire(ip, out _));
        // A long pause refills to the burst, not beyond.
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(20, Enumerable.Range(0, 30).Count(i => limiter.TryAcquire(ip, out _)));
    }

    [Fact]
    public void Addresses_have_separate_buckets_and_mapped_ipv4_is_the_same_client()
    {
        var limiter = new BeaconRateLimiter(1, 2, new FakeTimeProvider());
        var a = IPAddress.Parse("192.0.2.1");
        Assert.True(limiter.TryAcquire(a, out _));
        Assert.True(limiter.TryAcquire(a.MapToIPv6(), out _));
        Assert.False(limiter.TryAcquire(a, out _));
        Assert.True(limiter.TryAcquire(IPAddress.Parse("192.0.2.2"), out _));
        Assert.True(limiter.TryAcquire(IPAddress.IPv6Loopback, out _));
    }

    [Fact]
    public void Many_addresses_do_not_grow_memory_without_bound_once_their_buckets_refill()
    {
        var time = new FakeTimeProvider();
        var limiter = new BeaconRateLimiter(10, 20, time);
        for (var i = 0; i < 30_000; i++)
        {
            Assert.True(limiter.TryAcquire(new IPAddress(i + 0x0A000000L), out _));
            if (i % 5000 == 0)
                time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.InRange(limiter.TrackedAddresses, 1, 15_001);
    }
}
