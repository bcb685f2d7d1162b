namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// An INIT chunk (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.2">RFC 9260 §3.3.2</see>).
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 1    |  Chunk Flags  |      Chunk Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Initiate Tag                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Advertised Receiver Window Credit (a_rwnd)          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Number of Outbound Streams   |  Number of Inbound Streams    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                          Initial TSN                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \              Optional/Variable-Length Parameters              \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// We write Forward-TSN-Supported (RFC 3758) and Supported Extensions (RFC 5061) listing RE-CONFIG and
/// FORWARD-TSN; we never write Zero Checksum Acceptable (RFC 9653).
/// </remarks>
/// <param name="Fields">The fixed fields and the parameters this stack understands.</param>
public readonly record struct InitChunk(SctpInitFields Fields)
{
    /// <summary>Padded length on the wire.</summary>
    public int GetSerializedLength() => Fields.GetSerializedLength();

    /// <summary>Decodes an INIT.</summary>
    public static SctpDecodeError TryRead(SctpChunk chunk, out InitChunk value)
    {
        value = default;
        var error = SctpChunk.Expect(chunk, SctpChunkType.Init, SctpInitFields.FixedLength);
        if (error != SctpDecodeError.None)
        {
            return error;
        }

        error = SctpInitFields.TryRead(chunk.Value, out var fields);
        value = new InitChunk(fields);
        return error;
    }

    /// <summary>Writes the chunk; returns the padded length.</summary>
    public int WriteTo(Span<byte> destination) => Fields.WriteTo(destination, SctpChunkType.Init);
}
