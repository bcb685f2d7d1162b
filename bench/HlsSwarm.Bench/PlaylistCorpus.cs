using System.Globalization;
using System.Text;

namespace HlsSwarm.Bench;

/// <summary>
/// Deterministic media playlists for the parsing benchmarks, the same text for our reader and for hls.js
/// (bench/hlsjs-parse.mjs reads the files <see cref="WriteTo"/> writes): a 10,000-segment VOD playlist and a
/// 6-segment live refresh, shaped like encoder output (RFC 8216 §4.3).
/// </summary>
public static class PlaylistCorpus
{
    /// <summary>File name of the VOD playlist.</summary>
    public const string VodFile = "vod-10000.m3u8";

    /// <summary>File name of the live playlist.</summary>
    public const string LiveFile = "live-6.m3u8";

    /// <summary>Segments in the VOD playlist.</summary>
    public const int VodSegments = 10_000;

    /// <summary>Segments in the live playlist.</summary>
    public const int LiveSegments = 6;

    /// <summary>
    /// VOD: EXT-X-PLAYLIST-TYPE:VOD, ENDLIST, EXTINF durations with 3 decimals (4.000–6.399 s) and empty titles,
    /// relative URIs, one discontinuity (an inserted clip) half-way.
    /// </summary>
    public static string Vod()
    {
        var text = new StringBuilder(VodSegments * 40);
        text.Append("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        var state = 0x2545F491u;
        for (var i = 0; i < VodSegments; i++)
        {
            if (i == VodSegments / 2)
            {
                text.Append("#EXT-X-DISCONTINUITY\n");
            }

            text.Append("#EXTINF:").Append(Seconds(DurationMillis(ref state))).Append(",\n")
                .Append("720p/segment-").Append(i.ToString("D5", CultureInfo.InvariantCulture)).Append(".ts\n");
        }

        return text.Append("#EXT-X-ENDLIST\n").ToString();
    }

    /// <summary>
    /// Live: a sliding window of 6 segments at media sequence 1,700,000,000 with a program date-time on every
    /// segment (as ffmpeg's <c>program_date_time</c> flag writes) and a discontinuity (an ad break) in the window.
    /// </summary>
    public static string Live()
    {
        var text = new StringBuilder(1024);
        text.Append("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:1700000000\n#EXT-X-DISCONTINUITY-SEQUENCE:12\n");
        var state = 0x9E3779B9u;
        var start = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var atMillis = 0L;
        for (var i = 0; i < LiveSegments; i++)
        {
            if (i == 4)
            {
                text.Append("#EXT-X-DISCONTINUITY\n");
            }

            var millis = DurationMillis(ref state);
            text.Append("#EXT-X-PROGRAM-DATE-TIME:")
                .Append(start.AddMilliseconds(atMillis).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture)).Append('\n')
                .Append("#EXTINF:").Append(Seconds(millis)).Append(",\n")
                .Append("live/1080p/").Append((1_700_000_000L + i).ToString(CultureInfo.InvariantCulture)).Append(".ts\n");
            atMillis += millis;
        }

        return text.ToString();
    }

    /// <summary>Writes both playlists into <paramref name="directory"/>.</summary>
    public static void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, VodFile), Vod());
        File.WriteAllText(Path.Combine(directory, LiveFile), Live());
    }

    /// <summary>A segment duration of 4000–6399 ms (xorshift32, so the text never changes).</summary>
    private static uint DurationMillis(ref uint state)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return 4000 + (state % 2400);
    }

    /// <summary>Milliseconds as an EXTINF decimal with 3 digits: 5146 → "5.146".</summary>
    private static string Seconds(uint millis) =>
        (millis / 1000).ToString(CultureInfo.InvariantCulture) + "." + (millis % 1000).ToString("D3", CultureInfo.InvariantCulture);
}
