namespace HlsSwarm.Cli.Bench;

/// <summary>What <c>hlsswarm bench datachannel</c> was asked to do.</summary>
/// <param name="Seconds">Upper bound of each real-time throughput run, and the measured span of each virtual-network
/// case in virtual seconds.</param>
/// <param name="Bytes">Bytes per loopback and raw-DTLS throughput run (the run ends earlier at <paramref name="Seconds"/>);
/// the Chromium runs move at most <see cref="ChromiumBytesLimit"/> of it.</param>
/// <param name="SkipChromium">Leave out the Chromium measurements (reported as null).</param>
internal sealed record DataChannelBenchSettings(double Seconds, long Bytes, bool SkipChromium)
{
    /// <summary>The default of <c>--seconds</c>.</summary>
    public const double DefaultSeconds = 10;

    /// <summary>The default of <c>--bytes</c>: 200 MB, so that a 600 Mbit/s run lasts about 3 s after its warm-up.</summary>
    public const long DefaultBytes = 200_000_000;

    /// <summary>The most a Chromium run moves (the browser is slower and shares the machine's two cores).</summary>
    public const long ChromiumBytesLimit = 100_000_000;

    /// <summary>Message size p2p-media-loader sends at most (256 KiB, its max message size).</summary>
    public const int LargeMessage = 256 * 1024;

    /// <summary>The second message size reported (64 KiB, what many WebRTC stacks default to).</summary>
    public const int SmallMessage = 64 * 1024;

    /// <summary>Warm set-ups timed for the p50/p95 figures (after the cold first one).</summary>
    public int SetupCount { get; init; } = 20;

    /// <summary>Idle connections held open for the memory figure (pairs on loopback, so K/2 pairs).</summary>
    public int IdleConnections { get; init; } = 50;

    /// <summary>Bytes moved before measuring on a connection (JIT tiering, pools, congestion window).</summary>
    public long WarmUpBytes => Math.Min(Bytes, 20_000_000);

    /// <summary>Bytes of each Chromium transfer.</summary>
    public long ChromiumBytes => Math.Min(Bytes, ChromiumBytesLimit);
}
