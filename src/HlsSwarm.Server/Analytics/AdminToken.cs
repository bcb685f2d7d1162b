using System.Security.Cryptography;
using System.Text;

namespace HlsSwarm.Server.Analytics;

/// <summary>The bearer token of the admin and dashboard endpoints, compared in constant time.</summary>
public sealed class AdminToken
{
    private readonly byte[] _hash;

    /// <summary>Uses <paramref name="token"/>, or a random 128-bit token (32 hex digits) when null.</summary>
    public AdminToken(string? token)
    {
        Value = token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(Value));
    }

    /// <summary>The token.</summary>
    public string Value { get; }

    /// <summary>
    /// Whether <paramref name="candidate"/> is the token. Both sides are hashed first, so the comparison takes the same
    /// time whatever the candidate's length or its first differing byte (no timing oracle).
    /// </summary>
    public bool Matches(ReadOnlySpan<char> candidate)
    {
        var bytes = Encoding.UTF8.GetBytes(candidate.ToArray());
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(bytes), _hash);
    }
}
