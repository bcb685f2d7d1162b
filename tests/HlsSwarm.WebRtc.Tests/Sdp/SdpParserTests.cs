using HlsSwarm.WebRtc.Dtls;
using HlsSwarm.WebRtc.Sdp;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Sdp;

public class SdpParserTests
{
    private static SessionDescription Parse(string text)
    {
        Assert.Equal(SdpParseError.None, SdpParser.TryParse(text, out var d));
        return d!;
    }

    [Fact]
    public void Chrome_offer_with_mdns_host_and_srflx_candidates()
    {
        var d = Parse(SdpSamples.ChromeOfferMdns);
        Assert.Equal("2890844526093487301", d.SessionId);
        Assert.Equal(2UL, d.SessionVersion);
        Assert.Equal(["0"], d.BundleGroup);
        Assert.Equal(SctpMediaProtocol.UdpDtlsSctp, d.Protocol);
        Assert.Equal(47189, d.MediaPort);
        Assert.Equal("203.0.113.7", d.ConnectionAddress);
        Assert.Equal("0", d.Mid);
        Assert.Equal("EsAw", d.IceUfrag);
        Assert.Equal("P2uYro0UCOQ4zxjKXaWCBui1", d.IcePwd);
        Assert.Empty(d.IceOptions);
        var fp = Assert.Single(d.Fingerprints);
        Assert.Equal("sha-256", fp.Algorithm);
        Assert.Equal("D2FA0EC322595E149569923D13B484242CC2A2C03EFD348E5EEA6FAF52CEE60F", Convert.ToHexString(fp.Hash));
        Assert.Equal(DtlsSetup.ActPass, d.Setup);
        Assert.Equal(5000, d.SctpPort);
        Assert.Equal(262144, d.MaxMessageSize);
        Assert.Equal(262144, d.EffectiveMaxMessageSize);
        Assert.Equal(2, d.Candidates.Count);
        Assert.Equal("candidate:3442447574 1 udp 2113937151 cbf55dcd-2f1e-4b3a-9c55-1f2d3e4a5b6c.local 47189 typ host generation 0 network-cost 999", d.Candidates[0]);
        Assert.EndsWith("typ srflx raddr 0.0.0.0 rport 0 generation 0 network-cost 999", d.Candidates[1]);
        Assert.False(d.EndOfCandidates);
        Assert.Equal(0, d.SkippedMediaSections);
    }

    [Fact]
    public void Chrome_answer_with_ip_literal_is_active()
    {
        var d = Parse(SdpSamples.ChromeAnswerIpLiteral);
        Assert.Equal(DtlsSetup.Active, d.Setup);
        Assert.Equal("+H2x", d.IceUfrag);
        Assert.Equal("9/Zq1CtwQDMC4a1IvyqXMKtc", d.IcePwd);
        Assert.Contains("10.77.0.1 53120 typ host", Assert.Single(d.Candidates));
    }

    [Fact]
    public void Firefox_offer_with_session_level_fingerprint_and_ice_options()
    {
        var d = Parse(SdpSamples.FirefoxOffer);
        Assert.Equal("7512937478547221440", d.SessionId);
        Assert.Equal(0UL, d.SessionVersion);
        Assert.Equal(SdpSamples.FirefoxFingerprint, d.Fingerprints[0].ToSdpValue()["sha-256 ".Length..]);
        Assert.Equal(["trickle"], d.IceOptions);
        Assert.Equal("1d3c2a5f", d.IceUfrag);
        Assert.Equal(1073741823, d.MaxMessageSize);
        Assert.True(d.EndOfCandidates);
        Assert.Equal(2, d.Candidates.Count);
        Assert.StartsWith("candidate:1 1 UDP 1686052863 198.51.100.4 54609 typ srflx raddr 10.77.0.1 rport 54609", d.Candidates[1]);
    }

    [Fact]
    public void Firefox_answer_with_mdns_candidate_is_active_and_ends_candidates()
    {
        var d = Parse(SdpSamples.FirefoxAnswerMdns);
        Assert.Equal(DtlsSetup.Active, d.Setup);
        Assert.Equal(9, d.MediaPort);
        Assert.Equal("0.0.0.0", d.ConnectionAddress);
        Assert.Contains(".local 60712 typ host", Assert.Single(d.Candidates));
        Assert.True(d.EndOfCandidates);
        Assert.Equal("9a8b7c6d", d.IceUfrag);
        Assert.Equal(SdpSamples.FirefoxFingerprint, d.Fingerprints[0].ToSdpValue()["sha-256 ".Length..]);
        Assert.True(SdpNegotiation.TryResolveDtlsRole(DtlsSetup.ActPass, d.Setup, out var offererRole));
        Assert.Equal(HlsSwarm.WebRtc.Dtls.DtlsRole.Server, offererRole);
    }

    [Fact]
    public void Legacy_firefox_dtls_sctp_with_sctpmap_and_lf_line_ends_is_tolerated()
    {
        var d = Parse(SdpSamples.LegacyFirefoxOffer);
        Assert.Equal(SctpMediaProtocol.LegacyDtlsSctp, d.Protocol);
        Assert.Equal(5000, d.SctpPort);
        Assert.Equal("sdparta_0", d.Mid);
        Assert.Equal(["sdparta_0"], d.BundleGroup);
        Assert.Null(d.MaxMessageSize);
        Assert.Equal(SessionDescription.DefaultMaxMessageSize, d.EffectiveMaxMessageSize);
        Assert.Empty(d.Candidates);
    }

    [Fact]
    public void Trickle_stripped_by_p2pml_is_simply_absent()
    {
        var stripped = SdpSamples.FirefoxOffer.Replace("a=ice-options:trickle\r\n", "", StringComparison.Ordinal);
        Assert.Empty(Parse(stripped).IceOptions);
    }

    [Fact]
    public void Max_message_size_zero_means_no_limit()
    {
        var d = Parse(SdpSamples.ChromeOfferMdns.Replace("max-message-size:262144", "max-message-size:0", StringComparison.Ordinal));
        Assert.Equal(long.MaxValue, d.EffectiveMaxMessageSize);
    }

    [Fact]
    public void Audio_and_video_sections_are_skipped_and_the_data_section_found()
    {
        var text = SdpSamples.ChromeOfferMdns.Replace(
            "m=application",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=setup:holdconn\r\na=mid:a\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:v\r\nm=application",
            StringComparison.Ordinal);
        var d = Parse(text);
        Assert.Equal(2, d.SkippedMediaSections);
        Assert.Equal("0", d.Mid);
        Assert.Equal(DtlsSetup.ActPass, d.Setup);
    }

    [Fact]
    public void A_session_level_connection_line_applies_when_the_media_has_none()
    {
        var text = SdpSamples.ChromeOfferMdns
            .Replace("c=IN IP4 203.0.113.7\r\n", "", StringComparison.Ordinal)
            .Replace("t=0 0\r\n", "c=IN IP4 192.0.2.9\r\nt=0 0\r\n", StringComparison.Ordinal);
        Assert.Equal("192.0.2.9", Parse(text).ConnectionAddress);
        Assert.Equal("0.0.0.0", Parse(text.Replace("c=IN IP4 192.0.2.9\r\n", "", StringComparison.Ordinal)).ConnectionAddress);
    }

    [Fact]
    public void Unknown_lines_and_attributes_are_ignored()
    {
        var text = SdpSamples.ChromeOfferMdns.Replace(
            "a=mid:0",
            "a=mid:0\r\na=x-google-flag:conference\r\nb=AS:30\r\nk=prompt\r\na=rtcp-mux\r\nz=0",
            StringComparison.Ordinal);
        Assert.Equal("0", Parse(text).Mid);
    }

    [Theory]
    [InlineData("", SdpParseError.Empty)]
    [InlineData("\r\n\r\n", SdpParseError.Empty)]
    [InlineData("v=1\r\n", SdpParseError.BadVersion)]
    [InlineData("o=- 1 1 IN IP4 0.0.0.0\r\n", SdpParseError.BadVersion)]
    [InlineData("v=0\r\ns=-\r\n", SdpParseError.NoDataChannelSection)]
    [InlineData("v=0\r\nhello\r\n", SdpParseError.MalformedLine)]
    [InlineData("v=0\r\nA=b\r\n", SdpParseError.MalformedLine)]
    [InlineData("v=0\r\na=x\0y\r\n", SdpParseError.MalformedLine)]
    [InlineData("v=0\r\nm=application\r\n", SdpParseError.MalformedMediaLine)]
    [InlineData("v=0\r\nm=application x UDP/DTLS/SCTP webrtc-datachannel\r\n", SdpParseError.MalformedMediaLine)]
    [InlineData("v=0\r\nm=application 70000 UDP/DTLS/SCTP webrtc-datachannel\r\n", SdpParseError.MalformedMediaLine)]
    [InlineData("v=0\r\nm=application 9 DTLS/SCTP webrtc\r\n", SdpParseError.BadSctpPort)]
    [InlineData("v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n", SdpParseError.BadIceUfrag)]
    [InlineData("v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n", SdpParseError.NoDataChannelSection)]
    public void Hostile_or_useless_descriptions_fail_with_their_error(string text, SdpParseError expected)
    {
        Assert.Equal(expected, SdpParser.TryParse(text, out var d));
        Assert.Null(d);
    }

    [Theory]
    [InlineData("a=ice-ufrag:EsAw", "a=ice-ufrag:abc", SdpParseError.BadIceUfrag)]
    [InlineData("a=ice-ufrag:EsAw", "a=ice-ufrag:Es-w", SdpParseError.BadIceUfrag)]
    [InlineData("a=ice-ufrag:EsAw\r\n", "", SdpParseError.BadIceUfrag)]
    [InlineData("a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1", "a=ice-pwd:short", SdpParseError.BadIcePwd)]
    [InlineData("a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\n", "", SdpParseError.BadIcePwd)]
    [InlineData(":E6:0F", ":E6", SdpParseError.BadFingerprint)]
    [InlineData(":E6:0F", ":E6:0", SdpParseError.BadFingerprint)]
    [InlineData("a=fingerprint:sha-256 D2", "a=fingerprint:sha-256", SdpParseError.BadFingerprint)]
    [InlineData("a=fingerprint:sha-256 D2:FA:0E", "a=fingerprint:sha-256 D2-FA:0E", SdpParseError.BadFingerprint)]
    [InlineData("a=fingerprint:sha-256 D2:FA:0E", "a=fingerprint:sha-256 G2:FA:0E", SdpParseError.BadFingerprint)]
    [InlineData("a=fingerprint:sha-256 D2:FA:0E", "a=fingerprint:sha-1 D2:FA:0E", SdpParseError.BadFingerprint)]
    [InlineData("a=setup:actpass", "a=setup:holdconn", SdpParseError.BadSetup)]
    [InlineData("a=sctp-port:5000", "a=sctp-port:-1", SdpParseError.BadSctpPort)]
    [InlineData("a=sctp-port:5000", "a=sctp-port:65536", SdpParseError.BadSctpPort)]
    [InlineData("a=max-message-size:262144", "a=max-message-size:big", SdpParseError.BadMaxMessageSize)]
    [InlineData("a=max-message-size:262144", "a=max-message-size:99999999999999999999", SdpParseError.BadMaxMessageSize)]
    public void A_broken_attribute_in_the_data_section_fails_with_its_error(string find, string replace, SdpParseError expected)
    {
        var text = SdpSamples.ChromeOfferMdns.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(SdpSamples.ChromeOfferMdns, text);
        Assert.Equal(expected, SdpParser.TryParse(text, out _));
    }

    [Fact]
    public void Missing_fingerprint_fails()
    {
        var text = SdpSamples.ChromeOfferMdns.Replace("a=fingerprint:sha-256 " + SdpSamples.ChromeFingerprint + "\r\n", "", StringComparison.Ordinal);
        Assert.Equal(SdpParseError.BadFingerprint, SdpParser.TryParse(text, out _));
    }

    [Fact]
    public void Missing_setup_defaults_to_active_as_rfc_4145_says()
    {
        var text = SdpSamples.ChromeOfferMdns.Replace("a=setup:actpass\r\n", "", StringComparison.Ordinal);
        Assert.Equal(DtlsSetup.Active, Parse(text).Setup);
    }

    [Fact]
    public void Too_long_and_too_many_candidates_are_refused()
    {
        Assert.Equal(SdpParseError.TooLong, SdpParser.TryParse("v=0\r\n" + new string('a', SdpParser.MaxLength), out _));
        var many = string.Concat(Enumerable.Range(0, SdpParser.MaxCandidates + 1).Select(i => $"a=candidate:{i} 1 udp 1 10.0.0.1 {i + 1} typ host\r\n"));
        var text = SdpSamples.ChromeOfferMdns.Replace("a=ice-ufrag", many + "a=ice-ufrag", StringComparison.Ordinal);
        Assert.Equal(SdpParseError.TooManyCandidates, SdpParser.TryParse(text, out _));
    }

    [Fact]
    public void Extra_fingerprints_are_kept_and_unknown_hashes_never_match()
    {
        var text = SdpSamples.ChromeOfferMdns.Replace("a=setup", "a=fingerprint:x-new-hash 01:02:03\r\na=setup", StringComparison.Ordinal);
        var d = Parse(text);
        Assert.Equal(2, d.Fingerprints.Count);
        Assert.False(d.Fingerprints[1].Matches([1, 2, 3]));
    }
}
