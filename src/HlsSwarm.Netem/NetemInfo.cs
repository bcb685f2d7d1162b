namespace HlsSwarm.Netem;

/// <summary>What the emulator models; the types live beside this one.</summary>
public static class NetemInfo
{
    /// <summary>Impairments a link can apply, each seeded and in virtual time.</summary>
    public const string Impairments = "latency, jitter, loss, reordering, duplication, rate";
}
