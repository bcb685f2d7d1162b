using System.Buffers.Binary;

namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// A type-length-value parameter inside INIT, INIT ACK, HEARTBEAT and RE-CONFIG chunks, and the same layout for
/// error causes (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.2.1">RFC 9260 §3.2.1</see>).
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Parameter Type           |      Parameter Length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                       Parameter Value                         \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly ref struct SctpParameter
{
    /// <summary>Length of the parameter header.</summary>
    public const int HeaderLength = 4;

    /// <summary>Creates a view of a parameter.</summary>
    public SctpParameter(ushort type, ReadOnlySpan<byte> bytes)
    {
        Type = type;
        Bytes = bytes;
    }

    /// <summary>The parameter type.</summary>
    public ushort Type { get; }

    /// <summary>The whole parameter (header and value, no padding).</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    /// <summary>The parameter value.</summary>
    public ReadOnlySpan<byte> Value => Bytes[HeaderLength..];

    /// <summary>The action for an unknown parameter type, from its two high bits (RFC 9260 §3.2.1).</summary>
    public static SctpUnknownAction UnknownAction(ushort type) => (SctpUnknownAction)(type >> 14);

    /// <summary>Reads the next parameter; <paramref name="consumed"/> includes padding.</summary>
    public static SctpDecodeError TryRead(ReadOnlySpan<byte> source, out SctpParameter parameter, out int consumed)
    {
        parameter = default;
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

        parameter = new SctpParameter(BinaryPrimitives.ReadUInt16BigEndian(source), source[..length]);
        consumed = Math.Min(SctpChunk.Pad4(length), source.Length);
        return SctpDecodeError.None;
    }

    /// <summary>Writes a parameter with its padding; returns the padded length.</summary>
    internal static int Write(Span<byte> destination, ushort type, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(HeaderLength + value.Length));
        value.CopyTo(destination[HeaderLength..]);
        return SctpChunk.FinishPadding(destination, HeaderLength + value.Length);
    }
}
