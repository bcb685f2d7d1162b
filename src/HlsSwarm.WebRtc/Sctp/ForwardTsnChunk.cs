using System.Buffers.Binary;

namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// A FORWARD-TSN chunk (<see href="https://www.rfc-editor.org/rfc/rfc3758#section-3.2">RFC 3758 §3.2</see>):
/// the receiver moves its cumulative TSN to <see cref="NewCumulativeTsn"/> and skips the listed ordered messages.
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 192  |  Flags = 0x00 |        Length = Variable      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      New Cumulative TSN                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Stream-1              |       Stream Sequence-1       |
/// /                              ...                              /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
/// <param name="NewCumulativeTsn">The new cumulative TSN.</param>
/// <param name="Streams">Per ordered stream, the largest skipped stream sequence number.</param>
public readonly record struct ForwardTsnChunk(uint NewCumulativeTsn, ForwardTsnStream[] Streams)
{
    /// <summary>Length on the wire.</summary>
    public int GetSerializedLength() => 8 + (4 * Streams.Length);

    /// <summary>Decodes a FORWARD-TSN; a trailing partial stream entry is an error.</summary>
    public static SctpDecodeError TryRead(SctpChunk chunk, out ForwardTsnChunk value)
    {
        value = default;
        var error = SctpChunk.Expect(chunk, SctpChunkType.ForwardTsn, 4);
        if (error != SctpDecodeError.None)
        {
            return error;
        }

        var v = chunk.Value;
        if ((v.Length - 4) % 4 != 0)
        {
            return SctpDecodeError.BadLength;
        }

        var streams = new ForwardTsnStream[(v.Length - 4) / 4];
        for (var i = 0; i < streams.Length; i++)
        {
            streams[i] = new ForwardTsnStream(BinaryPrimitives.ReadUInt16BigEndian(v[(4 + (4 * i))..]), BinaryPrimitives.ReadUInt16BigEndian(v[(6 + (4 * i))..]));
        }

        value = new ForwardTsnChunk(BinaryPrimitives.ReadUInt32BigEndian(v), streams);
        return SctpDecodeError.None;
    }

    /// <summary>Writes the chunk; returns its length.</summary>
    public int WriteTo(Span<byte> d)
    {
        var length = GetSerializedLength();
        SctpChunk.WriteHeader(d, SctpChunkType.ForwardTsn, 0, length);
        BinaryPrimitives.WriteUInt32BigEndian(d[4..], NewCumulativeTsn);
        for (var i = 0; i < Streams.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(d[(8 + (4 * i))..], Streams[i].StreamId);
            BinaryPrimitives.WriteUInt16BigEndian(d[(10 + (4 * i))..], Streams[i].StreamSequence);
        }

        return length;
    }
}
