using System.Globalization;
using System.Text.RegularExpressions;

using HlsSwarm.Protocol.Swarm;

namespace HlsSwarm.Engine.Streams;

/// <summary>
/// The segments of one media playlist as p2p-media-loader-hlsjs 2.3 records them from hls.js 1.6's parse
/// (<c>SegmentManager.updatePlaylist</c> on the first load of the playlist), in playlist order:
/// <list type="bullet">
/// <item>a segment is a URI line; its duration is that of the last <c>EXTINF</c> before it (0 if none);</item>
/// <item><see cref="SwarmSegment.ExternalId"/> is <c>EXT-X-MEDIA-SEQUENCE</c> + position while the playlist is live
/// (no <c>EXT-X-ENDLIST</c>; EVENT playlists too), the position once it is VOD;</item>
/// <item><c>EXT-X-BYTERANGE:n[@o]</c> gives bytes o…o+n−1; without <c>@o</c> the range starts where the previous
/// segment's range ended (0 after a segment without one), whatever its URI; a zero or unreadable length means the whole
/// resource;</item>
/// <item>a segment whose runtime id (URL and range) was seen earlier in the playlist is dropped;</item>
/// <item><c>EXT-X-MAP</c>, <c>EXT-X-PART</c>, <c>EXT-X-PRELOAD-HINT</c> and keys add no segment.</item>
/// </list>
/// </summary>
/// <param name="IsLive">Whether hls.js treats the playlist as live (no <c>EXT-X-ENDLIST</c>).</param>
/// <param name="Segments">The segments; empty when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why hls.js rejects the playlist (then p2pml records no segment); null if accepted.</param>
public sealed partial record PlaylistSegments(bool IsLive, IReadOnlyList<SwarmSegment> Segments, string? Error)
{
    /// <summary>The segments of the media playlist <paramref name="text"/> fetched from <paramref name="playlistUrl"/>.</summary>
    public static PlaylistSegments Read(string text, string playlistUrl)
    {
        var lines = LineBreak().Split(text);
        int first = 0;
        while (first < lines.Length && lines[first].Length == 0)
        {
            first++; // hls.js scans for its first token; line breaks before #EXTM3U are not one
        }

        if (first == lines.Length || lines[first] != "#EXTM3U")
        {
            return Rejected("Missing format identifier #EXTM3U");
        }

        var fragments = new List<(long Sn, string Uri, double Start, double Duration, (double Start, double End)? Range)>();
        double duration = 0, total = 0;
        (double Start, double End)? range = null, previousRange = null;
        long sn = 0, startSn = 0;
        long startCc = 0;
        bool live = true, targetDuration = false, sawVersion = false, sawType = false;
        string? error = null;
        for (int i = first + 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var lead = line.TrimStart(' ');
            if (lead.Length > 0 && char.IsWhiteSpace(lead[0]))
            {
                line = lead.TrimStart(); // hls.js skips other white space before a tag or URI
            }
            else if (lead.Length > 0 && lead.Length < line.Length)
            {
                line = " " + lead; // spaces then anything, even '#': a URI to hls.js
            }

            if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                var d = ExtInfDuration().Match(line, 8).Groups[1].Value;
                if (d.Length > 0)
                {
                    duration = double.Parse(d.StartsWith('.') ? "0" + d : d, CultureInfo.InvariantCulture);
                }
            }
            else if (line.StartsWith('#'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var tag = colon < 0 ? line : line[..colon];
                var value = colon < 0 ? string.Empty : line[(colon + 1)..];
                switch (tag)
                {
                    case "#EXT-X-BYTERANGE" when value.Length > 0:
                        var at = value.IndexOf('@', StringComparison.Ordinal);
                        var secondAt = at < 0 ? -1 : value.IndexOf('@', at + 1);
                        double start = at < 0
                            ? (previousRange is { } p && p.End != 0 && !double.IsNaN(p.End) ? p.End : 0)
                            : JsNumber.ParseIntAutoRadix(value[(at + 1)..(secondAt < 0 ? value.Length : secondAt)]);
                        range = (start, JsNumber.ParseIntAutoRadix(at < 0 ? value : value[..at]) + start);
                        break;
                    case "#EXT-X-MEDIA-SEQUENCE" when SequenceNumber().Match(value) is { Success: true } n:
                        error ??= startSn != 0 ? "MEDIA-SEQUENCE twice" : fragments.Count > 0 ? "MEDIA-SEQUENCE after segments" : null;
                        sn = startSn = long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture);
                        break;
                    case "#EXT-X-TARGETDURATION" when SequenceNumber().Match(value) is { Success: true } t:
                        error ??= targetDuration ? "TARGETDURATION twice" : null;
                        targetDuration = targetDuration || long.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture) >= 0;
                        break;
                    case "#EXT-X-ENDLIST":
                        error ??= live ? null : "ENDLIST twice";
                        live = false;
                        break;
                    case "#EXT-X-VERSION" when SequenceNumber().IsMatch(value):
                        error ??= sawVersion ? "VERSION twice" : null;
                        sawVersion = true;
                        break;
                    case "#EXT-X-PLAYLIST-TYPE" when value.Length > 0:
                        error ??= sawType ? "PLAYLIST-TYPE twice" : null;
                        sawType = true;
                        break;
                    case "#EXT-X-DISCONTINUITY-SEQUENCE" when SequenceNumber().Match(value) is { Success: true } c:
                        error ??= startCc != 0 ? "DISCONTINUITY-SEQUENCE twice" : fragments.Count > 0 ? "DISCONTINUITY-SEQUENCE after segments" : null;
                        startCc = long.Parse(c.Groups[1].Value, CultureInfo.InvariantCulture);
                        break;

                    // EXT-X-MAP turns the segment being built into the init segment when no EXTINF was read for it yet
                    // (a range read before it carries over to the next segment), else it only records a new init
                    // segment: either way, the segment list does not change. PART and PRELOAD-HINT add no segment either.
                }
            }
            else if (line.TrimStart().Length > 0)
            {
                var uri = line.TrimStart();
                fragments.Add((sn, uri, total, duration, range));
                previousRange = range;
                total += duration;
                sn++;
                duration = 0;
                range = null;
            }
        }

        if (error is null && !targetDuration)
        {
            error = "Missing Target Duration";
        }

        if (error is null && fragments.Count == 0)
        {
            error = "no fragments";
        }

        if (error is not null)
        {
            return Rejected(error);
        }

        var segments = new List<SwarmSegment>(fragments.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < fragments.Count; i++)
        {
            var f = fragments[i];
            if (HlsJsUrl.Resolve(f.Uri, playlistUrl) is not { } url)
            {
                return Rejected($"segment URI {f.Uri} cannot be resolved");
            }

            // p2pml getByteRange(start, end − 1): kept only when start ≤ end − 1.
            SegmentByteRange? byteRange = f.Range is { } r && r.Start <= r.End - 1 ? new SegmentByteRange((long)r.Start, (long)r.End - 1) : null;
            var segment = new SwarmSegment(live ? f.Sn : i, url, byteRange, f.Start, (f.Start + f.Duration) - f.Start);
            if (seen.Add(segment.RuntimeId))
            {
                segments.Add(segment);
            }
        }

        return new PlaylistSegments(live, segments, null);
    }

    private static PlaylistSegments Rejected(string error) => new(true, [], error);

    [GeneratedRegex("\r\n|\r|\n")]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"\G\s*(\d*(?:\.\d+)?)")]
    private static partial Regex ExtInfDuration();

    [GeneratedRegex(@"^ *(\d+)")]
    private static partial Regex SequenceNumber();
}
