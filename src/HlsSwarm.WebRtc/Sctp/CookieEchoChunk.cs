namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// A COOKIE ECHO chunk carrying the State Cookie back (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.11">RFC 9260 §3.3.11</see>).
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 10   |Chunk  Flags   |         Length                |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                     Cookie                                    /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
/// <param name="Cookie">The State Cookie from INIT ACK, unchanged.</param>
public readonly record struct CookieEchoChunk(ReadOnlyMemory<byte> Cookie)
{
    /// <summary>Padded length on the wire.</summary>
    public int GetSerializedLength() => SctpChunk.Pad4(SctpChunk.HeaderLength + Cookie.Length);

    /// <summary>Decodes a COOKIE ECHO.</summary>
    public static SctpDecodeError TryRead(SctpChunk chunk, out CookieEchoChunk value)
    {
        value = default;
        var error = SctpChunk.Expect(chunk, SctpChunkType.CookieEcho, 1);
        if (error == SctpDecodeError.None)
        {
            value = new CookieEchoChunk(chunk.Value.ToArray());
        }

        return error;
    }

    /// <summary>Writes the chunk; returns the padded length.</summary>
    public int WriteTo(Span<byte> d)
    {
        var length = SctpChunk.HeaderLength + Cookie.Length;
        SctpChunk.WriteHeader(d, SctpChunkType.CookieEcho, 0, length);
        Cookie.Span.CopyTo(d[SctpChunk.HeaderLength..]);
        return SctpChunk.FinishPadding(d, length);
    }
}
