using HlsSwarm.WebRtc.Dtls;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Dtls;

public class DtlsCertificateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Generates_a_self_signed_p256_certificate_whose_fingerprint_is_the_sha256_of_its_der()
    {
        var certificate = DtlsCertificate.Generate(new SecureRandom(), Now);
        var x509 = new X509CertificateParser().ReadCertificate(certificate.Der.ToArray());
        x509.Verify(x509.GetPublicKey()); // self-signed: throws if the signature is wrong
        Assert.Equal(X9ObjectIdentifiers.ECDsaWithSha256.Id, x509.SigAlgOid);
        var key = Assert.IsType<ECPublicKeyParameters>(x509.GetPublicKey());
        Assert.Equal(SecObjectIdentifiers.SecP256r1, key.PublicKeyParamSet);
        Assert.Equal(Now.UtcDateTime.AddDays(-1), x509.NotBefore);
        Assert.Equal(Now.UtcDateTime.AddDays(30), x509.NotAfter);
        Assert.True(x509.SerialNumber.SignValue > 0);
        Assert.Equal(DtlsFingerprint.Sha256, certificate.Fingerprint.Algorithm);
        Assert.True(certificate.Fingerprint.Matches(certificate.Der));
        Assert.Equal(certificate.Fingerprint, DtlsFingerprint.FromCertificate(x509.GetEncoded()));
    }

    [Fact]
    public void Two_certificates_differ()
    {
        var a = DtlsCertificate.Generate(new SecureRandom(), Now);
        var b = DtlsCertificate.Generate(new SecureRandom(), Now);
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
        Assert.False(a.Fingerprint.Matches(b.Der));
    }

    [Fact]
    public void Loads_a_certificate_made_elsewhere_from_der_and_key()
    {
        var random = new SecureRandom();
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        var keys = generator.GenerateKeyPair();
        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(BigInteger.ValueOf(42));
        builder.SetIssuerDN(new X509Name("CN=elsewhere"));
        builder.SetSubjectDN(new X509Name("CN=elsewhere"));
        builder.SetNotBefore(Now.UtcDateTime);
        builder.SetNotAfter(Now.UtcDateTime.AddDays(1));
        builder.SetPublicKey(keys.Public);
        var der = builder.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", keys.Private, random)).GetEncoded();

        var certificate = DtlsCertificate.FromDer(der, (ECPrivateKeyParameters)keys.Private);
        Assert.Equal(der, certificate.Der.ToArray());
        Assert.Equal(DtlsFingerprint.FromCertificate(der), certificate.Fingerprint);
    }
}
