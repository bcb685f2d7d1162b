using System.Buffers.Binary;

namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// One chunk as it sits in a packet: type, flags and value (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.2">RFC 9260 §3.2</see>).
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Chunk Type  | Chunk  Flags  |        Chunk Length           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                          Chunk Value                          \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The length counts header and value but not the zero padding to a multiple of 4.
/// </remarks>
public readonly ref struct SctpChunk
{
    /// <summary>Length of the chunk header.</summary>
    public const int HeaderLength = 4;

    /// <summary>Creates a view of a chunk.</summary>
    public SctpChunk(byte type, byte flags, ReadOnlySpan<byte> bytes)
    {
        Type = type;
        Flags = flags;
        Bytes = bytes;
    }

    /// <summary>The chunk type (see <see cref="SctpChunkType"/>).</summary>
    public byte Type { get; }

    /// <summary>The chunk flags.</summary>
    public byte Flags { get; }

    /// <summary>The whole chunk (header and value, no padding).</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    /// <summary>The chunk value.</summary>
    public ReadOnlySpan<byte> Value => Bytes[HeaderLength..];

    /// <summary>The action for an unknown chunk type, from its two high bits (RFC 9260 §3.2).</summary>
    public static SctpUnknownAction UnknownAction(byte type) => (SctpUnknownAction)(type >> 6);

    /// <summary>Rounds up to a multiple of 4 (chunk and parameter padding).</summary>
    public static int Pad4(int length) => (length + 3) & ~3;

    /// <summary>Reads the next chunk at the start of <paramref name="source"/>; <paramref name="consumed"/> includes padding.</summary>
    public static SctpDecodeError TryRead(ReadOnlySpan<byte> source, out SctpChunk chunk, out int consumed)
    {
        chunk = default;
        consumed = 0;
        if (source.Length < HeaderLength)
        {
            return SctpDecodeError.TooShort;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        if (length < HeaderLength || length > source.Length)
        {
            return SctpDecodeError.BadLength;
        }

        chunk = new SctpChunk(source[0], source[1], source[..length]);

        // The last chunk of a packet may come without its padding; receivers ignore padding (RFC 9260 §3.2).
        consumed = Math.Min(Pad4(length), source.Length);
        return SctpDecodeError.None;
    }

    /// <summary>Writes a chunk header; <paramref name="length"/> excludes padding.</summary>
    internal static void WriteHeader(Span<byte> destination, SctpChunkType type, byte flags, int length)
    {
        destination[0] = (byte)type;
        destination[1] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)length);
    }

    /// <summary>Zeroes the padding after a chunk of <paramref name="length"/> bytes; returns the padded length.</summary>
    internal static int FinishPadding(Span<byte> destination, int length)
    {
        var padded = Pad4(length);
        destination[length..padded].Clear();
        return padded;
    }

    /// <summary>Checks the type before a typed decoder reads the chunk.</summary>
    internal static SctpDecodeError Expect(SctpChunk chunk, SctpChunkType type, int minValueLength) =>
        chunk.Type != (byte)type ? SctpDecodeError.WrongType
        : chunk.Value.Length < minValueLength ? SctpDecodeError.TooShort
        : SctpDecodeError.None;
}
