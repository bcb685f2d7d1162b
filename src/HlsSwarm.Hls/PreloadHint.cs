namespace HlsSwarm.Hls;

/// <summary><c>#EXT-X-PRELOAD-HINT</c> (rfc8216bis §4.4.5.3): a resource the client may request before it is listed.</summary>
public sealed record PreloadHint
{
    /// <summary>All attributes in order, values raw.</summary>
    public AttributeList Attributes { get; init; } = AttributeList.Empty;

    /// <summary>The playlist's URI; null when unknown.</summary>
    public System.Uri? BaseUri { get; init; }

    /// <summary><c>TYPE</c>: <c>PART</c> or <c>MAP</c>.</summary>
    public string Type => Attributes["TYPE"] ?? "";

    /// <summary><c>URI</c> as written.</summary>
    public string Uri => Attributes["URI"] ?? "";

    /// <summary><c>BYTERANGE-START</c>; 0 when absent (rfc8216bis).</summary>
    public long ByteRangeStart => Attributes.GetDecimalInteger("BYTERANGE-START") ?? 0;

    /// <summary><c>BYTERANGE-LENGTH</c>; null when absent (to the end of the resource).</summary>
    public long? ByteRangeLength => Attributes.GetDecimalInteger("BYTERANGE-LENGTH");

    /// <summary><see cref="Uri"/> resolved against <see cref="BaseUri"/>.</summary>
    public System.Uri? ResolvedUri => UriResolution.Resolve(BaseUri, Uri);
}
