namespace HlsSwarm.Hls;

/// <summary>
/// Why a playlist could not be read (or, in <see cref="Playlist.Warnings"/>, what was tolerated), and where: returned
/// instead of throwing (style.md convention 5).
/// </summary>
/// <param name="LineNumber">1-based line number of the offending line; 0 when the problem is the playlist as a whole.</param>
/// <param name="Line">The offending line as read (truncated to 200 characters); empty when <paramref name="LineNumber"/> is 0.</param>
/// <param name="Rule">The rule violated, one of the <see cref="PlaylistRules"/> constants: the section, then the rule, e.g. <c>RFC 8216 §4.3.3.1: EXT-X-TARGETDURATION is required</c>.</param>
/// <param name="Message">What exactly is wrong here, e.g. <c>bad value "x"</c>.</param>
public sealed record PlaylistError(int LineNumber, string Line, string Rule, string Message)
{
    /// <summary>Longest line quoted back.</summary>
    internal const int MaxQuotedLine = 200;

    /// <summary>One line: <c>line 3: RFC 8216 §4.3.3.1: … — bad value "x" (#EXT-X-TARGETDURATION:x)</c>.</summary>
    public override string ToString() =>
        LineNumber == 0 ? $"{Rule} — {Message}" : $"line {LineNumber}: {Rule} — {Message} ({Line})";

    /// <summary>An error quoting <paramref name="line"/> (truncated).</summary>
    internal static PlaylistError At(int lineNumber, ReadOnlySpan<char> line, string rule, string message) =>
        new(lineNumber, line.Length > MaxQuotedLine ? string.Concat(line[..MaxQuotedLine], "…") : line.ToString(), rule, message);
}
