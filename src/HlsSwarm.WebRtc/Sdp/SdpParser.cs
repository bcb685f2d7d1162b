using System.Globalization;
using HlsSwarm.WebRtc.Dtls;

namespace HlsSwarm.WebRtc.Sdp;

/// <summary>
/// Reads the data-channel part of a browser's session description
/// (<see href="https://www.rfc-editor.org/rfc/rfc8866">RFC 8866</see> syntax, <see href="https://www.rfc-editor.org/rfc/rfc8841">RFC 8841</see>
/// media section). Tolerant where browsers differ: attributes at session or media level (Firefox puts
/// <c>a=fingerprint</c> and <c>a=ice-options</c> at session level, Chrome at media level), LF or CRLF line ends,
/// unknown lines and attributes ignored, the legacy <c>DTLS/SCTP 5000</c> + <c>a=sctpmap</c> form of old Firefox.
/// Strict where a data channel could not work: ICE credentials, fingerprint, setup, SCTP port. Never throws.
/// </summary>
public static class SdpParser
{
    /// <summary>Longest description accepted, in characters (a browser's data-only SDP is 1–3 KB).</summary>
    public const int MaxLength = 128 * 1024;

    /// <summary>Most candidates accepted in one description.</summary>
    public const int MaxCandidates = 256;

    /// <summary>Parses <paramref name="text"/>; on success <paramref name="description"/> is set.</summary>
    public static SdpParseError TryParse(string? text, out SessionDescription? description)
    {
        description = null;
        if (string.IsNullOrEmpty(text))
        {
            return SdpParseError.Empty;
        }

        if (text.Length > MaxLength)
        {
            return SdpParseError.TooLong;
        }

        var session = new Section();
        Section? media = null;
        Section? chosen = null;
        var skipped = 0;
        var first = true;
        string sessionId = "0";
        ulong sessionVersion = 0;
        string[] bundle = [];

        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            // EnumerateLines splits on CRLF, LF and a few others; a lone CR or other control char is malformed below.
            var line = rawLine;
            if (line.IsEmpty)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                return SdpParseError.MalformedLine;
            }

            foreach (var c in line)
            {
                if (c < ' ' && c != '\t' || c == 0x7f)
                {
                    return SdpParseError.MalformedLine;
                }
            }

            var type = line[0];
            var value = line[2..];
            if (first)
            {
                if (type != 'v' || !value.SequenceEqual("0"))
                {
                    return SdpParseError.BadVersion;
                }

                first = false;
                continue;
            }

            switch (type)
            {
                case 'o' when media is null:
                    ParseOrigin(value, ref sessionId, ref sessionVersion);
                    break;
                case 'm':
                {
                    if (media is not null && !ReferenceEquals(media, chosen))
                    {
                        skipped++;
                    }

                    var error = ParseMediaLine(value, out media);
                    if (error != SdpParseError.None)
                    {
                        return error;
                    }

                    if (media.IsDataChannel && chosen is null)
                    {
                        chosen = media;
                    }

                    break;
                }

                case 'c':
                {
                    // RFC 8866 §5.7: a session-level c= applies to media sections that have none.
                    var section = media ?? session;
                    section.ConnectionAddress = ParseConnection(value) ?? section.ConnectionAddress;
                    break;
                }

                case 'a':
                {
                    if (media is null && value.StartsWith("group:BUNDLE"))
                    {
                        bundle = SplitTokens(value["group:BUNDLE".Length..]);
                        break;
                    }

                    var error = (media ?? session).AddAttribute(value);
                    if (error != SdpParseError.None && (media is null || ReferenceEquals(media, chosen)))
                    {
                        return error;
                    }

                    break;
                }
            }
        }

        if (first)
        {
            return SdpParseError.Empty;
        }

        if (media is not null && !ReferenceEquals(media, chosen))
        {
            skipped++;
        }

        if (chosen is null)
        {
            return SdpParseError.NoDataChannelSection;
        }

        var ufrag = chosen.IceUfrag ?? session.IceUfrag;
        if (ufrag is null || !IsIceChars(ufrag, 4))
        {
            return SdpParseError.BadIceUfrag;
        }

        var pwd = chosen.IcePwd ?? session.IcePwd;
        if (pwd is null || !IsIceChars(pwd, 22))
        {
            return SdpParseError.BadIcePwd;
        }

        var fingerprints = chosen.Fingerprints.Count > 0 ? chosen.Fingerprints : session.Fingerprints;
        if (fingerprints.Count == 0)
        {
            return SdpParseError.BadFingerprint;
        }

        if (chosen.Candidates.Count > MaxCandidates)
        {
            return SdpParseError.TooManyCandidates;
        }

        description = new SessionDescription
        {
            SessionId = sessionId,
            SessionVersion = sessionVersion,
            BundleGroup = bundle,
            Protocol = chosen.Protocol,
            MediaPort = chosen.Port,
            ConnectionAddress = chosen.ConnectionAddress ?? session.ConnectionAddress ?? "0.0.0.0",
            Mid = chosen.Mid,
            IceUfrag = ufrag,
            IcePwd = pwd,
            IceOptions = chosen.IceOptions ?? session.IceOptions ?? [],
            IceLite = session.IceLite || chosen.IceLite,
            Fingerprints = fingerprints,
            Setup = chosen.Setup ?? session.Setup ?? DtlsSetup.Active,
            SctpPort = chosen.SctpPort,
            MaxMessageSize = chosen.MaxMessageSize,
            Candidates = chosen.Candidates,
            EndOfCandidates = chosen.EndOfCandidates || session.EndOfCandidates,
            SkippedMediaSections = skipped,
        };
        return SdpParseError.None;
    }

    // o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address> (RFC 8866 §5.2).
    private static void ParseOrigin(ReadOnlySpan<char> value, ref string sessionId, ref ulong sessionVersion)
    {
        Span<Range> parts = stackalloc Range[7];
        if (value.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries) < 3)
        {
            return;
        }

        var id = value[parts[1]];
        if (id.Length is > 0 and <= 40 && !id.ContainsAnyExceptInRange('0', '9'))
        {
            sessionId = id.ToString();
        }

        if (ulong.TryParse(value[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            sessionVersion = version;
        }
    }

    // c=<nettype> <addrtype> <connection-address> (RFC 8866 §5.7).
    private static string? ParseConnection(ReadOnlySpan<char> value)
    {
        Span<Range> parts = stackalloc Range[4];
        var n = value.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries);
        return n >= 3 && value[parts[2]].Length <= 256 ? value[parts[2]].ToString() : null;
    }

    // m=<media> <port>[/<number of ports>] <proto> <fmt> ... (RFC 8866 §5.14).
    private static SdpParseError ParseMediaLine(ReadOnlySpan<char> value, out Section media)
    {
        media = new Section();
        Span<Range> parts = stackalloc Range[5];
        var n = value.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (n < 4)
        {
            return SdpParseError.MalformedMediaLine;
        }

        var port = value[parts[1]];
        var slash = port.IndexOf('/');
        if (slash >= 0)
        {
            port = port[..slash];
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber > 65535)
        {
            return SdpParseError.MalformedMediaLine;
        }

        media.Port = portNumber;
        var kind = value[parts[0]];
        var proto = value[parts[2]];
        var format = value[parts[3]];
        if (!kind.SequenceEqual("application"))
        {
            return SdpParseError.None;
        }

        // RFC 8841 §4.1: UDP/DTLS/SCTP (and TCP/DTLS/SCTP) with the "webrtc-datachannel" format.
        if ((proto.Equals("UDP/DTLS/SCTP", StringComparison.OrdinalIgnoreCase) || proto.Equals("TCP/DTLS/SCTP", StringComparison.OrdinalIgnoreCase))
            && format.SequenceEqual("webrtc-datachannel"))
        {
            media.Protocol = SctpMediaProtocol.UdpDtlsSctp;
            media.IsDataChannel = true;
        }
        else if (proto.Equals("DTLS/SCTP", StringComparison.OrdinalIgnoreCase))
        {
            // draft-ietf-mmusic-sctp-sdp-05: the format is the SCTP port.
            if (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var sctpPort) || sctpPort > 65535)
            {
                return SdpParseError.BadSctpPort;
            }

            media.Protocol = SctpMediaProtocol.LegacyDtlsSctp;
            media.SctpPort = sctpPort;
            media.IsDataChannel = true;
        }

        return SdpParseError.None;
    }

    private static string[] SplitTokens(ReadOnlySpan<char> value)
    {
        var list = new List<string>();
        foreach (var range in value.Split(' '))
        {
            var token = value[range].Trim();
            if (!token.IsEmpty && list.Count < 16)
            {
                list.Add(token.ToString());
            }
        }

        return [.. list];
    }

    // ice-char = ALPHA / DIGIT / "+" / "/"; ufrag 4–256, pwd 22–256 (RFC 8839 §5.4).
    private static bool IsIceChars(string value, int minLength)
    {
        if (value.Length < minLength || value.Length > 256)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '/')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Attributes collected for the session level or one media section.</summary>
    private sealed class Section
    {
        public bool IsDataChannel;
        public SctpMediaProtocol Protocol;
        public int Port;
        public string? ConnectionAddress;
        public string? Mid;
        public string? IceUfrag;
        public string? IcePwd;
        public string[]? IceOptions;
        public bool IceLite;
        public readonly List<DtlsFingerprint> Fingerprints = [];
        public DtlsSetup? Setup;
        public int SctpPort = SessionDescription.DefaultSctpPort;
        public long? MaxMessageSize;
        public readonly List<string> Candidates = [];
        public bool EndOfCandidates;

        public SdpParseError AddAttribute(ReadOnlySpan<char> attribute)
        {
            var colon = attribute.IndexOf(':');
            var name = colon < 0 ? attribute : attribute[..colon];
            var value = colon < 0 ? [] : attribute[(colon + 1)..];
            switch (name)
            {
                case "candidate":
                    if (Candidates.Count > MaxCandidates)
                    {
                        return SdpParseError.TooManyCandidates;
                    }

                    Candidates.Add(attribute.ToString());
                    break;
                case "end-of-candidates":
                    EndOfCandidates = true;
                    break;
                case "ice-ufrag":
                    IceUfrag = value.Trim().ToString();
                    break;
                case "ice-pwd":
                    IcePwd = value.Trim().ToString();
                    break;
                case "ice-options":
                    IceOptions = SplitTokens(value);
                    break;
                case "ice-lite":
                    IceLite = true;
                    break;
                case "mid":
                    var mid = value.Trim();
                    if (mid.Length is > 0 and <= 64)
                    {
                        Mid = mid.ToString();
                    }

                    break;
                case "fingerprint":
                    if (!DtlsFingerprint.TryParse(value, out var fingerprint))
                    {
                        return SdpParseError.BadFingerprint;
                    }

                    if (Fingerprints.Count < 8)
                    {
                        Fingerprints.Add(fingerprint!);
                    }

                    break;
                case "setup":
                    var setup = value.Trim();
                    if (setup.Equals("actpass", StringComparison.OrdinalIgnoreCase))
                    {
                        Setup = DtlsSetup.ActPass;
                    }
                    else if (setup.Equals("active", StringComparison.OrdinalIgnoreCase))
                    {
                        Setup = DtlsSetup.Active;
                    }
                    else if (setup.Equals("passive", StringComparison.OrdinalIgnoreCase))
                    {
                        Setup = DtlsSetup.Passive;
                    }
                    else
                    {
                        // "holdconn" and unknown values: no DTLS connection can be formed (RFC 8842 §5).
                        return SdpParseError.BadSetup;
                    }

                    break;
                case "sctp-port":
                    if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                    {
                        return SdpParseError.BadSctpPort;
                    }

                    SctpPort = port;
                    break;
                case "sctpmap":
                {
                    // a=sctpmap:<port> webrtc-datachannel [<streams>] (legacy draft); only the port matters.
                    var trimmed = value.Trim();
                    var space = trimmed.IndexOf(' ');
                    var portText = space < 0 ? trimmed : trimmed[..space];
                    if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var mapPort) || mapPort > 65535)
                    {
                        return SdpParseError.BadSctpPort;
                    }

                    SctpPort = mapPort;
                    break;
                }

                case "max-message-size":
                    if (!long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                    {
                        return SdpParseError.BadMaxMessageSize;
                    }

                    MaxMessageSize = size;
                    break;
            }

            return SdpParseError.None;
        }
    }
}
