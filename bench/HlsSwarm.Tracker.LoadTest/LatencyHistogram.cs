using System.Numerics;

namespace HlsSwarm.Tracker.LoadTest;

/// <summary>
/// Thread-safe log-linear histogram of durations in microseconds: exact below 128 µs, then 64 buckets per power of
/// two (under 1.6 % error) up to ~2^40 µs. Recording is one interlocked increment.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 64;
    private readonly long[] _counts = new long[128 + 40 * SubBuckets];
    private long _max;

    public void Record(long micros)
    {
        if (micros < 0) micros = 0;
        Interlocked.Increment(ref _counts[Index(micros)]);
        long max;
        while (micros > (max = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, micros, max) != max)
        {
        }
    }

    public void Clear()
    {
        for (int i = 0; i < _counts.Length; i++) Volatile.Write(ref _counts[i], 0);
        Volatile.Write(ref _max, 0);
    }

    public long Count
    {
        get
        {
            long n = 0;
            for (int i = 0; i < _counts.Length; i++) n += Volatile.Read(ref _counts[i]);
            return n;
        }
    }

    public long MaxMicros => Volatile.Read(ref _max);

    /// <summary>The smallest bucket upper bound with at least <paramref name="quantile"/> of the samples at or below it.</summary>
    public double PercentileMicros(double quantile)
    {
        long total = Count;
        if (total == 0) return double.NaN;
        long rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank) return Math.Min(UpperBound(i), MaxMicros);
        }
        return MaxMicros;
    }

    private static int Index(long v)
    {
        if (v < 128) return (int)v;
        int msb = 63 - BitOperations.LeadingZeroCount((ulong)v); // ≥ 7
        int shift = msb - 6;                                     // ≥ 1
        int top = (int)(v >> shift);                             // 64..127
        int index = 128 + (shift - 1) * SubBuckets + (top - 64);
        return Math.Min(index, 128 + 40 * SubBuckets - 1);
    }

    private static double UpperBound(int index)
    {
        if (index < 128) return index;
        int shift = (index - 128) / SubBuckets + 1;
        int top = (index - 128) % SubBuckets + 64;
        return ((long)(top + 1) << shift) - 1;
    }
}
