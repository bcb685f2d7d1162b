using System.Collections.Concurrent;
using System.Net;

namespace HlsSwarm.Server.Analytics;

/// <summary>
/// A token bucket per client IP address: <see cref="AnalyticsOptions.BeaconBurstPerIp"/> tokens, refilled at
/// <see cref="AnalyticsOptions.BeaconsPerSecondPerIp"/>. Time comes from a <see cref="TimeProvider"/>. Buckets of
/// one IP never touch another's, so a flooding client cannot slow anyone else down.
/// </summary>
public sealed class BeaconRateLimiter
{
    private const int SweepAbove = 10_000;
    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private readonly double _burst;
    private long _lastSweep;

    /// <summary>Creates the limiter.</summary>
    public BeaconRateLimiter(double perSecond, int burst, TimeProvider time)
    {
        _perSecond = perSecond;
        _burst = burst;
        _time = time;
        _lastSweep = time.GetTimestamp();
    }

    /// <summary>Addresses with a bucket now (full buckets are dropped once more than 10,000 are held).</summary>
    public int TrackedAddresses => _buckets.Count;

    /// <summary>Takes one token for <paramref name="ip"/>; when none is left returns false and how long until one is.</summary>
    public bool TryAcquire(IPAddress ip, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(ip);
        // IPv4-mapped IPv6 and plain IPv4 are one client.
        if (ip.IsIPv4MappedToIPv6)
            ip = ip.MapToIPv4();
        var now = _time.GetTimestamp();
        // At most one sweep per second: many active addresses must not make every request walk the whole map.
        var last = Interlocked.Read(ref _lastSweep);
        if (_buckets.Count > SweepAbove && _time.GetElapsedTime(last, now) >= TimeSpan.FromSeconds(1)
            && Interlocked.CompareExchange(ref _lastSweep, now, last) == last)
            Sweep(now);
        var bucket = _buckets.GetOrAdd(ip, static (_, s) => new Bucket(s._burst, s._now), (_burst, _now: now));
        lock (bucket)
        {
            var elapsed = _time.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
            if (elapsed > 0)
            {
                bucket.Tokens = Math.Min(_burst, bucket.Tokens + elapsed * _perSecond);
                bucket.Stamp = now;
            }

            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / _perSecond);
            return false;
        }
    }

    /// <summary>Drops buckets that have refilled completely: they hold no state worth keeping.</summary>
    private void Sweep(long now)
    {
        var full = _burst / _perSecond;
        foreach (var (ip, bucket) in _buckets)
        {
            if (_time.GetElapsedTime(bucket.Stamp, now).TotalSeconds >= full)
                _buckets.TryRemove(ip, out _);
        }
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens = tokens;
        public long Stamp = stamp;
    }
}
