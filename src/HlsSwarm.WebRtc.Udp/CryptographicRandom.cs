using System.Security.Cryptography;

namespace HlsSwarm.WebRtc.Udp;

/// <summary>
/// A <see cref="Random"/> drawing from the operating system's CSPRNG, for what the cores take as <see cref="Random"/>
/// but must not be guessable on a real network: ICE passwords (RFC 8445 §5.3 needs ≥ 128 bits of randomness),
/// transaction ids, SCTP verification tags and initial TSNs (RFC 9260 §5.3.1).
/// </summary>
internal sealed class CryptographicRandom : Random
{
    public override int Next() => RandomNumberGenerator.GetInt32(int.MaxValue);

    public override int Next(int maxValue) => maxValue <= 1 ? 0 : RandomNumberGenerator.GetInt32(maxValue);

    public override int Next(int minValue, int maxValue) => maxValue - minValue <= 1 ? minValue : RandomNumberGenerator.GetInt32(minValue, maxValue);

    public override long NextInt64() => NextInt64(0, long.MaxValue);

    public override long NextInt64(long maxValue) => NextInt64(0, maxValue);

    public override long NextInt64(long minValue, long maxValue)
    {
        var range = (ulong)(maxValue - minValue);
        if (range <= 1)
        {
            return minValue;
        }

        // Rejection sampling keeps the result uniform.
        var limit = ulong.MaxValue - (ulong.MaxValue % range);
        Span<byte> bytes = stackalloc byte[8];
        ulong value;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            value = BitConverter.ToUInt64(bytes);
        }
        while (value >= limit);
        return minValue + (long)(value % range);
    }

    public override double NextDouble() => Sample();

    public override float NextSingle() => (float)Sample();

    public override void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);

    public override void NextBytes(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);

    protected override double Sample()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return (BitConverter.ToUInt64(bytes) >> 11) * (1.0 / (1UL << 53));
    }
}
