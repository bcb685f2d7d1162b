using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HlsSwarm.Server.Policy;

/// <summary>Turns the policy document into one session's <see cref="PolicyDecision"/>. Pure: no clock, no state.</summary>
public static class PolicyDecider
{
    /// <summary>The client's refresh interval, equal to the web player's beacon interval.</summary>
    public const int RefreshMs = 5000;

    /// <summary>
    /// Decides for <paramref name="sessionId"/> watching <paramref name="stream"/>. Order: P2P off (globally or for the
    /// stream) → <c>disabled</c>; control group → <c>ab-control</c>; fewer live viewers than minViewers →
    /// <c>min-viewers</c>; otherwise <c>enabled</c>. The group is reported in every case, so the A/B split is stable.
    /// </summary>
    /// <param name="document">The current policy.</param>
    /// <param name="stream">The playlist URL (its query string is ignored).</param>
    /// <param name="sessionId">The session, or null when the client has none yet (then it is in the P2P group unless the share is 0).</param>
    /// <param name="liveViewers">Live viewers of the stream, counting this session.</param>
    public static PolicyDecision Decide(PolicyDocument document, string? stream, string? sessionId, int liveViewers)
    {
        ArgumentNullException.ThrowIfNull(document);
        var settings = document.For(stream);
        var control = sessionId is null ? settings.P2pShare <= 0 : AbPosition(sessionId) >= settings.P2pShare;
        var group = control ? "control" : "p2p";
        var (p2p, reason) = !settings.P2p ? (false, "disabled")
            : control ? (false, "ab-control")
            : liveViewers < settings.MinViewers ? (false, "min-viewers")
            : (true, "enabled");
        return new PolicyDecision(document.Version, p2p, group, reason, settings.UploadCapBytesPerSec, settings.UploadOnMetered, RefreshMs);
    }

    /// <summary>
    /// The session's stable place in [0, 1): the first 8 bytes of SHA-256(sessionId) over 2^64. A session with
    /// position below p2pShare is in the P2P group; raising the share only moves control sessions into P2P.
    /// </summary>
    public static double AbPosition(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(sessionId), hash);
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>The key a stream URL is grouped under: the URL without its query string and fragment.</summary>
    public static string StreamKey(string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var cut = stream.AsSpan().IndexOfAny('?', '#');
        return cut < 0 ? stream : stream[..cut];
    }
}
