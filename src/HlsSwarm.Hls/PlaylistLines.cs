namespace HlsSwarm.Hls;

/// <summary>Splits playlist text into numbered, trimmed lines; shared by the readers.</summary>
internal static class PlaylistLines
{
    /// <summary>Longest line quoted back in a <see cref="PlaylistError"/>.</summary>
    private const int MaxQuotedLine = 200;

    /// <summary>Yields (1-based line number, line without CR/LF and surrounding whitespace) for every non-blank line.</summary>
    public static IEnumerable<(int Number, string Text)> Enumerate(string text)
    {
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length > 0)
                yield return (number, line);
        }
    }

    /// <summary>Builds an error that quotes the line.</summary>
    public static PlaylistError Error(int number, string line, string message) =>
        new(number, line.Length > MaxQuotedLine ? line[..MaxQuotedLine] + "…" : line, message);

    /// <summary>
    /// Checks the <c>#EXTM3U</c> header (RFC 8216 §4.3.1.1), tolerating a UTF-8 byte order mark. Returns the error,
    /// or null when the first line is the header.
    /// </summary>
    public static PlaylistError? CheckHeader(string text)
    {
        foreach (var (number, line) in Enumerate(text))
        {
            var first = line.TrimStart('\uFEFF');
            return first == "#EXTM3U" ? null : Error(number, line, "the first line must be #EXTM3U");
        }
        return new PlaylistError(0, "", "the playlist is empty");
    }

    /// <summary>Splits <c>#TAG:value</c> into the tag and the value (empty when there is no colon).</summary>
    public static (string Tag, string Value) SplitTag(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..]);
    }
}
