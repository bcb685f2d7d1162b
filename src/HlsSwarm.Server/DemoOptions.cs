namespace HlsSwarm.Server;

/// <summary>The demo origin: which media it serves and how the live channel is cut from it.</summary>
public sealed record DemoOptions
{
    /// <summary>
    /// Default live window in segments. 12 × 2 s = 24 s of playlist: long enough that players can sit
    /// 10–16 s behind the live edge and still leave room for peers to fetch from each other (web/README.md).
    /// </summary>
    public const int DefaultLiveWindowSegments = 12;

    /// <summary>Directory holding <c>master.m3u8</c> and the rendition folders; null means <c>DemoMedia</c> next to the binaries.</summary>
    public string? MediaDirectory { get; init; }

    /// <summary>Segments in each live media playlist (the sliding window); at least 3 (RFC 8216 §6.2.2).</summary>
    public int LiveWindowSegments { get; init; } = DefaultLiveWindowSegments;

    /// <summary>Returns every problem with these options; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (LiveWindowSegments is < 3 or > 1000)
            errors.Add($"the live window must be 3..1000 segments, not {LiveWindowSegments}");
        if (MediaDirectory is not null && !Directory.Exists(MediaDirectory))
            errors.Add($"the demo media directory '{MediaDirectory}' does not exist");
        return errors;
    }
}
