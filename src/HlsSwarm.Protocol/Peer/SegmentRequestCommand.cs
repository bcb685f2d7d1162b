namespace HlsSwarm.Protocol.Peer;

/// <summary>
/// Asks the uploader for a segment, optionally from a byte offset to resume a transfer (spec §4.4, code 1;
/// semantics §4.5, §4.6).
/// </summary>
/// <remarks>
/// <code>
/// +------+-----+----------------+-----+----------------+-----+-----------------------+
/// | 0x01 | 'i' | Int segment id | 'r' | Int request id | 'b' | Int byte offset (opt) |
/// +------+-----+----------------+-----+----------------+-----+-----------------------+
/// b present only when > 0.  i=42 r=517 b=65536 → 01 69 01 2a 72 02 02 05 62 03 01 00 00
/// </code>
/// </remarks>
/// <param name="SegmentId">The segment id (<c>i</c>).</param>
/// <param name="RequestId">The request id (<c>r</c>), echoed by the uploader.</param>
/// <param name="ByteOffset">Bytes the requester already has (<c>b</c>); 0 means from the start and is not sent.</param>
public readonly record struct SegmentRequestCommand(long SegmentId, long RequestId, long ByteOffset = 0) : IPeerCommand
{
    /// <inheritdoc/>
    public PeerCommandType Type => PeerCommandType.SegmentRequest;

    /// <inheritdoc/>
    public int GetSerializedLength() =>
        CommandFields.IdAndRequestLength(SegmentId, RequestId) + (ByteOffset > 0 ? CommandFields.IntFieldLength(ByteOffset) : 0);

    /// <inheritdoc/>
    public int WriteTo(Span<byte> destination)
    {
        if (destination.Length < GetSerializedLength())
        {
            throw new ArgumentException("The destination is too short.", nameof(destination));
        }

        var position = CommandFields.WriteIdAndRequest(destination, Type, SegmentId, RequestId);
        if (ByteOffset > 0)
        {
            position += CommandFields.WriteIntField(destination[position..], CommandFields.NameB, ByteOffset);
        }

        return position;
    }

    /// <summary>
    /// Reads a whole command body (no frame markers). A missing or non-positive <c>b</c> reads as 0.
    /// <paramref name="consumed"/> is the body length on success. Never throws.
    /// </summary>
    public static PeerDecodeError TryRead(ReadOnlySpan<byte> body, out SegmentRequestCommand value, out int consumed)
    {
        value = default;
        consumed = 0;
        var error = CommandFields.TryRead(body, PeerCommandType.SegmentRequest, out var fields);
        if (error != PeerDecodeError.None)
        {
            return error;
        }

        if (!fields.HasI || !fields.HasR)
        {
            return PeerDecodeError.MissingField;
        }

        value = new SegmentRequestCommand(fields.I, fields.R, fields.HasB && fields.B > 0 ? fields.B : 0);
        consumed = body.Length;
        return PeerDecodeError.None;
    }
}
