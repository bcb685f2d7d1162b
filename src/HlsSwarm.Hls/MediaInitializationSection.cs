namespace HlsSwarm.Hls;

/// <summary><c>#EXT-X-MAP</c> (RFC 8216 §4.3.2.5): the initialization section the following segments need.</summary>
public sealed record MediaInitializationSection
{
    /// <summary>All attributes in order, values raw.</summary>
    public AttributeList Attributes { get; init; } = AttributeList.Empty;

    /// <summary>The playlist's URI; null when unknown.</summary>
    public System.Uri? BaseUri { get; init; }

    /// <summary><c>URI</c> as written (required).</summary>
    public string Uri => Attributes["URI"] ?? "";

    /// <summary><c>BYTERANGE</c>; an absent offset is 0 (as hls.js reads it). Null for the whole resource.</summary>
    public ByteRange? ByteRange { get; init; }

    /// <summary><see cref="Uri"/> resolved against <see cref="BaseUri"/>.</summary>
    public System.Uri? ResolvedUri => UriResolution.Resolve(BaseUri, Uri);
}
