namespace HlsSwarm.Hls;

/// <summary><c>#EXT-X-SESSION-DATA</c> (RFC 8216 §4.3.4.4): arbitrary session data, inline (<c>VALUE</c>) or by <c>URI</c>.</summary>
public sealed record SessionData
{
    /// <summary>All attributes in order, values raw.</summary>
    public AttributeList Attributes { get; init; } = AttributeList.Empty;

    /// <summary>The master playlist's URI; null when unknown.</summary>
    public System.Uri? BaseUri { get; init; }

    /// <summary><c>DATA-ID</c>, reverse-DNS, e.g. <c>com.example.title</c> (required by the RFC).</summary>
    public string? DataId => Attributes["DATA-ID"];

    /// <summary><c>VALUE</c>.</summary>
    public string? Value => Attributes["VALUE"];

    /// <summary><c>URI</c> as written.</summary>
    public string? Uri => Attributes["URI"];

    /// <summary><c>LANGUAGE</c>.</summary>
    public string? Language => Attributes["LANGUAGE"];

    /// <summary><see cref="Uri"/> resolved against <see cref="BaseUri"/>.</summary>
    public System.Uri? ResolvedUri => UriResolution.Resolve(BaseUri, Uri);
}
