using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace HlsSwarm.WebRtc.Dtls;

/// <summary>
/// The DTLS 1.2 server as WebRTC uses it: same suite and extensions as <see cref="WebRtcDtlsClient"/>; it always
/// requests the client's certificate (WebRTC authenticates both ends, RFC 8827 §6.5) and checks it by fingerprint.
/// </summary>
internal sealed class WebRtcDtlsServer : DefaultTlsServer
{
    private readonly DtlsCertificate _certificate;
    private readonly FingerprintCheck _check;
    private readonly DtlsOptions _options;

    public WebRtcDtlsServer(BcTlsCrypto crypto, DtlsCertificate certificate, FingerprintCheck check, DtlsOptions options)
        : base(crypto)
    {
        _certificate = certificate;
        _check = check;
        _options = options;
    }

    public override bool IgnoreCorruptDtlsRecords => true;

    public override int GetHandshakeTimeoutMillis() => (int)_options.HandshakeTimeout.TotalMilliseconds;

    public override int GetHandshakeResendTimeMillis() => (int)_options.InitialRetransmitTimeout.TotalMilliseconds;

    public override bool RequiresExtendedMasterSecret() => true;

    public override CertificateRequest GetCertificateRequest() => new(
        [ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign],
        TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context),
        null);

    public override void NotifyClientCertificate(Certificate clientCertificate) =>
        _check.Verify(clientCertificate, GetHandshakeTimeoutMillis());

    internal static TlsCredentialedSigner Signer(TlsContext context, BcTlsCrypto crypto, DtlsCertificate certificate)
    {
        var chain = new Certificate([new BcTlsCertificate(crypto, certificate.DerArray)]);
        return new BcDefaultTlsCredentialedSigner(
            new TlsCryptoParameters(context),
            crypto,
            certificate.PrivateKey,
            chain,
            new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => [CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256];

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() => Signer(m_context, (BcTlsCrypto)Crypto, _certificate);
}
