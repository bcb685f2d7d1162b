namespace HlsSwarm.Cli.Bench;

/// <summary>How the raw-DTLS measurement joins its two sessions.</summary>
internal enum DtlsPath
{
    /// <summary>Two UDP sockets on 127.0.0.1, as our data channels run: the ceiling for them (same records, same system calls).</summary>
    UdpLoopback,

    /// <summary>Handed over in memory: BouncyCastle's record layer alone, no system calls.</summary>
    InMemory,
}
