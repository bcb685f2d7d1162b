using System.Buffers.Binary;

namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// A SACK chunk (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.4">RFC 9260 §3.3.4</see>).
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 3    |Chunk  Flags   |      Chunk Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      Cumulative TSN Ack                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          Advertised Receiver Window Credit (a_rwnd)           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Number of Gap Ack Blocks = N  |  Number of Duplicate TSNs = M |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    Gap Ack Block #1 Start     |     Gap Ack Block #1 End      |
/// /                              ...                              /
/// |                        Duplicate TSN 1                        |
/// /                              ...                              /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Gap block offsets are relative to the Cumulative TSN Ack.
/// </remarks>
/// <param name="CumulativeTsnAck">Last TSN received in sequence.</param>
/// <param name="AdvertisedReceiverWindowCredit">Free receive buffer in bytes.</param>
/// <param name="GapAckBlocks">Blocks received beyond the cumulative ack.</param>
/// <param name="DuplicateTsns">TSNs received more than once since the last SACK.</param>
public readonly record struct SackChunk(
    uint CumulativeTsnAck, uint AdvertisedReceiverWindowCredit, GapAckBlock[] GapAckBlocks, uint[] DuplicateTsns)
{
    private const int FixedLength = 12;

    /// <summary>Padded length on the wire.</summary>
    public int GetSerializedLength() => SctpChunk.HeaderLength + FixedLength + (4 * GapAckBlocks.Length) + (4 * DuplicateTsns.Length);

    /// <summary>Decodes a SACK; counts that do not match the length are an error.</summary>
    public static SctpDecodeError TryRead(SctpChunk chunk, out SackChunk value)
    {
        value = default;
        var error = SctpChunk.Expect(chunk, SctpChunkType.Sack, FixedLength);
        if (error != SctpDecodeError.None)
        {
            return error;
        }

        var v = chunk.Value;
        int gaps = BinaryPrimitives.ReadUInt16BigEndian(v[8..]);
        int dups = BinaryPrimitives.ReadUInt16BigEndian(v[10..]);
        if (v.Length < FixedLength + (4 * (gaps + dups)))
        {
            return SctpDecodeError.BadLength;
        }

        var blocks = new GapAckBlock[gaps];
        for (var i = 0; i < gaps; i++)
        {
            var at = FixedLength + (4 * i);
            blocks[i] = new GapAckBlock(BinaryPrimitives.ReadUInt16BigEndian(v[at..]), BinaryPrimitives.ReadUInt16BigEndian(v[(at + 2)..]));
        }

        var duplicates = new uint[dups];
        for (var i = 0; i < dups; i++)
        {
            duplicates[i] = BinaryPrimitives.ReadUInt32BigEndian(v[(FixedLength + (4 * gaps) + (4 * i))..]);
        }

        value = new SackChunk(BinaryPrimitives.ReadUInt32BigEndian(v), BinaryPrimitives.ReadUInt32BigEndian(v[4..]), blocks, duplicates);
        return SctpDecodeError.None;
    }

    /// <summary>Writes the chunk; returns its length (always a multiple of 4).</summary>
    public int WriteTo(Span<byte> d)
    {
        var length = GetSerializedLength();
        SctpChunk.WriteHeader(d, SctpChunkType.Sack, 0, length);
        BinaryPrimitives.WriteUInt32BigEndian(d[4..], CumulativeTsnAck);
        BinaryPrimitives.WriteUInt32BigEndian(d[8..], AdvertisedReceiverWindowCredit);
        BinaryPrimitives.WriteUInt16BigEndian(d[12..], (ushort)GapAckBlocks.Length);
        BinaryPrimitives.WriteUInt16BigEndian(d[14..], (ushort)DuplicateTsns.Length);
        var at = 16;
        foreach (var b in GapAckBlocks)
        {
            BinaryPrimitives.WriteUInt16BigEndian(d[at..], b.Start);
            BinaryPrimitives.WriteUInt16BigEndian(d[(at + 2)..], b.End);
            at += 4;
        }

        foreach (var t in DuplicateTsns)
        {
            BinaryPrimitives.WriteUInt32BigEndian(d[at..], t);
            at += 4;
        }

        return at;
    }
}
