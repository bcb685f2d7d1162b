using System.Buffers.Binary;

namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// A RE-CONFIG chunk (<see href="https://www.rfc-editor.org/rfc/rfc6525#section-3.1">RFC 6525 §3.1</see>) with the two
/// parameters WebRTC uses to close data channels: Outgoing SSN Reset Request (§4.1) and Re-configuration Response (§4.4).
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Type = 130    |  Chunk Flags  |      Chunk Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                  Re-configuration Parameter                   \
/// \             Re-configuration Parameter (optional)             \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///
/// Outgoing SSN Reset Request (type 13):
/// | Re-configuration Request Sequence Number                      |
/// | Re-configuration Response Sequence Number                     |
/// | Sender's Last Assigned TSN                                    |
/// |  Stream Number 1 (optional)   |    Stream Number 2 ...        |
///
/// Re-configuration Response (type 16):
/// | Re-configuration Response Sequence Number                     |
/// | Result                                                        |
/// | Sender's Next TSN (optional)  | Receiver's Next TSN (optional)|
/// </code>
/// Other request types (incoming reset, TSN reset, add streams) are counted in <see cref="OtherRequests"/> so the
/// receiver can answer them "denied" (RFC 6525 §5.2).
/// </remarks>
/// <param name="Request">An Outgoing SSN Reset Request, or null.</param>
/// <param name="Response">A Re-configuration Response, or null.</param>
/// <param name="OtherRequests">Request sequence numbers of request types we do not implement.</param>
public readonly record struct ReConfigChunk(OutgoingSsnResetRequest? Request, ReConfigResponse? Response, uint[]? OtherRequests = null)
{
    /// <summary>Padded length on the wire.</summary>
    public int GetSerializedLength() =>
        SctpChunk.HeaderLength
        + (Request is { } q ? SctpChunk.Pad4(16 + (2 * q.Streams.Length)) : 0)
        + (Response is { } r ? (r.HasTsns ? 20 : 12) : 0);

    /// <summary>Decodes a RE-CONFIG chunk.</summary>
    public static SctpDecodeError TryRead(SctpChunk chunk, out ReConfigChunk value)
    {
        value = default;
        var error = SctpChunk.Expect(chunk, SctpChunkType.ReConfig, SctpParameter.HeaderLength);
        if (error != SctpDecodeError.None)
        {
            return error;
        }

        OutgoingSsnResetRequest? request = null;
        ReConfigResponse? response = null;
        List<uint>? others = null;
        var rest = chunk.Value;
        while (rest.Length > 0)
        {
            error = SctpParameter.TryRead(rest, out var p, out var consumed);
            if (error != SctpDecodeError.None)
            {
                return error;
            }

            var v = p.Value;
            switch ((SctpParameterType)p.Type)
            {
                case SctpParameterType.OutgoingSsnResetRequest:
                    if (v.Length < 12 || v.Length % 2 != 0)
                    {
                        return SctpDecodeError.BadLength;
                    }

                    var streams = new ushort[(v.Length - 12) / 2];
                    for (var i = 0; i < streams.Length; i++)
                    {
                        streams[i] = BinaryPrimitives.ReadUInt16BigEndian(v[(12 + (2 * i))..]);
                    }

                    request = new OutgoingSsnResetRequest(
                        BinaryPrimitives.ReadUInt32BigEndian(v), BinaryPrimitives.ReadUInt32BigEndian(v[4..]), BinaryPrimitives.ReadUInt32BigEndian(v[8..]), streams);
                    break;
                case SctpParameterType.ReConfigResponse:
                    if (v.Length is not (8 or 16))
                    {
                        return SctpDecodeError.BadLength;
                    }

                    response = new ReConfigResponse(
                        BinaryPrimitives.ReadUInt32BigEndian(v), (ReConfigResult)BinaryPrimitives.ReadUInt32BigEndian(v[4..]),
                        v.Length == 16 ? BinaryPrimitives.ReadUInt32BigEndian(v[8..]) : null,
                        v.Length == 16 ? BinaryPrimitives.ReadUInt32BigEndian(v[12..]) : null);
                    break;
                default:
                    // Requests 14, 15, 17, 18 all start with their request sequence number.
                    if (p.Type is >= 14 and <= 18 && v.Length >= 4)
                    {
                        (others ??= []).Add(BinaryPrimitives.ReadUInt32BigEndian(v));
                        break;
                    }

                    return SctpDecodeError.BadValue;
            }

            rest = rest[consumed..];
        }

        value = new ReConfigChunk(request, response, others?.ToArray());
        return SctpDecodeError.None;
    }

    /// <summary>Writes the chunk (request first, then response); returns the padded length.</summary>
    public int WriteTo(Span<byte> d)
    {
        var at = SctpChunk.HeaderLength;
        var unpadded = at;
        if (Request is { } q)
        {
            Span<byte> v = stackalloc byte[12 + (2 * q.Streams.Length)];
            BinaryPrimitives.WriteUInt32BigEndian(v, q.RequestSequence);
            BinaryPrimitives.WriteUInt32BigEndian(v[4..], q.ResponseSequence);
            BinaryPrimitives.WriteUInt32BigEndian(v[8..], q.SenderLastTsn);
            for (var i = 0; i < q.Streams.Length; i++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(v[(12 + (2 * i))..], q.Streams[i]);
            }

            unpadded = at + SctpParameter.HeaderLength + v.Length;
            at += SctpParameter.Write(d[at..], (ushort)SctpParameterType.OutgoingSsnResetRequest, v);
        }

        if (Response is { } r)
        {
            Span<byte> v = stackalloc byte[r.HasTsns ? 16 : 8];
            BinaryPrimitives.WriteUInt32BigEndian(v, r.ResponseSequence);
            BinaryPrimitives.WriteUInt32BigEndian(v[4..], (uint)r.Result);
            if (r.HasTsns)
            {
                BinaryPrimitives.WriteUInt32BigEndian(v[8..], r.SenderNextTsn ?? 0);
                BinaryPrimitives.WriteUInt32BigEndian(v[12..], r.ReceiverNextTsn ?? 0);
            }

            unpadded = at + SctpParameter.HeaderLength + v.Length;
            at += SctpParameter.Write(d[at..], (ushort)SctpParameterType.ReConfigResponse, v);
        }

        SctpChunk.WriteHeader(d, SctpChunkType.ReConfig, 0, unpadded);
        return at;
    }
}
