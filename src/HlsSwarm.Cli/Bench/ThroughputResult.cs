namespace HlsSwarm.Cli.Bench;

/// <summary>One timed one-way transfer.</summary>
/// <param name="Bytes">Payload bytes that arrived.</param>
/// <param name="Messages">Messages (or records) that arrived.</param>
/// <param name="Seconds">From the first send until the receiver had the last byte.</param>
/// <param name="CpuSeconds">CPU time of the whole process in that span (both peers when both are ours).</param>
internal sealed record ThroughputResult(long Bytes, long Messages, double Seconds, double CpuSeconds)
{
    /// <summary>Payload megabits per second (10^6).</summary>
    public double Mbps => Seconds > 0 ? Bytes * 8 / Seconds / 1e6 : 0;

    /// <summary>Cores busy on average: CPU seconds per second.</summary>
    public double Cores => Seconds > 0 ? CpuSeconds / Seconds : 0;

    /// <summary>Cores needed per Gbit/s of payload (CPU seconds per second, per Gbit/s).</summary>
    public double CoresPerGbps => Mbps > 0 ? Cores / (Mbps / 1000) : 0;
}
