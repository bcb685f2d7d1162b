using System.Text.RegularExpressions;

namespace HlsSwarm.Engine.Streams;

/// <summary>
/// A model of Chromium's <c>MediaSource.isTypeSupported("audio/mp4;codecs=…")</c> / <c>("video/mp4;codecs=…")</c>
/// (Linux build with proprietary codecs, no HEVC or AC-3 decoder), for the one place where its answer changes what
/// p2p-media-loader sees: codecs hls.js does not list, when every variant has one (hls.js playlist-loader then moves
/// the accepted ones into the variant's <c>audioCodec</c> / <c>videoCodec</c>). The Node oracle of the differential test
/// answers with the same rule (tests/HlsSwarm.Engine.Tests/js/browser-shims.mjs); that it is Chromium's answer is an
/// assumption checked by hand, not by the differential test.
/// </summary>
internal static partial class ChromiumMediaSource
{
    /// <summary>Whether Chromium accepts <paramref name="codecs"/> as the <c>codecs</c> parameter of an audio or video MP4 type.</summary>
    public static bool IsTypeSupported(string codecs, bool audio)
    {
        // A MIME parameter may be a quoted string; a stray quote makes the type invalid.
        if (codecs.Length >= 2 && codecs[0] == '"' && codecs[^1] == '"')
        {
            codecs = codecs[1..^1];
        }

        if (codecs.Length == 0 || codecs.Contains('"', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var codec in codecs.Split(','))
        {
            if (!(audio ? AudioCodec() : VideoCodec()).IsMatch(codec.Trim()))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^(?:mp4a\.(?:40\.(?:2|5|29|34)|69|6[bB])|opus|flac|fLaC|mp3)\z")]
    private static partial Regex AudioCodec();

    [GeneratedRegex(@"^(?:avc[13]\.[0-9A-Fa-f]{6}|vp09\.[0-9.]+|av01\.[0-9A-Za-z.]+)\z")]
    private static partial Regex VideoCodec();
}
