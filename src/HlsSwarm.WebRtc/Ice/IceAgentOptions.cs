using System.Net;

namespace HlsSwarm.WebRtc.Ice;

/// <summary>
/// Configuration of an <see cref="IceAgent"/>. Defaults follow RFC 8445 §14, RFC 7675 and what Chromium does.
/// </summary>
public sealed record IceAgentOptions
{
    /// <summary>Initial role: controlling for the offerer (RFC 8445 §6.1.1).</summary>
    public IceRole Role { get; init; } = IceRole.Controlling;

    /// <summary>Our ufrag and password (also written into our SDP).</summary>
    public required IceCredentials LocalCredentials { get; init; }

    /// <summary>STUN servers for server-reflexive candidates (p2p-media-loader default: Google's and Twilio's).</summary>
    public IReadOnlyList<IPEndPoint> StunServers { get; init; } = [];

    /// <summary>Ticks per second of the <c>now</c> values passed in (e.g. <c>TimeProvider.TimestampFrequency</c>).</summary>
    public long TimestampFrequency { get; init; } = TimeProvider.System.TimestampFrequency;

    /// <summary>Ta: pacing between new checks (RFC 8445 §14.2: 50 ms by default).</summary>
    public TimeSpan Ta { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>RTO of a connectivity check's first retransmission; later ones double (RFC 8445 §14.3).</summary>
    public TimeSpan CheckRto { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of a check's retransmission interval (Chromium caps near 2.5 s; keeps failover quick).</summary>
    public TimeSpan CheckRtoMax { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Sends of a check before its pair fails (RFC 8489 Rc = 7).</summary>
    public int MaxCheckSends { get; init; } = 7;

    /// <summary>RTO of a STUN-server binding request (doubles per retransmission).</summary>
    public TimeSpan GatherRto { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Sends of a STUN-server request before gathering gives up on that server.</summary>
    public int MaxGatherSends { get; init; } = 3;

    /// <summary>
    /// How long the controlling agent waits after its first valid pair for better pairs to finish before it
    /// nominates the best valid one (regular nomination, RFC 8445 §8.1.1).
    /// </summary>
    public TimeSpan NominationDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Mean interval of consent checks (RFC 7675 §5.1: 5 s, randomised to 0.8–1.2×).</summary>
    public TimeSpan ConsentInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Consent expires without a consent response for this long (RFC 7675 §5.1: 30 s).</summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The state becomes disconnected when nothing authenticated arrived on the selected pair for this long.</summary>
    public TimeSpan DisconnectedTimeout { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>Checking without any valid pair for this long fails the agent.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most candidate pairs kept (RFC 8445 §6.1.2.5 suggests a limit of 100).</summary>
    public int MaxPairs { get; init; } = 100;

    /// <summary>Most remote candidates kept, including peer-reflexive ones, so a hostile peer cannot grow state.</summary>
    public int MaxRemoteCandidates { get; init; } = 64;

    /// <summary>SOFTWARE attribute value, or null to send none.</summary>
    public string? Software { get; init; }
}
