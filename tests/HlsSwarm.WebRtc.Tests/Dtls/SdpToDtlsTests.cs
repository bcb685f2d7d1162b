using HlsSwarm.WebRtc.Dtls;
using HlsSwarm.WebRtc.Sdp;
using Org.BouncyCastle.Security;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Dtls;

/// <summary>The SDP layer feeds the DTLS layer: fingerprints and roles from a written, re-parsed offer and answer.</summary>
public class SdpToDtlsTests
{
    [Fact]
    public void Offer_and_answer_text_give_both_sides_roles_and_fingerprints_that_connect()
    {
        var now = DateTimeOffset.UtcNow;
        var offererCertificate = DtlsCertificate.Generate(new SecureRandom(), now);
        var answererCertificate = DtlsCertificate.Generate(new SecureRandom(), now);
        var offer = SdpNegotiation.CreateOffer(new SdpLocalParameters
        {
            SessionId = 1, IceUfrag = "offr", IcePwd = "offererpassword0123456", Fingerprint = offererCertificate.Fingerprint,
        });
        Assert.Equal(SdpParseError.None, SdpParser.TryParse(SdpWriter.Write(offer), out var offerSeenByAnswerer));
        var answer = SdpNegotiation.CreateAnswer(offerSeenByAnswerer!, new SdpLocalParameters
        {
            SessionId = 2, IceUfrag = "answ", IcePwd = "answererpassword012345", Fingerprint = answererCertificate.Fingerprint,
        });
        Assert.Equal(SdpParseError.None, SdpParser.TryParse(SdpWriter.Write(answer), out var answerSeenByOfferer));

        Assert.True(SdpNegotiation.TryResolveDtlsRole(offer.Setup, answerSeenByOfferer!.Setup, out var offererRole));
        Assert.True(SdpNegotiation.TryResolveDtlsRole(answer.Setup, offerSeenByAnswerer!.Setup, out var answererRole));
        Assert.Equal(DtlsRole.Server, offererRole);
        Assert.Equal(DtlsRole.Client, answererRole);

        var options = new DtlsOptions { InitialRetransmitTimeout = TimeSpan.FromMilliseconds(100) };
        using var offerer = new DtlsSession(offererRole, offererCertificate, answerSeenByOfferer.Fingerprints, new SecureRandom(), options);
        using var answerer = new DtlsSession(answererRole, answererCertificate, offerSeenByAnswerer.Fingerprints, new SecureRandom(), options);
        offerer.Start();
        answerer.Start();
        var buffer = new byte[2048];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((offerer.State != DtlsState.Connected || answerer.State != DtlsState.Connected) && DateTime.UtcNow < deadline)
        {
            while (offerer.TryPollTransmit(buffer, out var n))
            {
                answerer.HandlePacket(buffer.AsSpan(0, n));
            }

            while (answerer.TryPollTransmit(buffer, out var n))
            {
                offerer.HandlePacket(buffer.AsSpan(0, n));
            }

            Thread.Sleep(1);
        }

        Assert.Equal(DtlsState.Connected, offerer.State);
        Assert.Equal(DtlsState.Connected, answerer.State);
        Assert.True(offerer.TryPollEvent(out var connected));
        Assert.Equal(answererCertificate.Fingerprint, connected.RemoteFingerprint);
    }
}
