namespace HlsSwarm.Hls;

/// <summary>
/// One <c>#EXT-X-STREAM-INF</c> (RFC 8216 §4.3.4.2) and the URI line after it, or one <c>#EXT-X-I-FRAME-STREAM-INF</c>
/// (§4.3.4.3, URI from its attribute). <see cref="Attributes"/> holds every attribute as written; the typed members
/// read from it and are null when an attribute is absent or malformed (the raw text is still in
/// <see cref="Attributes"/>, e.g. <c>BANDWIDTH=800000kbps</c> gives a null <see cref="Bandwidth"/>).
/// </summary>
public sealed record VariantStream
{
    /// <summary>All attributes in order, values raw.</summary>
    public AttributeList Attributes { get; init; } = AttributeList.Empty;

    /// <summary>The media playlist URI as written (after variable substitution).</summary>
    public required string Uri { get; init; }

    /// <summary>The master playlist's URI, against which <see cref="Uri"/> resolves; null when unknown.</summary>
    public System.Uri? BaseUri { get; init; }

    /// <summary><see cref="Uri"/> resolved against <see cref="BaseUri"/> (RFC 3986 §5); null when it cannot be.</summary>
    public System.Uri? ResolvedUri => UriResolution.Resolve(BaseUri, Uri);

    /// <summary><c>BANDWIDTH</c>: peak bit rate in bits per second (required by the RFC; tolerated missing as hls.js does).</summary>
    public long? Bandwidth => Attributes.GetDecimalInteger("BANDWIDTH");

    /// <summary><c>AVERAGE-BANDWIDTH</c> in bits per second.</summary>
    public long? AverageBandwidth => Attributes.GetDecimalInteger("AVERAGE-BANDWIDTH");

    /// <summary><c>CODECS</c> raw, e.g. <c>avc1.4d001e,mp4a.40.2</c>.</summary>
    public string? Codecs => Attributes["CODECS"];

    /// <summary><c>RESOLUTION</c> raw, e.g. <c>640x360</c>.</summary>
    public string? Resolution => Attributes["RESOLUTION"];

    /// <summary><c>RESOLUTION</c> parsed; null when absent or not <c>WxH</c> in decimal.</summary>
    public (int Width, int Height)? ResolutionValue => Attributes.GetResolution("RESOLUTION");

    /// <summary><c>FRAME-RATE</c> raw, e.g. <c>29.970</c>.</summary>
    public string? FrameRate => Attributes["FRAME-RATE"];

    /// <summary><c>FRAME-RATE</c> parsed as a decimal-floating-point.</summary>
    public decimal? FrameRateValue => Attributes.GetDecimal("FRAME-RATE");

    /// <summary><c>HDCP-LEVEL</c> raw (<c>TYPE-0</c>, <c>TYPE-1</c>, <c>NONE</c>).</summary>
    public string? HdcpLevel => Attributes["HDCP-LEVEL"];

    /// <summary><c>VIDEO-RANGE</c> raw (<c>SDR</c>, <c>HLG</c>, <c>PQ</c>).</summary>
    public string? VideoRange => Attributes["VIDEO-RANGE"];

    /// <summary><c>AUDIO</c> rendition group id.</summary>
    public string? Audio => Attributes["AUDIO"];

    /// <summary><c>VIDEO</c> rendition group id.</summary>
    public string? Video => Attributes["VIDEO"];

    /// <summary><c>SUBTITLES</c> rendition group id.</summary>
    public string? Subtitles => Attributes["SUBTITLES"];

    /// <summary><c>CLOSED-CAPTIONS</c> group id, or <c>NONE</c> (unquoted).</summary>
    public string? ClosedCaptions => Attributes["CLOSED-CAPTIONS"];

    /// <summary><c>STABLE-VARIANT-ID</c> (rfc8216bis).</summary>
    public string? StableVariantId => Attributes["STABLE-VARIANT-ID"];

    /// <summary><c>SCORE</c> (rfc8216bis): the server's preference, higher is better.</summary>
    public decimal? Score => Attributes.GetDecimal("SCORE");

    /// <summary><c>PATHWAY-ID</c> (rfc8216bis content steering).</summary>
    public string? PathwayId => Attributes["PATHWAY-ID"];
}
