using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HlsSwarm.WebRtc.Dtls;
using HlsSwarm.WebRtc.Sdp;

namespace HlsSwarm.WebRtc.Tests.Sdp;

public class SdpPropertyTests
{
    private static readonly string[] Samples =
        [SdpSamples.ChromeOfferMdns, SdpSamples.ChromeAnswerIpLiteral, SdpSamples.FirefoxOffer, SdpSamples.FirefoxAnswerMdns, SdpSamples.LegacyFirefoxOffer];

    [Property(MaxTest = 500)]
    public bool Random_text_never_throws(string? text)
    {
        var error = SdpParser.TryParse(text, out var d);
        return (error == SdpParseError.None) == (d is not null);
    }

    [Property(MaxTest = 300)]
    public bool Truncated_browser_sdp_never_throws_and_gives_a_result(NonNegativeInt sample, NonNegativeInt cut)
    {
        var s = Samples[sample.Get % Samples.Length];
        var text = s[..(cut.Get % (s.Length + 1))];
        var error = SdpParser.TryParse(text, out var d);
        return (error == SdpParseError.None) == (d is not null);
    }

    [Property(MaxTest = 500)]
    public bool Mutated_browser_sdp_never_throws(NonNegativeInt sample, NonNegativeInt position, char replacement)
    {
        var s = Samples[sample.Get % Samples.Length].ToCharArray();
        s[position.Get % s.Length] = replacement;
        var error = SdpParser.TryParse(new string(s), out var d);
        return (error == SdpParseError.None) == (d is not null);
    }

    [Property(MaxTest = 300)]
    public bool Dropping_a_line_never_throws(NonNegativeInt sample, NonNegativeInt line)
    {
        var lines = Samples[sample.Get % Samples.Length].Split("\r\n").ToList();
        lines.RemoveAt(line.Get % lines.Count);
        var error = SdpParser.TryParse(string.Join("\r\n", lines), out var d);
        return (error == SdpParseError.None) == (d is not null);
    }

    [Property(MaxTest = 200)]
    public bool Created_offers_and_answers_round_trip(ulong sessionId, byte[] certificate, PositiveInt maxMessageSize, bool answer)
    {
        var local = new SdpLocalParameters
        {
            SessionId = sessionId,
            IceUfrag = "abcd" + (sessionId % 1000),
            IcePwd = "0123456789abcdef+/XYZW" + (sessionId % 97),
            Fingerprint = DtlsFingerprint.FromCertificate(certificate ?? []),
            Candidates = [$"candidate:1 1 udp 2122260223 10.0.0.{sessionId % 255} {sessionId % 65535} typ host"],
            MaxMessageSize = maxMessageSize.Get,
        };
        var offer = SdpNegotiation.CreateOffer(local);
        var d = answer ? SdpNegotiation.CreateAnswer(offer, local) : offer;
        var text = SdpWriter.Write(d);
        return SdpParser.TryParse(text, out var parsed) == SdpParseError.None
            && SdpWriter.Write(parsed!) == text
            && parsed!.Fingerprints[0].Equals(local.Fingerprint)
            && parsed.MaxMessageSize == maxMessageSize.Get
            && parsed.Setup == d.Setup
            && parsed.Candidates.SequenceEqual(local.Candidates);
    }

    [Property(MaxTest = 300)]
    public bool Random_fingerprint_text_never_throws(string? text) =>
        DtlsFingerprint.TryParse(text, out var fp) == (fp is not null);

    [Property(MaxTest = 200)]
    public bool Fingerprints_round_trip(byte[] der)
    {
        var fp = DtlsFingerprint.FromCertificate(der ?? []);
        return DtlsFingerprint.TryParse(fp.ToSdpValue(), out var back) && back!.Equals(fp) && back.Matches(der ?? []);
    }
}
