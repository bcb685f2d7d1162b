namespace HlsSwarm.Cli.Bench;

/// <summary>Connection set-up times in milliseconds (offer created → channel open on both sides).</summary>
/// <param name="ColdMs">The first connection of the process (JIT, BouncyCastle statics), or null when not measured.</param>
/// <param name="Samples">The warm set-ups, in the order measured.</param>
internal sealed record SetupTimes(double? ColdMs, IReadOnlyList<double> Samples)
{
    /// <summary>Median of the warm set-ups.</summary>
    public double P50 => Percentile(0.50);

    /// <summary>95th percentile of the warm set-ups.</summary>
    public double P95 => Percentile(0.95);

    /// <summary>Nearest-rank percentile (no interpolation: with 20 samples p95 is the 19th).</summary>
    public double Percentile(double p)
    {
        if (Samples.Count == 0)
        {
            return double.NaN;
        }
        var sorted = Samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
