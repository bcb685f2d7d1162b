namespace HlsSwarm.Hls;

/// <summary>
/// <c>#EXT-X-KEY</c> (RFC 8216 §4.3.2.4) or <c>#EXT-X-SESSION-KEY</c> (§4.3.4.5): how to decrypt the segments it
/// applies to. Several keys apply at once when their <see cref="KeyFormat"/>s differ; <c>METHOD=NONE</c> ends them all.
/// </summary>
public sealed record EncryptionKey
{
    /// <summary>All attributes in order, values raw.</summary>
    public AttributeList Attributes { get; init; } = AttributeList.Empty;

    /// <summary>The playlist's URI; null when unknown.</summary>
    public System.Uri? BaseUri { get; init; }

    /// <summary><c>METHOD</c>: <c>NONE</c>, <c>AES-128</c>, <c>SAMPLE-AES</c>, <c>SAMPLE-AES-CTR</c> (required).</summary>
    public string Method => Attributes["METHOD"] ?? "";

    /// <summary><c>URI</c> of the key as written; required unless <see cref="Method"/> is <c>NONE</c>.</summary>
    public string? Uri => Attributes["URI"];

    /// <summary><c>IV</c> raw, e.g. <c>0x0000…01</c>.</summary>
    public string? Iv => Attributes["IV"];

    /// <summary><c>IV</c> as bytes; null when absent or not a hexadecimal-sequence.</summary>
    public byte[]? IvBytes => Attributes.GetHexBytes("IV");

    /// <summary><c>KEYFORMAT</c>; <c>identity</c> when absent (RFC 8216 §4.3.2.4).</summary>
    public string KeyFormat => Attributes["KEYFORMAT"] ?? "identity";

    /// <summary><c>KEYFORMATVERSIONS</c> raw, e.g. <c>1/2/5</c>.</summary>
    public string? KeyFormatVersions => Attributes["KEYFORMATVERSIONS"];

    /// <summary><see cref="Uri"/> resolved against <see cref="BaseUri"/> (a <c>data:</c> or <c>skd:</c> URI stays as is).</summary>
    public System.Uri? ResolvedUri => UriResolution.Resolve(BaseUri, Uri);
}
