namespace HlsSwarm.Netem;

/// <summary>Impairments of one direction of a link. All durations are virtual time.</summary>
public sealed record NetemConfig
{
    /// <summary>Fixed one-way delay.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Uniform random extra delay in [0, Jitter].</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>
    /// When true, jitter may let a datagram overtake an earlier one (Linux netem's behaviour). By default jitter keeps
    /// the order, as queueing delay on one path does; use <see cref="ReorderProbability"/> for reordering.
    /// </summary>
    public bool JitterReorders { get; init; }

    /// <summary>Loss model; <see cref="NetemLoss.None"/> by default.</summary>
    public NetemLoss Loss { get; init; }

    /// <summary>Probability, 0..1, that a datagram is held back by <see cref="ReorderDelay"/> so later ones overtake it.</summary>
    public double ReorderProbability { get; init; }

    /// <summary>Extra delay of a reordered datagram.</summary>
    public TimeSpan ReorderDelay { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Probability, 0..1, that a datagram is delivered twice (the copy gets its own jitter).</summary>
    public double DuplicateProbability { get; init; }

    /// <summary>Bottleneck rate in bits per second; 0 means unlimited (no serialisation delay, no queue).</summary>
    public long RateBitsPerSecond { get; init; }

    /// <summary>Bytes the bottleneck queue holds before it drops at the tail; only used with a rate.</summary>
    public int QueueLimitBytes { get; init; } = 256 * 1024;

    /// <summary>A perfect link: no delay, no loss.</summary>
    public static NetemConfig Perfect { get; } = new();
}
