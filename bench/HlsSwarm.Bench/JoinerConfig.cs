using BenchmarkDotNet.Configs;

namespace HlsSwarm.Bench;

/// <summary>Adds the GB/s column to <see cref="CommandJoinerBenchmarks"/>.</summary>
public sealed class JoinerConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public JoinerConfig() => AddColumn(new GigabytesPerSecondColumn(CommandJoinerBenchmarks.BytesPerOperation));
}
