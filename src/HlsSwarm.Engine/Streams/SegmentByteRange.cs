namespace HlsSwarm.Engine.Streams;

/// <summary>
/// The bytes of a resource that make one segment (<c>EXT-X-BYTERANGE</c>), both ends inclusive as p2p-media-loader
/// stores them (<c>{start, end}</c>; the HTTP <c>Range: bytes=start-end</c>). Peers exchange exactly these
/// <see cref="Length"/> bytes (spec §1.3).
/// </summary>
/// <param name="Start">Offset of the first byte.</param>
/// <param name="End">Offset of the last byte (inclusive).</param>
public readonly record struct SegmentByteRange(long Start, long End)
{
    /// <summary>Number of bytes: <c>End − Start + 1</c>.</summary>
    public long Length => End - Start + 1;

    /// <summary><c>start-end</c>, as in the segment's runtime id and in an HTTP <c>Range</c> header.</summary>
    public override string ToString() => $"{Start}-{End}";
}
