namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>Why a WebSocket upgrade was refused before the handshake.</summary>
public enum TrackerUpgradeRejection
{
    /// <summary>The Origin header is not in <see cref="TrackerEndpointOptions.AllowedOrigins"/> (403).</summary>
    Origin,

    /// <summary>The remote IP already holds <see cref="TrackerEndpointOptions.MaxConnectionsPerIp"/> connections (429).</summary>
    ConnectionsPerIp,
}
