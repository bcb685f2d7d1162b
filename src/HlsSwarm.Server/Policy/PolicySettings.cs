namespace HlsSwarm.Server.Policy;

/// <summary>The global P2P policy (<c>global</c> of the policy document).</summary>
public sealed record PolicySettings
{
    /// <summary>P2P on or off.</summary>
    public bool P2p { get; init; } = true;

    /// <summary>Live viewers a stream needs before its viewers use P2P (the asking viewer counts).</summary>
    public int MinViewers { get; init; } = 1;

    /// <summary>Share of sessions, 0..1, in the P2P group; the rest are the HTTP-only control group of the A/B test.</summary>
    public double P2pShare { get; init; } = 1.0;

    /// <summary>Upload cap per viewer in bytes per second; null is no cap.</summary>
    public long? UploadCapBytesPerSec { get; init; }

    /// <summary>Whether viewers on metered networks upload.</summary>
    public bool UploadOnMetered { get; init; }
}
