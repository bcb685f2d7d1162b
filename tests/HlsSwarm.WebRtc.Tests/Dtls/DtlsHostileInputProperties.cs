using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HlsSwarm.WebRtc.Dtls;
using Org.BouncyCastle.Security;

namespace HlsSwarm.WebRtc.Tests.Dtls;

/// <summary>
/// Random datagrams that pass the RFC 7983 demultiplexer as DTLS (first byte 20–63), some with a well-formed
/// record header, fed to a fresh server: nothing escapes the session thread, and the session either keeps waiting
/// for a ClientHello or fails with a reason (a malformed plaintext ClientHello is a legitimate fatal error).
/// </summary>
public class DtlsHostileInputProperties
{
    private static readonly DtlsCertificate Certificate = DtlsCertificate.Generate(new SecureRandom(), DateTimeOffset.UtcNow);

    [Property(MaxTest = 25)]
    public bool Random_dtls_datagrams_never_crash_a_server(byte[][] datagrams, bool withRecordHeader)
    {
        using var session = new DtlsSession(DtlsRole.Server, Certificate, [Certificate.Fingerprint], new SecureRandom());
        session.Start();
        foreach (var raw in datagrams ?? [])
        {
            var d = raw ?? [];
            if (withRecordHeader)
            {
                // content type 20–23, DTLS 1.2, epoch 0, and a length field matching the payload.
                var body = d.Length;
                var record = new byte[13 + body];
                record[0] = (byte)(20 + (body % 4));
                record[1] = 0xfe;
                record[2] = 0xfd;
                record[11] = (byte)(body >> 8);
                record[12] = (byte)body;
                d.CopyTo(record, 13);
                d = record;
            }
            else if (d.Length > 0)
            {
                d[0] = (byte)(20 + (d[0] % 44));
            }

            session.HandlePacket(d);
        }

        // Give the session thread time to chew through the queue.
        SpinWait.SpinUntil(() => session.State != DtlsState.Handshaking, 50);
        var state = session.State;
        if (state == DtlsState.Handshaking)
        {
            return true;
        }

        var failed = false;
        while (session.TryPollEvent(out var e))
        {
            failed |= e.Kind == DtlsEventKind.Failed && !string.IsNullOrEmpty(e.Reason);
        }

        return state == DtlsState.Failed && failed;
    }
}
