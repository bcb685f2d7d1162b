using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace HlsSwarm.WebRtc.Dtls;

/// <summary>
/// A self-signed ECDSA P-256 certificate and its private key, as browsers make for each
/// <c>RTCPeerConnection</c> (<see href="https://www.rfc-editor.org/rfc/rfc8827#section-6.5">RFC 8827 §6.5</see>:
/// no CA; the peer checks the SHA-256 <see cref="Fingerprint"/> announced in SDP). One certificate can serve many
/// sessions. Generation costs a few milliseconds warm (tens cold), so a peer may reuse one for its lifetime.
/// </summary>
public sealed class DtlsCertificate
{
    private readonly byte[] _der;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey)
    {
        _der = der;
        PrivateKey = privateKey;
        Fingerprint = DtlsFingerprint.FromCertificate(der);
    }

    /// <summary>The DER encoding of the X.509 certificate.</summary>
    public ReadOnlySpan<byte> Der => _der;

    /// <summary>The SHA-256 fingerprint for <c>a=fingerprint</c>.</summary>
    public DtlsFingerprint Fingerprint { get; }

    /// <summary>The ECDSA P-256 private key (BouncyCastle form, used by the handshake).</summary>
    internal AsymmetricKeyParameter PrivateKey { get; }

    internal byte[] DerArray => _der;

    /// <summary>
    /// Generates a key pair on secp256r1 and a self-signed certificate valid from one day before
    /// <paramref name="now"/> to 30 days after (like Chrome's), CN=WebRTC, random 64-bit serial.
    /// </summary>
    /// <param name="random">The randomness for key, serial and signature (a <see cref="SecureRandom"/>; pass a
    /// deterministic one only in tests).</param>
    /// <param name="now">The current time (the core does not read the clock; validity is informational since the
    /// fingerprint, not the dates, authenticates the peer).</param>
    public static DtlsCertificate Generate(SecureRandom random, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(random);
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        var keys = generator.GenerateKeyPair();

        var name = new X509Name("CN=WebRTC");
        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(new BigInteger(63, random).Add(BigInteger.One));
        builder.SetIssuerDN(name);
        builder.SetSubjectDN(name);
        builder.SetNotBefore(now.UtcDateTime.AddDays(-1));
        builder.SetNotAfter(now.UtcDateTime.AddDays(30));
        builder.SetPublicKey(keys.Public);
        var certificate = builder.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", keys.Private, random));
        return new DtlsCertificate(certificate.GetEncoded(), keys.Private);
    }

    /// <summary>
    /// Loads a certificate and key made elsewhere (e.g. persisted by the host). The key must be an EC private key
    /// matching the certificate; this is not checked here, the handshake fails otherwise.
    /// </summary>
    public static DtlsCertificate FromDer(ReadOnlySpan<byte> certificateDer, ECPrivateKeyParameters privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        return new DtlsCertificate(certificateDer.ToArray(), privateKey);
    }
}
