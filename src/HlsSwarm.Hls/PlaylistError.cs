namespace HlsSwarm.Hls;

/// <summary>Why a playlist could not be read, and where: returned instead of throwing (style.md convention 5).</summary>
/// <param name="LineNumber">1-based line number of the offending line; 0 when the problem is the playlist as a whole.</param>
/// <param name="Line">The offending line as read (truncated to 200 characters); empty when <paramref name="LineNumber"/> is 0.</param>
/// <param name="Message">What is wrong, in one sentence.</param>
public sealed record PlaylistError(int LineNumber, string Line, string Message)
{
    /// <summary>A one-line description such as <c>line 3: bad #EXT-X-TARGETDURATION value "x" (#EXT-X-TARGETDURATION:x)</c>.</summary>
    public override string ToString() =>
        LineNumber == 0 ? Message : $"line {LineNumber}: {Message} ({Line})";
}
