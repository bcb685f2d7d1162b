using System.Globalization;
using System.Text;

namespace HlsSwarm.WebRtc.Sdp;

/// <summary>
/// Writes a <see cref="SessionDescription"/> as a browser would: CRLF line ends
/// (<see href="https://www.rfc-editor.org/rfc/rfc8866#section-5">RFC 8866 §5</see>), Chrome's line order, one
/// data-channel media section, all candidates inside (no trickle, spec §3).
/// </summary>
/// <remarks>
/// <code>
/// v=0
/// o=- 4611731400430051336 2 IN IP4 127.0.0.1
/// s=-
/// t=0 0
/// a=group:BUNDLE 0
/// a=extmap-allow-mixed
/// a=msid-semantic: WMS
/// m=application 9 UDP/DTLS/SCTP webrtc-datachannel
/// c=IN IP4 0.0.0.0
/// a=candidate:…
/// a=end-of-candidates
/// a=ice-ufrag:…
/// a=ice-pwd:…
/// a=fingerprint:sha-256 …
/// a=setup:actpass
/// a=mid:0
/// a=sctp-port:5000
/// a=max-message-size:262144
/// </code>
/// </remarks>
public static class SdpWriter
{
    /// <summary>The SDP text of <paramref name="description"/>.</summary>
    /// <exception cref="ArgumentException">A text field contains a control character such as CR or LF, which would
    /// inject lines (a programming error: parsed descriptions never contain one).</exception>
    public static string Write(SessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        CheckField(description.SessionId);
        CheckField(description.ConnectionAddress);
        CheckField(description.Mid);
        CheckField(description.IceUfrag);
        CheckField(description.IcePwd);
        foreach (var text in description.BundleGroup.Concat(description.IceOptions).Concat(description.Candidates))
        {
            CheckField(text);
        }

        var sb = new StringBuilder(1024);
        Line(sb, "v=0");
        Line(sb, $"o=- {description.SessionId} {description.SessionVersion} IN IP4 127.0.0.1");
        Line(sb, "s=-");
        Line(sb, "t=0 0");
        if (description.BundleGroup.Count > 0)
        {
            Line(sb, "a=group:BUNDLE " + string.Join(' ', description.BundleGroup));
        }

        if (description.IceLite)
        {
            Line(sb, "a=ice-lite");
        }

        Line(sb, "a=extmap-allow-mixed");
        Line(sb, "a=msid-semantic: WMS");
        var addressType = description.ConnectionAddress.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4";
        if (description.Protocol == SctpMediaProtocol.LegacyDtlsSctp)
        {
            Line(sb, $"m=application {description.MediaPort} DTLS/SCTP {description.SctpPort}");
        }
        else
        {
            Line(sb, $"m=application {description.MediaPort} UDP/DTLS/SCTP webrtc-datachannel");
        }

        Line(sb, $"c=IN {addressType} {description.ConnectionAddress}");
        foreach (var candidate in description.Candidates)
        {
            Line(sb, "a=" + candidate);
        }

        if (description.EndOfCandidates)
        {
            Line(sb, "a=end-of-candidates");
        }

        Line(sb, "a=ice-ufrag:" + description.IceUfrag);
        Line(sb, "a=ice-pwd:" + description.IcePwd);
        if (description.IceOptions.Count > 0)
        {
            Line(sb, "a=ice-options:" + string.Join(' ', description.IceOptions));
        }

        foreach (var fingerprint in description.Fingerprints)
        {
            Line(sb, "a=fingerprint:" + fingerprint.ToSdpValue());
        }

        Line(sb, "a=setup:" + description.Setup switch
        {
            DtlsSetup.ActPass => "actpass",
            DtlsSetup.Active => "active",
            _ => "passive",
        });
        if (description.Mid is not null)
        {
            Line(sb, "a=mid:" + description.Mid);
        }

        if (description.Protocol == SctpMediaProtocol.LegacyDtlsSctp)
        {
            // Old Firefox's form (draft-ietf-mmusic-sctp-sdp-05 §5); 1024 streams as it announced.
            Line(sb, $"a=sctpmap:{description.SctpPort} webrtc-datachannel 1024");
        }
        else
        {
            Line(sb, "a=sctp-port:" + description.SctpPort.ToString(CultureInfo.InvariantCulture));
        }

        if (description.MaxMessageSize is { } size)
        {
            Line(sb, "a=max-message-size:" + size.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static void CheckField(string? text)
    {
        if (text is not null && text.AsSpan().IndexOfAnyInRange('\0', '\x1f') >= 0)
        {
            throw new ArgumentException($"SDP field \"{text.ReplaceLineEndings(" ")}\" contains a control character.", nameof(text));
        }
    }

    private static void Line(StringBuilder sb, string line) => sb.Append(line).Append("\r\n");
}
