namespace HlsSwarm.Protocol.Peer;

/// <summary>
/// Tells the requester that the uploader cannot serve the segment (spec §4.4, code 4; semantics §4.5).
/// </summary>
/// <remarks>
/// <code>
/// +------+-----+-----------------+-----+-----------------+
/// | 0x04 | 'i' | Int segment id  | 'r' | Int request id  |
/// +------+-----+-----------------+-----+-----------------+
/// i=42 r=517 → 04 69 01 2a 72 02 02 05
/// </code>
/// </remarks>
/// <param name="SegmentId">The segment id (<c>i</c>).</param>
/// <param name="RequestId">The request id (<c>r</c>) of the request this refers to.</param>
public readonly record struct SegmentAbsentCommand(long SegmentId, long RequestId) : IPeerCommand
{
    /// <inheritdoc/>
    public PeerCommandType Type => PeerCommandType.SegmentAbsent;

    /// <inheritdoc/>
    public int GetSerializedLength() => CommandFields.IdAndRequestLength(SegmentId, RequestId);

    /// <inheritdoc/>
    public int WriteTo(Span<byte> destination) => CommandFields.WriteIdAndRequest(destination, Type, SegmentId, RequestId);

    /// <summary>
    /// Reads a whole command body (no frame markers). Unknown fields are skipped; <paramref name="consumed"/> is the
    /// body length on success. Never throws.
    /// </summary>
    public static PeerDecodeError TryRead(ReadOnlySpan<byte> body, out SegmentAbsentCommand value, out int consumed)
    {
        value = default;
        consumed = 0;
        var error = CommandFields.TryReadIdAndRequest(body, PeerCommandType.SegmentAbsent, out var segmentId, out var requestId);
        if (error != PeerDecodeError.None)
        {
            return error;
        }

        value = new SegmentAbsentCommand(segmentId, requestId);
        consumed = body.Length;
        return PeerDecodeError.None;
    }
}
