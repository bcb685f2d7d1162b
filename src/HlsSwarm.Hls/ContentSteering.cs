namespace HlsSwarm.Hls;

/// <summary><c>#EXT-X-CONTENT-STEERING</c> (rfc8216bis §4.4.6.6): the steering server and the initial pathway.</summary>
public sealed record ContentSteering
{
    /// <summary>All attributes in order, values raw.</summary>
    public AttributeList Attributes { get; init; } = AttributeList.Empty;

    /// <summary>The master playlist's URI; null when unknown.</summary>
    public System.Uri? BaseUri { get; init; }

    /// <summary><c>SERVER-URI</c> as written (required).</summary>
    public string ServerUri => Attributes["SERVER-URI"] ?? "";

    /// <summary><c>PATHWAY-ID</c>; null when absent (hls.js then uses <c>.</c>).</summary>
    public string? PathwayId => Attributes["PATHWAY-ID"];

    /// <summary><see cref="ServerUri"/> resolved against <see cref="BaseUri"/>.</summary>
    public System.Uri? ResolvedServerUri => UriResolution.Resolve(BaseUri, ServerUri);
}
