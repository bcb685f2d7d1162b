namespace HlsSwarm.Hls;

/// <summary>One <c>#EXT-X-STREAM-INF</c> entry of a master playlist (RFC 8216 §4.3.4.2) and the URI line after it.</summary>
public sealed record VariantStream
{
    /// <summary><c>BANDWIDTH</c>: peak segment bit rate in bits per second (required).</summary>
    public long Bandwidth { get; init; }

    /// <summary><c>AVERAGE-BANDWIDTH</c> in bits per second; null when absent.</summary>
    public long? AverageBandwidth { get; init; }

    /// <summary><c>RESOLUTION</c> as written, e.g. <c>640x360</c>; null when absent.</summary>
    public string? Resolution { get; init; }

    /// <summary><c>CODECS</c> without the quotes, e.g. <c>avc1.4d001e,mp4a.40.2</c>; null when absent.</summary>
    public string? Codecs { get; init; }

    /// <summary><c>FRAME-RATE</c> as written, e.g. <c>30.000</c>; null when absent.</summary>
    public string? FrameRate { get; init; }

    /// <summary>The media playlist URI, verbatim.</summary>
    public required string Uri { get; init; }
}
