using System.Globalization;
using System.Text.RegularExpressions;

using HlsSwarm.Hls;
using HlsSwarm.Protocol.Swarm;

namespace HlsSwarm.Engine.Streams;

/// <summary>
/// The segments of one media playlist as p2p-media-loader-hlsjs 2.3 records them from hls.js 1.6's parse
/// (<c>SegmentManager.updatePlaylist</c> on the first load of the playlist), in playlist order:
/// <list type="bullet">
/// <item>a segment is a URI; its duration is that of the last <c>EXTINF</c> before it (0 if none);</item>
/// <item><see cref="SwarmSegment.ExternalId"/> is <c>EXT-X-MEDIA-SEQUENCE</c> + position while the playlist is live
/// (no <c>EXT-X-ENDLIST</c>; EVENT playlists too), the position once it is VOD;</item>
/// <item><c>EXT-X-BYTERANGE:n[@o]</c> gives bytes o…o+n−1; without <c>@o</c> the range starts where the previous
/// segment's range ended (0 after a segment without one), whatever its URI; a zero or unreadable length means the whole
/// resource;</item>
/// <item>a segment whose runtime id (URL and range) was seen earlier in the playlist is dropped;</item>
/// <item><c>EXT-X-MAP</c>, <c>EXT-X-PART</c>, <c>EXT-X-PRELOAD-HINT</c> and keys add no segment.</item>
/// </list>
/// hls.js reads the text with a token scanner rather than line by line, and this reproduces it, quirks included: the
/// rest of an <c>#EXTINF:</c> line that is not a number-then-comma is read as a segment URI, and a line that starts with
/// spaces is a URI even if a <c>#</c> follows. Not reproduced: <c>EXT-X-SKIP</c> (delta updates; a first load never
/// has one, and p2pml 2.3.1 fails on the holes it leaves) and variable substitution (<c>EXT-X-DEFINE</c>).
/// </summary>
/// <param name="IsLive">Whether hls.js treats the playlist as live (no <c>EXT-X-ENDLIST</c>).</param>
/// <param name="Segments">The segments; empty when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why hls.js rejects the playlist (then p2pml records no segment); null if accepted.</param>
/// <param name="ParserThrows">
/// Whether hls.js 1.6.19 throws while parsing it (a first <c>EXT-X-PROGRAM-DATE-TIME</c> after the last segment URI):
/// then not even the manifest is loaded, so a media playlist given as the manifest registers no stream either.
/// </param>
public sealed partial record PlaylistSegments(bool IsLive, IReadOnlyList<SwarmSegment> Segments, string? Error, bool ParserThrows = false)
{
    /// <summary>The segments of the media playlist <paramref name="text"/> fetched from <paramref name="playlistUrl"/>.</summary>
    public static PlaylistSegments Read(string text, string playlistUrl)
    {
        var tokens = Token().Match(text);
        if (!tokens.Success || tokens.Value != "#EXTM3U")
        {
            return Rejected("Missing format identifier #EXTM3U");
        }

        var state = new ScanState();
        for (tokens = tokens.NextMatch(); tokens.Success; tokens = tokens.NextMatch())
        {
            state.Take(tokens);
        }

        if (state.FirstDateTimeIndex > 0 && state.FirstDateTimeIndex >= state.Fragments.Count && state.Total > 0)
        {
            // hls.js backfills program date times before the first one from the segment that carries it, which does
            // not exist here: a TypeError inside its parser.
            return Rejected("hls.js throws: EXT-X-PROGRAM-DATE-TIME after the last segment") with { ParserThrows = true };
        }

        var error = state.Error ?? (state.TargetDuration ? null : "Missing Target Duration") ?? (state.Fragments.Count == 0 ? "no fragments" : null);
        if (error is not null)
        {
            return Rejected(error);
        }

        var segments = new List<SwarmSegment>(state.Fragments.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < state.Fragments.Count; i++)
        {
            var f = state.Fragments[i];
            if (HlsJsUrl.Resolve(f.Uri, playlistUrl) is not { } url)
            {
                return Rejected($"segment URI {f.Uri} cannot be resolved");
            }

            // p2pml getByteRange(start, end − 1): kept only when start ≤ end − 1 (false for NaN).
            SegmentByteRange? byteRange = f.Range is { } r && r.Start <= r.End - 1 ? new SegmentByteRange((long)r.Start, (long)r.End - 1) : null;
            var segment = new SwarmSegment(state.Live ? f.Sn : i, url, byteRange, f.Start, (f.Start + f.Duration) - f.Start);
            if (seen.Add(segment.RuntimeId))
            {
                segments.Add(segment);
            }
        }

        return new PlaylistSegments(state.Live, segments, null);
    }

    /// <summary>
    /// The segments of a media playlist already parsed by <see cref="HlsSwarm.Hls"/> (raw URIs resolved against
    /// <paramref name="playlistUrl"/> as hls.js does). Equal to <see cref="Read"/> on the text for every playlist both
    /// hls.js and our parser accept, except where the model does not hold what hls.js reads (see the README of this
    /// project); a playlist with a <see cref="PlaylistRules.RejectedByHlsJs"/> warning gives no segments, as in hls.js.
    /// Prefer <see cref="Read"/> when the text is at hand.
    /// </summary>
    public static PlaylistSegments FromMediaPlaylist(MediaPlaylist media, string playlistUrl)
    {
        // Our parser tolerates what hls.js rejects (a repeated once-only tag, a first date-time after the last segment)
        // and says so with a warning of PlaylistRules.RejectedByHlsJs: then p2pml records no segment.
        if (media.Warnings.FirstOrDefault(w => PlaylistRules.RejectedByHlsJs.Contains(w.Rule)) is { } rejected)
        {
            return Rejected(rejected.ToString()) with { ParserThrows = media.Warnings.Any(w => w.Rule == PlaylistRules.HlsJsTrailingProgramDateTime) };
        }

        var segments = new List<SwarmSegment>(media.Segments.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        double total = 0;
        for (int i = 0; i < media.Segments.Count; i++)
        {
            var s = media.Segments[i];
            if (HlsJsUrl.Resolve(s.Uri, playlistUrl) is not { } url)
            {
                return Rejected($"segment URI {s.Uri} cannot be resolved");
            }

            // hls.js reads EXTINF with parseFloat: the decimal's own digits, not a binary conversion of it.
            var duration = double.Parse(s.Duration.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            SegmentByteRange? range = s.ByteRange is { Length: >= 1 } r ? new SegmentByteRange(r.Offset, r.End - 1) : null;
            // Spec §1.3, computed by the model: sequence number while live, position once VOD.
            var segment = new SwarmSegment(media.SegmentId(i), url, range, total, (total + duration) - total);
            total += duration;
            if (seen.Add(segment.RuntimeId))
            {
                segments.Add(segment);
            }
        }

        return segments.Count == 0 ? Rejected("no fragments") : new PlaylistSegments(media.SegmentIdsAreSequenceNumbers, segments, null);
    }

    private static PlaylistSegments Rejected(string error) => new(true, [], error);

    private readonly record struct Fragment(long Sn, string Uri, double Start, double Duration, (double Start, double End)? Range);

    /// <summary>The scanner's state between tokens: the segment being built and what the playlist declared so far.</summary>
    private sealed class ScanState
    {
        public List<Fragment> Fragments { get; } = [];

        public string? Error { get; private set; }

        public bool Live { get; private set; } = true;

        public bool TargetDuration { get; private set; }

        public int FirstDateTimeIndex { get; private set; } = -1;

        public double Total => total;

        private double duration;
        private (double Start, double End)? range;
        private (double Start, double End)? previousRange;
        private bool hasPrevious;
        private bool startNext;
        private bool hasInit;
        private string? nextRange;
        private double total;
        private long sn;
        private long startSn;
        private long startCc;
        private bool version;
        private bool type;

        public void Take(Match token)
        {
            if (startNext)
            {
                // The segment after an init segment inherits the range read before that EXT-X-MAP.
                startNext = false;
                duration = 0;
                range = null;
                if (hasInit && nextRange is not null)
                {
                    range = ByteRange(nextRange, null);
                    nextRange = null;
                }
            }

            if (token.Groups[1].Length > 0)
            {
                duration = double.Parse(token.Groups[1].Value.StartsWith('.') ? "0" + token.Groups[1].Value : token.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            else if (token.Groups[3].Length > 0)
            {
                if (double.IsFinite(duration))
                {
                    Fragments.Add(new Fragment(sn, token.Groups[3].Value, total, duration, range));
                    previousRange = range;
                    hasPrevious = true;
                    total += duration;
                    sn++;
                    startNext = true;
                }
            }
            else if (Tag().Match(token.Value) is { Success: true } tag)
            {
                Apply(tag);
            }
        }

        private void Apply(Match tag)
        {
            int g = 1;
            while (g < tag.Groups.Count && !tag.Groups[g].Success)
            {
                g++;
            }

            var name = tag.Groups[g].Value;
            var value = g + 1 < tag.Groups.Count ? tag.Groups[g + 1].Value : string.Empty;
            switch (name)
            {
                case "BYTERANGE":
                    range = ByteRange(value, hasPrevious ? previousRange ?? (double.NaN, double.NaN) : null);
                    break;
                case "MEDIA-SEQUENCE":
                    Fail(startSn != 0 ? "MEDIA-SEQUENCE twice" : Fragments.Count > 0 ? "MEDIA-SEQUENCE after segments" : null);
                    sn = startSn = long.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "DISCONTINUITY-SEQUENCE":
                    Fail(startCc != 0 ? "DISCONTINUITY-SEQUENCE twice" : Fragments.Count > 0 ? "DISCONTINUITY-SEQUENCE after segments" : null);
                    startCc = long.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "TARGETDURATION":
                    Fail(TargetDuration ? "TARGETDURATION twice" : null);
                    TargetDuration = true; // hls.js stores max(value, 1): always set
                    break;
                case "VERSION":
                    Fail(version ? "VERSION twice" : null);
                    version = true;
                    break;
                case "PLAYLIST-TYPE":
                    Fail(type ? "PLAYLIST-TYPE twice" : null);
                    type = true;
                    break;
                case "ENDLIST":
                    Fail(Live ? null : "ENDLIST twice");
                    Live = false;
                    break;
                case "MAP" when duration == 0 || double.IsNaN(duration):
                    // No EXTINF yet for the segment being built: it becomes the init segment, and a range read for it
                    // passes on to the next segment. (After an EXTINF, EXT-X-MAP only records a new init segment.)
                    nextRange = range is { } r && r.End != 0 && !double.IsNaN(r.End) ? $"{JsNumber.ToJsString(r.End - r.Start)}@{JsNumber.ToJsString(r.Start)}" : null;
                    hasInit = true;
                    startNext = true;
                    break;
                case "PROGRAM-DATE-TIME":
                    FirstDateTimeIndex = FirstDateTimeIndex < 0 ? Fragments.Count : FirstDateTimeIndex;
                    break;
                case "PART":
                    // An LL-HLS part adds its duration to the segment being built (its EXTINF, if any, overrides it).
                    duration += JsParseFloat(AttributeList.Parse(value)["DURATION"]);
                    break;
            }
        }

        private void Fail(string? error) => Error ??= error;

        /// <summary>hls.js <c>setByteRange</c>: <c>n[@o]</c>; without <c>@o</c> the previous segment's range end, or 0.</summary>
        private static (double Start, double End) ByteRange(string value, (double Start, double End)? previous)
        {
            var parts = value.Split('@');
            double start = parts.Length == 1
                ? (previous is { } p && p.End != 0 && !double.IsNaN(p.End) ? p.End : 0)
                : JsNumber.ParseIntAutoRadix(parts[1]);
            return (start, JsNumber.ParseIntAutoRadix(parts[0]) + start);
        }
    }

    /// <summary>JS <c>parseFloat</c>: the longest decimal prefix after white space; NaN if none.</summary>
    private static double JsParseFloat(string? s)
    {
        if (s is null)
        {
            return double.NaN;
        }

        var m = FloatPrefix().Match(JsNumber.Trim(s));
        if (!m.Success)
        {
            return double.NaN;
        }

        var sign = m.Groups[1].Value == "-" ? -1 : 1;
        return m.Groups[2].Value == "Infinity" ? sign * double.PositiveInfinity : sign * double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
    }

    // hls.js's media playlist tokens: an EXTINF duration (and its title up to the following white space), a URI (not
    // starting with '#', after spaces), or any other '#' text to the end of the line. JS character classes written out:
    // '.' excludes the four line terminators, \s is the JS set, \d is ASCII.
    private const string JsSpace = @"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

    [GeneratedRegex("#EXTINF:[" + JsSpace + "]*([0-9]*(?:\\.[0-9]+)?)(?:,([^\\n\\r\\u2028\\u2029]*)[" + JsSpace + "]+)?|(?!#) *([^" + JsSpace + "][^\\r\\n]*)|#[^\\n\\r\\u2028\\u2029]*")]
    private static partial Regex Token();

    // How hls.js reads a '#' token (first alternative that matches, leftmost): tag name, then value.
    [GeneratedRegex(@"#EXT-X-(PROGRAM-DATE-TIME|BYTERANGE|DATERANGE|DEFINE|KEY|MAP|PART|PART-INF|PLAYLIST-TYPE|PRELOAD-HINT|RENDITION-REPORT|SERVER-CONTROL|SKIP|START):([^\n\r\u2028\u2029]+)|#EXT-X-(BITRATE|DISCONTINUITY-SEQUENCE|MEDIA-SEQUENCE|TARGETDURATION|VERSION): *([0-9]+)|#EXT-X-(DISCONTINUITY|ENDLIST|GAP|INDEPENDENT-SEGMENTS)|(#)([^:]*):([^\n\r\u2028\u2029]*)|(#)([^\n\r\u2028\u2029]*)")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^([+-]?)(Infinity|[0-9]+\.?[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)")]
    private static partial Regex FloatPrefix();
}
