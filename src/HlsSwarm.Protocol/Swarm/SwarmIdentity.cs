using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using HlsSwarm.Protocol.Tracker;

namespace HlsSwarm.Protocol.Swarm;

/// <summary>
/// swarmId, streamIndex, streamSwarmId and info_hash (spec §1.1, §1.2, §1.5):
/// <code>
/// swarmId       = config.swarmId, else the manifest's final URL with everything from the first '?' removed
/// streamSwarmId = "v2-" + swarmId + "-" + ("main" | "secondary") + "-" + streamIndex
/// info_hash     = Base64( SHA1( UTF8(streamSwarmId) )[0..15) )          20 chars, no padding   (2.3.x)
///               = Base64( MD5 ( UTF8(streamSwarmId) )[1..16) )          20 chars, no padding   (2.0–2.2)
/// streamIndex   = Base64( SHA1( UTF8(canonical) ) )                      28 chars ending in '=' (2.3.x)
///               = position of the level / audio rendition, decimal                              (2.0–2.2)
/// </code>
/// UTF-8 of a lone surrogate is EF BF BD (U+FFFD), as JS <c>TextEncoder</c> does.
/// </summary>
public static class SwarmIdentity
{
    /// <summary>Number of characters of an info_hash (15 bytes in Base64).</summary>
    public const int InfoHashLength = 20;

    /// <summary>Number of characters of a 2.3.x streamIndex (20 bytes in Base64, padded).</summary>
    public const int StreamIndexLength = 28;

    /// <summary>
    /// The swarmId of a manifest fetched from <paramref name="manifestResponseUrl"/>, the final URL after redirects:
    /// everything from the first <c>?</c> removed, nothing else changed (no normalisation, no lower-casing, the
    /// fragment is not special).
    /// </summary>
    public static string SwarmIdFromManifestUrl(string manifestResponseUrl)
    {
        int query = manifestResponseUrl.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? manifestResponseUrl : manifestResponseUrl[..query];
    }

    /// <summary>The configured swarm id if it is set (not null), else <see cref="SwarmIdFromManifestUrl"/>.</summary>
    public static string SwarmId(string? configuredSwarmId, string manifestResponseUrl) =>
        configuredSwarmId ?? SwarmIdFromManifestUrl(manifestResponseUrl);

    /// <summary>The 2.3.x streamIndex of a canonical string (<see cref="StreamCanonicalString"/>): Base64 of its SHA-1, 28 characters.</summary>
    public static string StreamIndex(string canonical) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(canonical)));

    /// <summary>The 2.0–2.2 streamIndex: the decimal position of the level, or of the audio rendition among the AUDIO renditions.</summary>
    public static string LegacyStreamIndex(int position) => position.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>v2-</c> + swarmId + <c>-main-</c> or <c>-secondary-</c> + streamIndex.</summary>
    public static string StreamSwarmId(string swarmId, StreamType type, string streamIndex) =>
        string.Concat("v2-", swarmId, type == StreamType.Main ? "-main-" : "-secondary-", streamIndex);

    /// <summary>The info_hash of a streamSwarmId: 20 characters of the standard Base64 alphabet (may hold <c>+</c> and <c>/</c>).</summary>
    public static string InfoHash(string streamSwarmId, SwarmIdRule rule = SwarmIdRule.P2pml23)
    {
        var utf8 = Encoding.UTF8.GetBytes(streamSwarmId);
        return rule == SwarmIdRule.Legacy22
            ? Convert.ToBase64String(MD5.HashData(utf8).AsSpan(1, 15))
            : Convert.ToBase64String(SHA1.HashData(utf8).AsSpan(0, 15));
    }

    /// <summary>
    /// The info_hash as the tracker protocol carries it: the 20 ASCII characters themselves are the 20 bytes
    /// (spec §1.1, last point).
    /// </summary>
    public static WireId InfoHashWireId(string streamSwarmId, SwarmIdRule rule = SwarmIdRule.P2pml23) =>
        WireId.FromBytes(Encoding.ASCII.GetBytes(InfoHash(streamSwarmId, rule)));
}
