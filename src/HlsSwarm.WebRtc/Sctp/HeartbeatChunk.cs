namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// A HEARTBEAT (type 4) or HEARTBEAT ACK (type 5) chunk: one Heartbeat Info parameter that the ACK echoes
/// unchanged (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.5">RFC 9260 §3.3.5, §3.3.6</see>).
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Type = 4 or 5 | Chunk  Flags  |      Heartbeat Length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    Heartbeat Info Type = 1    |      HB Info Length           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \           Sender-Specific Heartbeat Info                      \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
/// <param name="IsAck">True for HEARTBEAT ACK.</param>
/// <param name="Info">The sender-specific info (we put the send time in it).</param>
public readonly record struct HeartbeatChunk(bool IsAck, ReadOnlyMemory<byte> Info)
{
    /// <summary>Padded length on the wire.</summary>
    public int GetSerializedLength() => SctpChunk.HeaderLength + SctpChunk.Pad4(SctpParameter.HeaderLength + Info.Length);

    /// <summary>Decodes a HEARTBEAT or HEARTBEAT ACK.</summary>
    public static SctpDecodeError TryRead(SctpChunk chunk, out HeartbeatChunk value)
    {
        value = default;
        if (chunk.Type is not ((byte)SctpChunkType.Heartbeat or (byte)SctpChunkType.HeartbeatAck))
        {
            return SctpDecodeError.WrongType;
        }

        var error = SctpParameter.TryRead(chunk.Value, out var p, out _);
        if (error != SctpDecodeError.None)
        {
            return error;
        }

        if (p.Type != (ushort)SctpParameterType.HeartbeatInfo)
        {
            return SctpDecodeError.BadValue;
        }

        value = new HeartbeatChunk(chunk.Type == (byte)SctpChunkType.HeartbeatAck, p.Value.ToArray());
        return SctpDecodeError.None;
    }

    /// <summary>Writes the chunk; returns the padded length.</summary>
    public int WriteTo(Span<byte> d)
    {
        var length = SctpChunk.HeaderLength + SctpParameter.HeaderLength + Info.Length;
        SctpChunk.WriteHeader(d, IsAck ? SctpChunkType.HeartbeatAck : SctpChunkType.Heartbeat, 0, length);
        return SctpChunk.HeaderLength + SctpParameter.Write(d[SctpChunk.HeaderLength..], (ushort)SctpParameterType.HeartbeatInfo, Info.Span);
    }
}
