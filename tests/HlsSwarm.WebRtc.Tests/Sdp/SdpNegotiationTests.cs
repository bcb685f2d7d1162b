using HlsSwarm.WebRtc.Dtls;
using HlsSwarm.WebRtc.Sdp;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Sdp;

public class SdpNegotiationTests
{
    private static readonly DtlsFingerprint Ours = DtlsFingerprint.FromCertificate("our certificate"u8);

    private static SdpLocalParameters Local(params string[] candidates) => new()
    {
        SessionId = 4611731400430051336,
        IceUfrag = "Qx7d",
        IcePwd = "o9cVn1ZtRk3mG0xWb5yJ2aPq",
        Fingerprint = Ours,
        Candidates = candidates,
    };

    [Fact]
    public void Offer_is_written_like_chrome_with_crlf_and_no_trickle()
    {
        var offer = SdpNegotiation.CreateOffer(Local("candidate:1 1 udp 2122260223 10.77.0.1 50000 typ host"));
        var text = SdpWriter.Write(offer);
        var expected = string.Join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "a=extmap-allow-mixed",
            "a=msid-semantic: WMS",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 0.0.0.0",
            "a=candidate:1 1 udp 2122260223 10.77.0.1 50000 typ host",
            "a=end-of-candidates",
            "a=ice-ufrag:Qx7d",
            "a=ice-pwd:o9cVn1ZtRk3mG0xWb5yJ2aPq",
            "a=fingerprint:" + Ours.ToSdpValue(),
            "a=setup:actpass",
            "a=mid:0",
            "a=sctp-port:5000",
            "a=max-message-size:262144",
            "");
        Assert.Equal(expected, text);
        Assert.DoesNotContain("trickle", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DtlsSetup.ActPass, DtlsSetup.Active, DtlsRole.Client)]
    [InlineData(DtlsSetup.Passive, DtlsSetup.Active, DtlsRole.Client)]
    [InlineData(DtlsSetup.Active, DtlsSetup.Passive, DtlsRole.Server)]
    public void Answer_setup_follows_rfc_8842_section_5_3(DtlsSetup offered, DtlsSetup answered, DtlsRole answererRole)
    {
        var offer = SdpNegotiation.CreateOffer(Local()) with { Setup = offered };
        var answer = SdpNegotiation.CreateAnswer(offer, Local());
        Assert.Equal(answered, answer.Setup);
        Assert.True(SdpNegotiation.TryResolveDtlsRole(answer.Setup, offer.Setup, out var role));
        Assert.Equal(answererRole, role);
        Assert.True(SdpNegotiation.TryResolveDtlsRole(offer.Setup, answer.Setup, out var offererRole));
        Assert.NotEqual(role, offererRole);
    }

    [Theory]
    [InlineData(DtlsSetup.ActPass, DtlsSetup.ActPass)]
    [InlineData(DtlsSetup.Active, DtlsSetup.Active)]
    [InlineData(DtlsSetup.Passive, DtlsSetup.Passive)]
    public void Setups_that_do_not_pair_give_no_role(DtlsSetup local, DtlsSetup remote) =>
        Assert.False(SdpNegotiation.TryResolveDtlsRole(local, remote, out _));

    [Fact]
    public void Answer_to_a_chrome_offer_takes_its_mid_and_bundle_and_is_active()
    {
        Assert.Equal(SdpParseError.None, SdpParser.TryParse(SdpSamples.ChromeOfferMdns, out var offer));
        var answer = SdpNegotiation.CreateAnswer(offer!, Local());
        Assert.Equal(DtlsSetup.Active, answer.Setup);
        Assert.Equal("0", answer.Mid);
        Assert.Equal(["0"], answer.BundleGroup);
        Assert.True(SdpNegotiation.TryResolveDtlsRole(answer.Setup, offer!.Setup, out var role));
        Assert.Equal(DtlsRole.Client, role);
    }

    [Fact]
    public void Answer_to_a_legacy_firefox_offer_is_in_the_legacy_form()
    {
        Assert.Equal(SdpParseError.None, SdpParser.TryParse(SdpSamples.LegacyFirefoxOffer, out var offer));
        var text = SdpWriter.Write(SdpNegotiation.CreateAnswer(offer!, Local()));
        Assert.Contains("\r\nm=application 9 DTLS/SCTP 5000\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\na=sctpmap:5000 webrtc-datachannel 1024\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\na=mid:sdparta_0\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\na=group:BUNDLE sdparta_0\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sctp-port", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BrowserSamples))]
    public void Browser_descriptions_round_trip_through_the_writer(string sample)
    {
        Assert.Equal(SdpParseError.None, SdpParser.TryParse(sample, out var first));
        var written = SdpWriter.Write(first!);
        Assert.Equal(SdpParseError.None, SdpParser.TryParse(written, out var second));
        Assert.Equal(written, SdpWriter.Write(second!));
        Assert.Equal(first!.IceUfrag, second!.IceUfrag);
        Assert.Equal(first.IcePwd, second.IcePwd);
        Assert.Equal(first.Fingerprints, second.Fingerprints);
        Assert.Equal(first.Setup, second.Setup);
        Assert.Equal(first.Mid, second.Mid);
        Assert.Equal(first.SctpPort, second.SctpPort);
        Assert.Equal(first.MaxMessageSize, second.MaxMessageSize);
        Assert.Equal(first.Candidates, second.Candidates);
        Assert.Equal(first.BundleGroup, second.BundleGroup);
        Assert.Equal(first.Protocol, second.Protocol);
        Assert.Equal(first.MediaPort, second.MediaPort);
        Assert.Equal(first.ConnectionAddress, second.ConnectionAddress);
        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Equal(first.IceOptions, second.IceOptions);
        Assert.Equal(first.EndOfCandidates, second.EndOfCandidates);
    }

    public static TheoryData<string> BrowserSamples() =>
        [SdpSamples.ChromeOfferMdns, SdpSamples.ChromeAnswerIpLiteral, SdpSamples.FirefoxOffer, SdpSamples.FirefoxAnswerMdns, SdpSamples.LegacyFirefoxOffer];

    [Fact]
    public void Writer_refuses_fields_that_would_inject_lines()
    {
        var offer = SdpNegotiation.CreateOffer(Local("candidate:1 1 udp 1 10.0.0.1 1 typ host\r\na=setup:passive"));
        Assert.Throws<ArgumentException>(() => SdpWriter.Write(offer));
        Assert.Throws<ArgumentException>(() => SdpWriter.Write(SdpNegotiation.CreateOffer(Local()) with { IceUfrag = "ab\ncd" }));
    }
}
