namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// An INIT ACK chunk (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.3">RFC 9260 §3.3.3</see>):
/// the INIT layout with type 2, plus the mandatory State Cookie and any Unrecognized Parameters.
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 2    |  Chunk Flags  |      Chunk Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Initiate Tag, a_rwnd, streams, Initial TSN (as in INIT)     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \  State Cookie (type 7), optional parameters                   \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
/// <param name="Fields">The fixed fields, the cookie and the parameters.</param>
public readonly record struct InitAckChunk(SctpInitFields Fields)
{
    /// <summary>Padded length on the wire.</summary>
    public int GetSerializedLength() => Fields.GetSerializedLength();

    /// <summary>Decodes an INIT ACK; a missing State Cookie is an error (RFC 9260 §3.3.3).</summary>
    public static SctpDecodeError TryRead(SctpChunk chunk, out InitAckChunk value)
    {
        value = default;
        var error = SctpChunk.Expect(chunk, SctpChunkType.InitAck, SctpInitFields.FixedLength);
        if (error != SctpDecodeError.None)
        {
            return error;
        }

        error = SctpInitFields.TryRead(chunk.Value, out var fields);
        if (error == SctpDecodeError.None && fields.StateCookie is null)
        {
            error = SctpDecodeError.BadValue;
        }

        value = new InitAckChunk(fields);
        return error;
    }

    /// <summary>Writes the chunk; returns the padded length.</summary>
    public int WriteTo(Span<byte> destination) => Fields.WriteTo(destination, SctpChunkType.InitAck);
}
