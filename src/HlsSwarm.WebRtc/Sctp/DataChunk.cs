using System.Buffers.Binary;

namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// A DATA chunk (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.1">RFC 9260 §3.3.1</see>;
/// I bit: <see href="https://www.rfc-editor.org/rfc/rfc7053">RFC 7053</see>).
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 0    |  Res  |I|U|B|E|            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                              TSN                              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Stream Identifier S      |   Stream Sequence Number n    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                  Payload Protocol Identifier                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                 User Data (seq n of Stream S)                 \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
/// <param name="Tsn">Transmission sequence number.</param>
/// <param name="StreamId">Stream identifier.</param>
/// <param name="StreamSequence">Stream sequence number (ignored for unordered).</param>
/// <param name="Ppid">Payload protocol identifier (RFC 8831 §8: 50 DCEP, 51 string, 53 binary, …).</param>
/// <param name="Payload">This fragment's user data (never empty).</param>
/// <param name="Unordered">U: deliver without regard to the stream sequence.</param>
/// <param name="Beginning">B: first fragment of a message.</param>
/// <param name="Ending">E: last fragment of a message.</param>
/// <param name="Immediate">I: ask the receiver to SACK without delay (RFC 7053).</param>
public readonly record struct DataChunk(
    uint Tsn, ushort StreamId, ushort StreamSequence, uint Ppid, ReadOnlyMemory<byte> Payload,
    bool Unordered, bool Beginning, bool Ending, bool Immediate = false)
{
    /// <summary>Bytes before the user data (chunk header included).</summary>
    public const int HeaderLength = 16;

    /// <summary>Padded length on the wire.</summary>
    public int GetSerializedLength() => SctpChunk.Pad4(HeaderLength + Payload.Length);

    /// <summary>Decodes a DATA chunk. The payload is copied, because the receiver keeps it until reassembly.</summary>
    public static SctpDecodeError TryRead(SctpChunk chunk, out DataChunk value)
    {
        value = default;
        var error = SctpChunk.Expect(chunk, SctpChunkType.Data, HeaderLength - SctpChunk.HeaderLength);
        if (error != SctpDecodeError.None)
        {
            return error;
        }

        var v = chunk.Value;
        if (v.Length == 12)
        {
            // A DATA chunk without user data is a protocol violation (RFC 9260 §6.2, "No User Data" cause).
            return SctpDecodeError.BadValue;
        }

        var f = chunk.Flags;
        value = new DataChunk(
            BinaryPrimitives.ReadUInt32BigEndian(v),
            BinaryPrimitives.ReadUInt16BigEndian(v[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(v[6..]),
            BinaryPrimitives.ReadUInt32BigEndian(v[8..]),
            v[12..].ToArray(),
            Unordered: (f & 4) != 0,
            Beginning: (f & 2) != 0,
            Ending: (f & 1) != 0,
            Immediate: (f & 8) != 0);
        return SctpDecodeError.None;
    }

    /// <summary>Writes the chunk with padding; returns the padded length.</summary>
    public int WriteTo(Span<byte> destination) =>
        Write(destination, Tsn, StreamId, StreamSequence, Ppid, Payload.Span, Unordered, Beginning, Ending, Immediate);

    /// <summary>Writes a DATA chunk straight from a payload slice (the send path uses this to avoid copies).</summary>
    public static int Write(
        Span<byte> destination, uint tsn, ushort streamId, ushort streamSequence, uint ppid, ReadOnlySpan<byte> payload,
        bool unordered, bool beginning, bool ending, bool immediate)
    {
        var flags = (byte)((immediate ? 8 : 0) | (unordered ? 4 : 0) | (beginning ? 2 : 0) | (ending ? 1 : 0));
        var length = HeaderLength + payload.Length;
        SctpChunk.WriteHeader(destination, SctpChunkType.Data, flags, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], tsn);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], streamId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], streamSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], ppid);
        payload.CopyTo(destination[HeaderLength..]);
        return SctpChunk.FinishPadding(destination, length);
    }
}
