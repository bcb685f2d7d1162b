namespace HlsSwarm.Server.Policy;

/// <summary>
/// A per-stream entry of the policy document: each non-null field replaces the global one for that stream.
/// <see cref="UploadCapBytesPerSec"/> cannot express "no cap" over a global cap; <see cref="RemoveUploadCap"/> does.
/// </summary>
public sealed record PolicyOverride
{
    /// <summary>Replaces <see cref="PolicySettings.P2p"/>.</summary>
    public bool? P2p { get; init; }

    /// <summary>Replaces <see cref="PolicySettings.MinViewers"/>.</summary>
    public int? MinViewers { get; init; }

    /// <summary>Replaces <see cref="PolicySettings.P2pShare"/>.</summary>
    public double? P2pShare { get; init; }

    /// <summary>Replaces <see cref="PolicySettings.UploadCapBytesPerSec"/>.</summary>
    public long? UploadCapBytesPerSec { get; init; }

    /// <summary>True when the entry wrote <c>"uploadCapBytesPerSec": null</c>: no cap for this stream.</summary>
    public bool RemoveUploadCap { get; init; }

    /// <summary>Replaces <see cref="PolicySettings.UploadOnMetered"/>.</summary>
    public bool? UploadOnMetered { get; init; }

    /// <summary>The global settings with this entry's fields applied.</summary>
    public PolicySettings ApplyTo(PolicySettings global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return new PolicySettings
        {
            P2p = P2p ?? global.P2p,
            MinViewers = MinViewers ?? global.MinViewers,
            P2pShare = P2pShare ?? global.P2pShare,
            UploadCapBytesPerSec = RemoveUploadCap ? null : UploadCapBytesPerSec ?? global.UploadCapBytesPerSec,
            UploadOnMetered = UploadOnMetered ?? global.UploadOnMetered,
        };
    }
}
