namespace HlsSwarm.Hls;

/// <summary><c>#EXT-X-PART</c> (rfc8216bis §4.4.4.9): a partial segment of a low-latency playlist.</summary>
public sealed record PartialSegment
{
    /// <summary>All attributes in order, values raw.</summary>
    public AttributeList Attributes { get; init; } = AttributeList.Empty;

    /// <summary>The playlist's URI; null when unknown.</summary>
    public System.Uri? BaseUri { get; init; }

    /// <summary><c>DURATION</c> in seconds (required).</summary>
    public decimal Duration { get; init; }

    /// <summary><c>URI</c> as written (required).</summary>
    public string Uri => Attributes["URI"] ?? "";

    /// <summary><c>INDEPENDENT=YES</c>: the part starts with an independent frame.</summary>
    public bool Independent => Attributes.GetYes("INDEPENDENT");

    /// <summary><c>GAP=YES</c>: the part is unavailable.</summary>
    public bool Gap => Attributes.GetYes("GAP");

    /// <summary><c>BYTERANGE</c> with the offset resolved (an implicit offset follows the previous part of the same resource); null for the whole resource.</summary>
    public ByteRange? ByteRange { get; init; }

    /// <summary><see cref="Uri"/> resolved against <see cref="BaseUri"/>.</summary>
    public System.Uri? ResolvedUri => UriResolution.Resolve(BaseUri, Uri);
}
