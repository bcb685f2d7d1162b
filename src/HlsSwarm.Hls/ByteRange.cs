namespace HlsSwarm.Hls;

/// <summary>
/// A sub-range of a resource (<c>EXT-X-BYTERANGE</c>, RFC 8216 §4.3.2.2, and the <c>BYTERANGE</c> attributes of
/// <c>EXT-X-MAP</c> and <c>EXT-X-PART</c>), with its offset always resolved: an implicit offset (<c>n</c> without
/// <c>@o</c>) is the byte after the previous sub-range of the same resource.
/// </summary>
/// <param name="Length">Length in bytes.</param>
/// <param name="Offset">Offset of the first byte from the start of the resource.</param>
public readonly record struct ByteRange(long Length, long Offset)
{
    /// <summary>The offset just past the range: <c>Offset + Length</c>.</summary>
    public long End => Offset + Length;

    /// <summary>The RFC form <c>n@o</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"{Length}@{Offset}");
}
