using Org.BouncyCastle.Tls;

namespace HlsSwarm.WebRtc.Dtls;

/// <summary>
/// Checks the peer's certificate against the fingerprints of its SDP instead of a CA chain
/// (<see href="https://www.rfc-editor.org/rfc/rfc8827#section-6.5">RFC 8827 §6.5</see>,
/// <see href="https://www.rfc-editor.org/rfc/rfc8122#section-5">RFC 8122 §5</see>). The remote description may
/// arrive after the peer's first handshake flight (an offerer can receive the answerer's ClientHello before the
/// answer), so the handshake thread waits for <see cref="SetExpected"/> until the handshake deadline.
/// </summary>
internal sealed class FingerprintCheck
{
    private readonly object _gate = new();
    private IReadOnlyList<DtlsFingerprint>? _expected;
    private bool _cancelled;

    public DtlsFailure Failure { get; private set; }

    public string? FailureReason { get; private set; }

    public DtlsFingerprint? Verified { get; private set; }

    public void SetExpected(IReadOnlyList<DtlsFingerprint> fingerprints)
    {
        lock (_gate)
        {
            _expected = fingerprints;
            Monitor.PulseAll(_gate);
        }
    }

    public void Cancel()
    {
        lock (_gate)
        {
            _cancelled = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Throws a fatal <c>bad_certificate</c> alert unless the leaf certificate matches.</summary>
    public void Verify(Certificate? chain, int waitMillis)
    {
        if (chain is null || chain.IsEmpty)
        {
            Fail("The peer sent no certificate; WebRTC requires one on both sides (RFC 8827 §6.5).");
            throw new TlsFatalAlert(AlertDescription.certificate_required);
        }

        IReadOnlyList<DtlsFingerprint>? expected;
        lock (_gate)
        {
            while (_expected is null && !_cancelled)
            {
                if (!Monitor.Wait(_gate, Math.Max(1, waitMillis)))
                {
                    break;
                }
            }

            expected = _expected;
        }

        if (expected is null)
        {
            Failure = DtlsFailure.HandshakeTimeout;
            FailureReason = "The remote fingerprint was never provided (SetRemoteFingerprints).";
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }

        var der = chain.GetCertificateAt(0).GetEncoded();
        foreach (var fingerprint in expected)
        {
            if (fingerprint.Matches(der))
            {
                Verified = fingerprint;
                return;
            }
        }

        Fail($"The peer's certificate ({DtlsFingerprint.FromCertificate(der)}) matches none of the {expected.Count} fingerprint(s) of its SDP.");
        throw new TlsFatalAlert(AlertDescription.bad_certificate);
    }

    private void Fail(string reason)
    {
        Failure = DtlsFailure.FingerprintMismatch;
        FailureReason = reason;
    }
}
