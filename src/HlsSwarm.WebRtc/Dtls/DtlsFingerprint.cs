using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HlsSwarm.WebRtc.Dtls;

/// <summary>
/// A certificate fingerprint as SDP carries it in <c>a=fingerprint</c>
/// (<see href="https://www.rfc-editor.org/rfc/rfc8122#section-5">RFC 8122 §5</see>): a hash-function token and
/// the hash of the certificate's DER encoding, written as upper-case hex pairs joined by colons. WebRTC replaces the
/// CA chain with it (<see href="https://www.rfc-editor.org/rfc/rfc8827#section-6.5">RFC 8827 §6.5</see>): the
/// certificate a peer presents in the DTLS handshake must hash to a fingerprint its SDP announced.
/// </summary>
/// <remarks>
/// <code>
/// fingerprint-attribute = "fingerprint" ":" hash-func SP fingerprint
/// hash-func             = "sha-1" / "sha-224" / "sha-256" / "sha-384" / "sha-512" / "md5" / "md2" / token
/// fingerprint           = 2UHEX *(":" 2UHEX)
/// </code>
/// Unknown hash functions parse (so an SDP with an extra fingerprint still loads) but never match.
/// Hex digits are accepted in either case on input, as browsers do.
/// </remarks>
public sealed class DtlsFingerprint : IEquatable<DtlsFingerprint>
{
    /// <summary>The hash function every browser uses and this stack announces.</summary>
    public const string Sha256 = "sha-256";

    /// <summary>Longest hash accepted on input, in bytes (SHA-512).</summary>
    public const int MaxHashLength = 64;

    private readonly byte[] _hash;

    private DtlsFingerprint(string algorithm, byte[] hash)
    {
        Algorithm = algorithm;
        _hash = hash;
    }

    /// <summary>The hash-function token in lower case, e.g. <c>sha-256</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The hash bytes.</summary>
    public ReadOnlySpan<byte> Hash => _hash;

    /// <summary>Creates a fingerprint from its parts; <paramref name="algorithm"/> is lower-cased.</summary>
    /// <exception cref="ArgumentException">The algorithm is empty or the hash is empty or longer than <see cref="MaxHashLength"/> (a programming error).</exception>
    public static DtlsFingerprint Create(string algorithm, ReadOnlySpan<byte> hash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(algorithm);
        if (hash.IsEmpty || hash.Length > MaxHashLength)
        {
            throw new ArgumentException("A fingerprint hash has 1 to 64 bytes.", nameof(hash));
        }

        return new DtlsFingerprint(algorithm.ToLowerInvariant(), hash.ToArray());
    }

    /// <summary>The SHA-256 fingerprint of a DER-encoded certificate, as browsers announce it.</summary>
    public static DtlsFingerprint FromCertificate(ReadOnlySpan<byte> certificateDer)
    {
        var hash = new byte[SHA256.HashSizeInBytes];
        SHA256.HashData(certificateDer, hash);
        return new DtlsFingerprint(Sha256, hash);
    }

    /// <summary>
    /// Parses the value of an <c>a=fingerprint</c> attribute, e.g. <c>sha-256 D2:FA:…:0F</c>. Never throws.
    /// </summary>
    /// <returns><see langword="false"/> when the value has no hash function, no hash, an odd or non-hex pair, a
    /// separator other than <c>:</c>, a hash longer than <see cref="MaxHashLength"/>, or a hash whose length does
    /// not match a known hash function.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, out DtlsFingerprint? fingerprint)
    {
        fingerprint = null;
        value = value.Trim();
        var space = value.IndexOf(' ');
        if (space <= 0)
        {
            return false;
        }

        var algorithm = value[..space];
        var hex = value[(space + 1)..].TrimStart(' ');
        if (algorithm.Length > 32 || hex.IsEmpty)
        {
            return false;
        }

        foreach (var c in algorithm)
        {
            // RFC 4566 token characters, the grammar of hash-func.
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".Contains(c))
            {
                return false;
            }
        }

        // "AA:BB:CC" has 3n-1 characters for n bytes.
        if ((hex.Length + 1) % 3 != 0)
        {
            return false;
        }

        var count = (hex.Length + 1) / 3;
        if (count > MaxHashLength)
        {
            return false;
        }

        var hash = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var pair = hex.Slice(i * 3, 2);
            if (i * 3 + 2 < hex.Length && hex[i * 3 + 2] != ':')
            {
                return false;
            }

            if (!IsHex(pair[0]) || !IsHex(pair[1]))
            {
                return false;
            }

            hash[i] = byte.Parse(pair, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }

        var name = algorithm.ToString().ToLowerInvariant();
        var expected = HashLength(name);
        if (expected != 0 && expected != count)
        {
            return false;
        }

        fingerprint = new DtlsFingerprint(name, hash);
        return true;
    }

    /// <summary>
    /// Whether <paramref name="certificateDer"/> hashes to this fingerprint with this fingerprint's hash function
    /// (compared in constant time). Always <see langword="false"/> for md2, md5 and unknown functions:
    /// RFC 8122 §5 forbids relying on MD2/MD5, and an unknown function cannot be checked.
    /// </summary>
    public bool Matches(ReadOnlySpan<byte> certificateDer)
    {
        Span<byte> actual = stackalloc byte[MaxHashLength];
        int n;
        switch (Algorithm)
        {
            case "sha-1":
                n = SHA1.HashData(certificateDer, actual);
                break;
            case "sha-256":
                n = SHA256.HashData(certificateDer, actual);
                break;
            case "sha-384":
                n = SHA384.HashData(certificateDer, actual);
                break;
            case "sha-512":
                n = SHA512.HashData(certificateDer, actual);
                break;
            default:
                return false;
        }

        return n == _hash.Length && CryptographicOperations.FixedTimeEquals(actual[..n], _hash);
    }

    /// <summary>The attribute value, e.g. <c>sha-256 D2:FA:…:0F</c> (upper-case hex, RFC 8122 §5).</summary>
    public string ToSdpValue()
    {
        var sb = new StringBuilder(Algorithm.Length + 1 + _hash.Length * 3);
        sb.Append(Algorithm).Append(' ');
        for (var i = 0; i < _hash.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(':');
            }

            sb.Append(_hash[i].ToString("X2", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToSdpValue();

    /// <inheritdoc/>
    public bool Equals(DtlsFingerprint? other) =>
        other is not null && Algorithm == other.Algorithm && _hash.AsSpan().SequenceEqual(other._hash);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DtlsFingerprint);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Algorithm);
        h.AddBytes(_hash);
        return h.ToHashCode();
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    // Hash lengths of the functions in the IANA "Hash Function Textual Names" registry (RFC 8122 §8).
    private static int HashLength(string algorithm) => algorithm switch
    {
        "md2" or "md5" => 16,
        "sha-1" => 20,
        "sha-224" => 28,
        "sha-256" => 32,
        "sha-384" => 48,
        "sha-512" => 64,
        _ => 0,
    };
}
