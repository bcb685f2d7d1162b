namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// An ERROR chunk reporting non-fatal errors (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10">RFC 9260 §3.3.10</see>).
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 9    | Chunk  Flags  |           Length              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                    one or more Error Causes                   \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
/// <param name="Causes">Error causes.</param>
public readonly record struct ErrorChunk(SctpErrorCause[] Causes)
{
    /// <summary>Padded length on the wire.</summary>
    public int GetSerializedLength() => SctpChunk.HeaderLength + Causes.Sum(c => c.GetSerializedLength());

    /// <summary>Decodes an ERROR.</summary>
    public static SctpDecodeError TryRead(SctpChunk chunk, out ErrorChunk value)
    {
        value = default;
        var error = SctpChunk.Expect(chunk, SctpChunkType.Error, 0);
        if (error == SctpDecodeError.None)
        {
            error = SctpErrorCause.TryReadAll(chunk.Value, out var causes);
            value = new ErrorChunk(causes);
        }

        return error;
    }

    /// <summary>Writes the chunk; returns the padded length.</summary>
    public int WriteTo(Span<byte> d) => AbortChunk.WriteCauses(d, SctpChunkType.Error, 0, Causes);
}
