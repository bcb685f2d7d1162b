namespace HlsSwarm.Protocol.Peer;

/// <summary>
/// Header of a segment upload: <see cref="Size"/> bytes of segment data follow as data messages
/// (spec §4.4, code 2; semantics §4.5, §4.6).
/// </summary>
/// <remarks>
/// <code>
/// +------+-----+----------------+-----+--------------+-----+----------------+
/// | 0x02 | 'i' | Int segment id | 's' | Int size     | 'r' | Int request id |
/// +------+-----+----------------+-----+--------------+-----+----------------+
/// note the order i, s, r.  i=7 s=128 r=3 → 02 69 01 07 73 02 00 80 72 01 03
/// </code>
/// </remarks>
/// <param name="SegmentId">The segment id (<c>i</c>).</param>
/// <param name="Size">Bytes that follow (<c>s</c>): segment length minus the requested byte offset.</param>
/// <param name="RequestId">The request id (<c>r</c>) of the request being answered.</param>
public readonly record struct SegmentDataCommand(long SegmentId, long Size, long RequestId) : IPeerCommand
{
    /// <inheritdoc/>
    public PeerCommandType Type => PeerCommandType.SegmentData;

    /// <inheritdoc/>
    public int GetSerializedLength() =>
        1 + CommandFields.IntFieldLength(SegmentId) + CommandFields.IntFieldLength(Size) + CommandFields.IntFieldLength(RequestId);

    /// <inheritdoc/>
    public int WriteTo(Span<byte> destination)
    {
        if (destination.Length < GetSerializedLength())
        {
            throw new ArgumentException("The destination is too short.", nameof(destination));
        }

        destination[0] = (byte)Type;
        var position = 1;
        position += CommandFields.WriteIntField(destination[position..], CommandFields.NameI, SegmentId);
        position += CommandFields.WriteIntField(destination[position..], CommandFields.NameS, Size);
        position += CommandFields.WriteIntField(destination[position..], CommandFields.NameR, RequestId);
        return position;
    }

    /// <summary>
    /// Reads a whole command body (no frame markers); fields may come in any order.
    /// <paramref name="consumed"/> is the body length on success. Never throws.
    /// </summary>
    public static PeerDecodeError TryRead(ReadOnlySpan<byte> body, out SegmentDataCommand value, out int consumed)
    {
        value = default;
        consumed = 0;
        var error = CommandFields.TryRead(body, PeerCommandType.SegmentData, out var fields);
        if (error != PeerDecodeError.None)
        {
            return error;
        }

        if (!fields.HasI || !fields.HasR || !fields.HasS)
        {
            return PeerDecodeError.MissingField;
        }

        value = new SegmentDataCommand(fields.I, fields.S, fields.R);
        consumed = body.Length;
        return PeerDecodeError.None;
    }
}
