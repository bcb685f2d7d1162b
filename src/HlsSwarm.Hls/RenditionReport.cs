namespace HlsSwarm.Hls;

/// <summary><c>#EXT-X-RENDITION-REPORT</c> (rfc8216bis §4.4.5.4): the latest segment and part of another rendition.</summary>
public sealed record RenditionReport
{
    /// <summary>All attributes in order, values raw.</summary>
    public AttributeList Attributes { get; init; } = AttributeList.Empty;

    /// <summary>The playlist's URI; null when unknown.</summary>
    public System.Uri? BaseUri { get; init; }

    /// <summary><c>URI</c> of the other rendition's media playlist, as written.</summary>
    public string Uri => Attributes["URI"] ?? "";

    /// <summary><c>LAST-MSN</c>: its last media sequence number.</summary>
    public long? LastMediaSequenceNumber => Attributes.GetDecimalInteger("LAST-MSN");

    /// <summary><c>LAST-PART</c>: its last part index.</summary>
    public long? LastPart => Attributes.GetDecimalInteger("LAST-PART");

    /// <summary><see cref="Uri"/> resolved against <see cref="BaseUri"/>.</summary>
    public System.Uri? ResolvedUri => UriResolution.Resolve(BaseUri, Uri);
}
