namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// An ABORT chunk (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.7">RFC 9260 §3.3.7</see>).
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 6    |  Reserved   |T|           Length              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                   zero or more Error Causes                   \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// T: the verification tag is the sender's own (reflected) rather than the receiver's.
/// </remarks>
/// <param name="TagReflected">The T bit.</param>
/// <param name="Causes">Error causes.</param>
public readonly record struct AbortChunk(bool TagReflected, SctpErrorCause[] Causes)
{
    /// <summary>Padded length on the wire.</summary>
    public int GetSerializedLength() => SctpChunk.HeaderLength + Causes.Sum(c => c.GetSerializedLength());

    /// <summary>Decodes an ABORT.</summary>
    public static SctpDecodeError TryRead(SctpChunk chunk, out AbortChunk value)
    {
        value = default;
        var error = SctpChunk.Expect(chunk, SctpChunkType.Abort, 0);
        if (error == SctpDecodeError.None)
        {
            error = SctpErrorCause.TryReadAll(chunk.Value, out var causes);
            value = new AbortChunk((chunk.Flags & 1) != 0, causes);
        }

        return error;
    }

    /// <summary>Writes the chunk; returns the padded length.</summary>
    public int WriteTo(Span<byte> d) => WriteCauses(d, SctpChunkType.Abort, (byte)(TagReflected ? 1 : 0), Causes);

    /// <summary>Writes a chunk made of error causes (ABORT, ERROR).</summary>
    internal static int WriteCauses(Span<byte> d, SctpChunkType type, byte flags, SctpErrorCause[] causes)
    {
        var at = SctpChunk.HeaderLength;
        var unpadded = at;
        foreach (var c in causes)
        {
            unpadded = at + SctpParameter.HeaderLength + c.Info.Length;
            at += c.WriteTo(d[at..]);
        }

        SctpChunk.WriteHeader(d, type, flags, unpadded);
        return at;
    }
}
