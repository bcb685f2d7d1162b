namespace HlsSwarm.Hls;

/// <summary>
/// One <c>#EXT-X-MEDIA</c> rendition (RFC 8216 §4.3.4.1): an alternative audio, video, subtitles or closed-captions
/// track. Typed members read from <see cref="Attributes"/> (values raw, as written).
/// </summary>
public sealed record Rendition
{
    /// <summary>All attributes in order, values raw.</summary>
    public AttributeList Attributes { get; init; } = AttributeList.Empty;

    /// <summary>The master playlist's URI, against which <see cref="Uri"/> resolves; null when unknown.</summary>
    public System.Uri? BaseUri { get; init; }

    /// <summary><c>TYPE</c>: <c>AUDIO</c>, <c>VIDEO</c>, <c>SUBTITLES</c> or <c>CLOSED-CAPTIONS</c> (required).</summary>
    public string Type => Attributes["TYPE"] ?? "";

    /// <summary><c>GROUP-ID</c> (required).</summary>
    public string GroupId => Attributes["GROUP-ID"] ?? "";

    /// <summary><c>NAME</c> (required by the RFC; tolerated missing as hls.js does, which then uses <c>LANGUAGE</c>).</summary>
    public string? Name => Attributes["NAME"];

    /// <summary><c>LANGUAGE</c> (RFC 5646 tag) raw.</summary>
    public string? Language => Attributes["LANGUAGE"];

    /// <summary><c>ASSOC-LANGUAGE</c> raw.</summary>
    public string? AssocLanguage => Attributes["ASSOC-LANGUAGE"];

    /// <summary><c>DEFAULT=YES</c>.</summary>
    public bool Default => Attributes.GetYes("DEFAULT");

    /// <summary><c>AUTOSELECT=YES</c>.</summary>
    public bool AutoSelect => Attributes.GetYes("AUTOSELECT");

    /// <summary><c>FORCED=YES</c> (subtitles only).</summary>
    public bool Forced => Attributes.GetYes("FORCED");

    /// <summary><c>INSTREAM-ID</c> (closed captions only), e.g. <c>CC1</c>.</summary>
    public string? InstreamId => Attributes["INSTREAM-ID"];

    /// <summary><c>CHARACTERISTICS</c> raw (comma-separated UTIs).</summary>
    public string? Characteristics => Attributes["CHARACTERISTICS"];

    /// <summary><c>CHANNELS</c> raw, e.g. <c>2</c> or <c>6/JOC</c>.</summary>
    public string? Channels => Attributes["CHANNELS"];

    /// <summary><c>STABLE-RENDITION-ID</c> (rfc8216bis).</summary>
    public string? StableRenditionId => Attributes["STABLE-RENDITION-ID"];

    /// <summary><c>URI</c> as written; null when the rendition is carried in the variant's own stream.</summary>
    public string? Uri => Attributes["URI"];

    /// <summary><see cref="Uri"/> resolved against <see cref="BaseUri"/>; null when absent or not resolvable.</summary>
    public System.Uri? ResolvedUri => UriResolution.Resolve(BaseUri, Uri);
}
