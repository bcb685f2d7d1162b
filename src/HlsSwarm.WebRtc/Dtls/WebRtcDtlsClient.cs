using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace HlsSwarm.WebRtc.Dtls;

/// <summary>
/// The DTLS 1.2 client as WebRTC uses it: one suite (TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), extended master
/// secret required (<see href="https://www.rfc-editor.org/rfc/rfc7627">RFC 7627</see>), no use_srtp (data only),
/// our self-signed certificate when the server asks, the server's certificate checked by fingerprint.
/// </summary>
internal sealed class WebRtcDtlsClient : DefaultTlsClient
{
    private readonly DtlsCertificate _certificate;
    private readonly FingerprintCheck _check;
    private readonly DtlsOptions _options;

    public WebRtcDtlsClient(BcTlsCrypto crypto, DtlsCertificate certificate, FingerprintCheck check, DtlsOptions options)
        : base(crypto)
    {
        _certificate = certificate;
        _check = check;
        _options = options;
    }

    public override bool IgnoreCorruptDtlsRecords => true;

    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    public override int GetHandshakeTimeoutMillis() => (int)_options.HandshakeTimeout.TotalMilliseconds;

    public override int GetHandshakeResendTimeMillis() => (int)_options.InitialRetransmitTimeout.TotalMilliseconds;

    public override bool RequiresExtendedMasterSecret() => true;

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => [CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256];

    private sealed class Authentication(WebRtcDtlsClient client) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate) =>
            client._check.Verify(serverCertificate.Certificate, client.GetHandshakeTimeoutMillis());

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) =>
            WebRtcDtlsServer.Signer(client.m_context, (BcTlsCrypto)client.Crypto, client._certificate);
    }
}
