using System.Buffers.Binary;

namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// A SHUTDOWN chunk (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.8">RFC 9260 §3.3.8</see>).
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 7    | Chunk  Flags  |      Length = 8               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      Cumulative TSN Ack                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
/// <param name="CumulativeTsnAck">Last TSN received in sequence.</param>
public readonly record struct ShutdownChunk(uint CumulativeTsnAck)
{
    /// <summary>Length on the wire.</summary>
    public const int Length = 8;

    /// <summary>Length on the wire.</summary>
    public int GetSerializedLength() => Length;

    /// <summary>Decodes a SHUTDOWN.</summary>
    public static SctpDecodeError TryRead(SctpChunk chunk, out ShutdownChunk value)
    {
        value = default;
        var error = SctpChunk.Expect(chunk, SctpChunkType.Shutdown, 4);
        if (error == SctpDecodeError.None)
        {
            value = new ShutdownChunk(BinaryPrimitives.ReadUInt32BigEndian(chunk.Value));
        }

        return error;
    }

    /// <summary>Writes the chunk; returns its length.</summary>
    public int WriteTo(Span<byte> d)
    {
        SctpChunk.WriteHeader(d, SctpChunkType.Shutdown, 0, Length);
        BinaryPrimitives.WriteUInt32BigEndian(d[4..], CumulativeTsnAck);
        return Length;
    }
}
