using System.Text;

namespace HlsSwarm.Protocol.Swarm;

/// <summary>
/// The 2.3.x canonical string of a stream, exactly as hls.js 1.6 + p2p-media-loader 2.3 build it (spec §1.2):
/// <code>
/// canonical = B "-" CODECS "-" W "-" H "-" LANG "-" CH "-" NAME "-" FR "-" VR
/// </code>
/// Its SHA-1 in Base64 is the streamIndex (<see cref="SwarmIdentity.StreamIndex"/>). Total functions: any attribute
/// strings, however malformed, give a string and never an exception.
/// </summary>
public static class StreamCanonicalString
{
    /// <summary>The canonical string of a variant whose bit rate is 0: "missing metadata" (spec §1.2), also what a media playlist loaded directly as the manifest gets.</summary>
    public const string MissingMetadata = "0--------";

    private static readonly char[] CodecSeparators = [' ', ','];

    /// <summary>The canonical string of a main stream (one <c>#EXT-X-STREAM-INF</c>).</summary>
    public static string ForVariant(VariantAttributes variant) => ForVariant(variant, HlsJsCodecs(variant.Codecs, SampleEntryCodes.IsVideo));

    /// <summary>
    /// The canonical string of a main stream whose hls.js <c>videoCodec</c> is given: the video entries of
    /// <c>CODECS</c> cut at <c>/</c> and joined with <c>,</c>, plus any codec hls.js does not list that the browser's
    /// MediaSource accepts as video when every variant has such a codec (hls.js playlist-loader). <see cref="VariantAttributes.Codecs"/>
    /// is not read.
    /// </summary>
    public static string ForVariant(VariantAttributes variant, string? videoCodec)
    {
        // hls.js: bitrate = decimalInteger('BANDWIDTH') || decimalInteger('AVERAGE-BANDWIDTH').
        double bitrate = JsNumber.HlsDecimalInteger(variant.Bandwidth);
        if (bitrate == 0 || double.IsNaN(bitrate))
        {
            bitrate = JsNumber.HlsDecimalInteger(variant.AverageBandwidth);
        }

        if (bitrate == 0)
        {
            return MissingMetadata; // NaN is not "missing metadata": it prints as NaN with the other fields filled in.
        }

        var (width, height) = Resolution(variant.Resolution);
        return Join(
            JsNumber.ToJsString(bitrate),
            NormaliseCodecs(videoCodec, video: true),
            width,
            height,
            string.Empty,
            string.Empty,
            string.Empty,
            FrameRate(variant.FrameRate),
            variant.VideoRange is null ? string.Empty : JsNumber.Trim(JsCase.ToUpper(variant.VideoRange)));
    }

    /// <summary>The canonical string of a secondary stream (one <c>#EXT-X-MEDIA:TYPE=AUDIO</c>).</summary>
    public static string ForAudioRendition(AudioRenditionAttributes rendition) =>
        ForAudioRendition(rendition, HlsJsCodecs(rendition.VariantCodecs, SampleEntryCodes.IsAudio));

    /// <summary>
    /// The canonical string of a secondary stream whose hls.js <c>audioCodec</c> is given (that of the associated
    /// variant, see <see cref="ForVariant(VariantAttributes, string)"/>); <see cref="AudioRenditionAttributes.VariantCodecs"/> is not read.
    /// </summary>
    public static string ForAudioRendition(AudioRenditionAttributes rendition, string? audioCodec)
    {
        var language = rendition.Language;
        var lang = string.IsNullOrEmpty(language) || language == "und"
            ? string.Empty
            : JsCase.ToLower(language.Length > 2 ? language[..2] : language);
        var channels = rendition.Channels;
        var ch = channels is null ? string.Empty : channels[..(channels.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? slash : channels.Length)];

        // hls.js: name = NAME || LANGUAGE || ''.
        var name = !string.IsNullOrEmpty(rendition.Name) ? rendition.Name : language ?? string.Empty;
        return Join(
            "0",
            NormaliseCodecs(audioCodec, video: false),
            string.Empty,
            string.Empty,
            lang,
            ch,
            JsNumber.Trim(JsCase.ToLower(name)),
            string.Empty,
            string.Empty);
    }

    /// <summary>
    /// The <c>CODECS</c> value hls.js associates with an audio rendition of group <paramref name="groupId"/>: that of
    /// the first variant whose <c>AUDIO</c> equals the group id (ordinal; a missing <c>GROUP-ID</c> counts as empty), else
    /// that of the first variant; null when there is no variant.
    /// </summary>
    public static string? AssociatedVariantCodecs(string? groupId, IReadOnlyList<VariantAttributes> variants)
    {
        // hls.js parseMasterPlaylistMedia: media.groupId = GROUP-ID || ''; findGroup(groups, groupId) || groups[0].
        var id = groupId ?? string.Empty;
        foreach (var variant in variants)
        {
            if (string.Equals(variant.Audio, id, StringComparison.Ordinal))
            {
                return variant.Codecs;
            }
        }

        return variants.Count > 0 ? variants[0].Codecs : null;
    }

    /// <summary>
    /// hls.js <c>setCodecs</c> for one type: the entries of <paramref name="codecs"/> (split on spaces and commas,
    /// <c>/[ ,]+/</c>) of that type by their sample-entry code, each cut at its first <c>/</c>, joined with <c>,</c>;
    /// null when there is none (<c>videoCodec</c> / <c>audioCodec</c> unset).
    /// </summary>
    public static string? HlsJsCodecs(string? codecs, Func<string, bool> ofType)
    {
        if (string.IsNullOrEmpty(codecs))
        {
            return null;
        }

        var kept = new List<string>();
        foreach (var entry in codecs.Split(CodecSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (ofType(entry))
            {
                var slash = entry.IndexOf('/', StringComparison.Ordinal);
                kept.Add(slash >= 0 ? entry[..slash] : entry);
            }
        }

        return kept.Count == 0 ? null : string.Join(',', kept);
    }

    /// <summary>
    /// The CODECS part from hls.js's <c>videoCodec</c> or <c>audioCodec</c>: split on <c>,</c>, for video hls.js's
    /// decimal <c>avc1</c> rewrite (level-controller <c>convertAVC1ToAVCOTI</c>, done before p2pml reads the level, spec
    /// §1.2 consequences), then p2pml's: trim, lower-case, rewrite decimal <c>avc1.P.L</c> to hex, sort ordinally, join
    /// with <c>,</c>.
    /// </summary>
    private static string NormaliseCodecs(string? codecs, bool video)
    {
        if (string.IsNullOrEmpty(codecs))
        {
            return string.Empty;
        }

        var kept = new List<string>();
        foreach (var entry in codecs.Split(','))
        {
            var codec = video ? HlsConvertAvc1ToAvcoti(entry) : entry;
            kept.Add(RewriteDecimalAvc(JsCase.ToLower(JsNumber.Trim(codec))));
        }

        kept.Sort(StringComparer.Ordinal);
        return string.Join(',', kept);
    }

    /// <summary>
    /// hls.js 1.6 <c>convertAVC1ToAVCOTI</c> on one entry: <c>avc1.A.B[...]</c> (case-sensitive <c>avc1</c>, at least
    /// three dot-separated parts) becomes <c>avc1.</c> + hex(parseInt(A)) + last 4 chars of <c>000</c> + hex(parseInt(B)),
    /// e.g. <c>avc1.66.30</c> → <c>avc1.42001e</c>, <c>avc1.10.9</c> → <c>avc1.a0009</c>. Other entries are unchanged.
    /// </summary>
    private static string HlsConvertAvc1ToAvcoti(string codec)
    {
        var parts = codec.Split('.');
        if (parts.Length <= 2 || parts[0] != "avc1")
        {
            return codec;
        }

        var level = "000" + JsNumber.ToHexString(JsNumber.ParseIntAutoRadix(parts[2]));
        return "avc1." + JsNumber.ToHexString(JsNumber.ParseIntAutoRadix(parts[1])) + level[^4..];
    }

    /// <summary>
    /// p2p-media-loader 2.3 <c>generateStreamShortId</c>: an entry of exactly three parts <c>avc1.P.L</c> or
    /// <c>avc.P.L</c> whose P and L print back identically after <c>parseInt(x, 10)</c> becomes
    /// <c>&lt;avc1|avc&gt;.</c> + hex(P) + <c>00</c> + hex(L), each hex padded to 2 digits. After hls.js's own rewrite it
    /// rarely fires; kept for exactness.
    /// </summary>
    private static string RewriteDecimalAvc(string codec)
    {
        var parts = codec.Split('.');
        if (parts.Length != 3 || (parts[0] != "avc1" && parts[0] != "avc"))
        {
            return codec;
        }

        var profile = JsNumber.ParseInt(parts[1]);
        var level = JsNumber.ParseInt(parts[2]);
        if (double.IsNaN(profile) || double.IsNaN(level) || parts[1] != JsNumber.ToJsString(profile) || parts[2] != JsNumber.ToJsString(level))
        {
            return codec;
        }

        return parts[0] + "." + JsNumber.ToHexString(profile).PadLeft(2, '0') + "00" + JsNumber.ToHexString(level).PadLeft(2, '0');
    }

    private static bool AllAsciiDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>hls.js <c>decimalResolution</c>: <c>/^(\d+)x(\d+)$/</c>, each side through <c>parseInt</c>; empty otherwise.</summary>
    private static (string Width, string Height) Resolution(string? resolution)
    {
        if (resolution is null)
        {
            return (string.Empty, string.Empty);
        }

        int x = resolution.IndexOf('x', StringComparison.Ordinal);
        if (x <= 0 || x == resolution.Length - 1 || !AllAsciiDigits(resolution.AsSpan(0, x)) || !AllAsciiDigits(resolution.AsSpan(x + 1)))
        {
            return (string.Empty, string.Empty);
        }

        return (JsNumber.ToJsString(JsNumber.ParseInt(resolution[..x])), JsNumber.ToJsString(JsNumber.ParseInt(resolution[(x + 1)..])));
    }

    /// <summary>FR: <c>Number(FRAME-RATE)</c> printed the JS way; empty if absent, empty or NaN.</summary>
    private static string FrameRate(string? frameRate)
    {
        if (string.IsNullOrEmpty(frameRate))
        {
            return string.Empty;
        }

        var value = JsNumber.ParseNumber(frameRate);
        return double.IsNaN(value) ? string.Empty : JsNumber.ToJsString(value);
    }

    private static string Join(string b, string codecs, string w, string h, string lang, string ch, string name, string fr, string vr) =>
        new StringBuilder(b.Length + codecs.Length + w.Length + h.Length + lang.Length + ch.Length + name.Length + fr.Length + vr.Length + 8)
            .Append(b).Append('-').Append(codecs).Append('-').Append(w).Append('-').Append(h).Append('-')
            .Append(lang).Append('-').Append(ch).Append('-').Append(name).Append('-').Append(fr).Append('-').Append(vr)
            .ToString();
}
