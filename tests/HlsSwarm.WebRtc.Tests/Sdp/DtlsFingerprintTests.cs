using System.Security.Cryptography;
using HlsSwarm.WebRtc.Dtls;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Sdp;

public class DtlsFingerprintTests
{
    [Fact]
    public void Sha256_of_the_der_formatted_as_upper_case_colon_pairs()
    {
        var der = "not really DER"u8.ToArray();
        var fp = DtlsFingerprint.FromCertificate(der);
        var expected = "sha-256 " + string.Join(':', SHA256.HashData(der).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, fp.ToSdpValue());
        Assert.True(fp.Matches(der));
        Assert.False(fp.Matches("not really DER!"u8));
    }

    [Theory]
    [InlineData("sha-1")]
    [InlineData("sha-256")]
    [InlineData("sha-384")]
    [InlineData("sha-512")]
    public void Other_hash_functions_parse_and_verify(string algorithm)
    {
        var der = new byte[] { 1, 2, 3, 4 };
        byte[] hash = algorithm switch
        {
            "sha-1" => SHA1.HashData(der),
            "sha-256" => SHA256.HashData(der),
            "sha-384" => SHA384.HashData(der),
            _ => SHA512.HashData(der),
        };
        var text = algorithm.ToUpperInvariant() + " " + string.Join(':', hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(DtlsFingerprint.TryParse(text, out var fp));
        Assert.Equal(algorithm, fp!.Algorithm);
        Assert.True(fp.Matches(der));
        Assert.Equal(DtlsFingerprint.Create(algorithm, hash), fp);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha-256")]
    [InlineData("sha-256 ")]
    [InlineData(" AA:BB")]
    [InlineData("sha-256 AA:BB")]
    [InlineData("sha-256 AABB")]
    [InlineData("sha-256 AA:B")]
    [InlineData("sha-256 AA::B")]
    [InlineData("md5 AA:BB")]
    [InlineData("sh(a AA:BB")]
    public void Malformed_fingerprints_fail(string text) => Assert.False(DtlsFingerprint.TryParse(text, out _));

    [Fact]
    public void Md5_parses_but_never_matches()
    {
        var der = new byte[] { 9 };
        var text = "md5 " + string.Join(':', MD5.HashData(der).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(DtlsFingerprint.TryParse(text, out var fp));
        Assert.False(fp!.Matches(der));
    }
}
