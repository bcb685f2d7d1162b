namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// A chunk with no value: SHUTDOWN ACK (§3.3.9), COOKIE ACK (§3.3.12) and SHUTDOWN COMPLETE (§3.3.13, with the T bit)
/// (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.9">RFC 9260</see>).
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Type = 8/11/14| Reserved    |T|      Length = 4               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
/// <param name="Type">SHUTDOWN ACK, COOKIE ACK or SHUTDOWN COMPLETE.</param>
/// <param name="TagReflected">The T bit (SHUTDOWN COMPLETE only).</param>
public readonly record struct SctpEmptyChunk(SctpChunkType Type, bool TagReflected = false)
{
    /// <summary>Length on the wire.</summary>
    public int GetSerializedLength() => SctpChunk.HeaderLength;

    /// <summary>Decodes one of the empty chunks (a value, if present, is ignored as RFC 9260 allows extensions).</summary>
    public static SctpDecodeError TryRead(SctpChunk chunk, out SctpEmptyChunk value)
    {
        value = default;
        if (chunk.Type is not ((byte)SctpChunkType.ShutdownAck or (byte)SctpChunkType.CookieAck or (byte)SctpChunkType.ShutdownComplete))
        {
            return SctpDecodeError.WrongType;
        }

        value = new SctpEmptyChunk((SctpChunkType)chunk.Type, chunk.Type == (byte)SctpChunkType.ShutdownComplete && (chunk.Flags & 1) != 0);
        return SctpDecodeError.None;
    }

    /// <summary>Writes the chunk; returns its length.</summary>
    public int WriteTo(Span<byte> d)
    {
        SctpChunk.WriteHeader(d, Type, (byte)(TagReflected ? 1 : 0), SctpChunk.HeaderLength);
        return SctpChunk.HeaderLength;
    }
}
