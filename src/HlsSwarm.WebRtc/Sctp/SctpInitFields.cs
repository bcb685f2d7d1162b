using System.Buffers.Binary;

namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// The content shared by INIT and INIT ACK (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.2">RFC 9260 §3.3.2</see>):
/// fixed fields and the optional parameters this stack understands. Other parameters follow the upper-bit rules
/// of RFC 9260 §3.2.1; those to report are kept raw in <see cref="UnrecognizedParameters"/>.
/// </summary>
/// <param name="InitiateTag">The tag the peer must put in every packet to us; never 0.</param>
/// <param name="AdvertisedReceiverWindowCredit">Initial receive window in bytes.</param>
/// <param name="OutboundStreams">Number of outbound streams; never 0.</param>
/// <param name="InboundStreams">Maximum inbound streams; never 0.</param>
/// <param name="InitialTsn">First TSN the sender will use.</param>
/// <param name="ForwardTsnSupported">Forward-TSN-Supported present (RFC 3758 §3.1).</param>
/// <param name="SupportedExtensions">Chunk types of the Supported Extensions parameter (RFC 5061 §4.2.7), or null.</param>
/// <param name="StateCookie">The State Cookie (INIT ACK only), or null.</param>
/// <param name="UnrecognizedParameters">Whole unknown parameters whose type asks for a report, or null.</param>
public readonly record struct SctpInitFields(
    uint InitiateTag, uint AdvertisedReceiverWindowCredit, ushort OutboundStreams, ushort InboundStreams, uint InitialTsn,
    bool ForwardTsnSupported = false, byte[]? SupportedExtensions = null, byte[]? StateCookie = null,
    byte[][]? UnrecognizedParameters = null)
{
    /// <summary>Length of the fixed part of the value.</summary>
    public const int FixedLength = 16;

    /// <summary>True iff the Supported Extensions parameter lists <paramref name="type"/>.</summary>
    public bool Supports(SctpChunkType type) => SupportedExtensions is { } e && Array.IndexOf(e, (byte)type) >= 0;

    /// <summary>Padded length on the wire.</summary>
    public int GetSerializedLength()
    {
        var length = SctpChunk.HeaderLength + FixedLength;
        if (ForwardTsnSupported)
        {
            length += SctpParameter.HeaderLength;
        }

        if (SupportedExtensions is { } e)
        {
            length += SctpChunk.Pad4(SctpParameter.HeaderLength + e.Length);
        }

        if (StateCookie is { } c)
        {
            length += SctpChunk.Pad4(SctpParameter.HeaderLength + c.Length);
        }

        foreach (var p in UnrecognizedParameters ?? [])
        {
            length += SctpChunk.Pad4(SctpParameter.HeaderLength + p.Length);
        }

        return length;
    }

    /// <summary>Decodes the value of an INIT or INIT ACK.</summary>
    public static SctpDecodeError TryRead(ReadOnlySpan<byte> v, out SctpInitFields fields)
    {
        fields = default;
        if (v.Length < FixedLength)
        {
            return SctpDecodeError.TooShort;
        }

        var tag = BinaryPrimitives.ReadUInt32BigEndian(v);
        var outbound = BinaryPrimitives.ReadUInt16BigEndian(v[8..]);
        var inbound = BinaryPrimitives.ReadUInt16BigEndian(v[10..]);

        // RFC 9260 §3.3.2: a zero tag or zero stream counts are protocol violations.
        if (tag == 0 || outbound == 0 || inbound == 0)
        {
            return SctpDecodeError.BadValue;
        }

        var forwardTsn = false;
        byte[]? extensions = null;
        byte[]? cookie = null;
        List<byte[]>? unrecognized = null;
        var rest = v[FixedLength..];
        while (rest.Length > 0)
        {
            var error = SctpParameter.TryRead(rest, out var p, out var consumed);
            if (error != SctpDecodeError.None)
            {
                return error;
            }

            switch ((SctpParameterType)p.Type)
            {
                case SctpParameterType.ForwardTsnSupported:
                    forwardTsn = true;
                    break;
                case SctpParameterType.SupportedExtensions:
                    extensions = p.Value.ToArray();
                    break;
                case SctpParameterType.StateCookie:
                    cookie = p.Value.ToArray();
                    break;
                default:
                    // Addresses, Cookie Preservative, AUTH, zero checksum and the like are not used over DTLS.
                    if (IsKnownIgnored(p.Type))
                    {
                        break;
                    }

                    var action = SctpParameter.UnknownAction(p.Type);
                    if (action is SctpUnknownAction.StopAndReport or SctpUnknownAction.SkipAndReport)
                    {
                        (unrecognized ??= []).Add(p.Bytes.ToArray());
                    }

                    if (action is SctpUnknownAction.Stop or SctpUnknownAction.StopAndReport)
                    {
                        rest = default;
                        continue;
                    }

                    break;
            }

            rest = rest[consumed..];
        }

        fields = new SctpInitFields(
            tag, BinaryPrimitives.ReadUInt32BigEndian(v[4..]), outbound, inbound, BinaryPrimitives.ReadUInt32BigEndian(v[12..]),
            forwardTsn, extensions, cookie, unrecognized?.ToArray());
        return SctpDecodeError.None;
    }

    /// <summary>Writes an INIT or INIT ACK chunk; returns the padded length.</summary>
    internal int WriteTo(Span<byte> d, SctpChunkType type)
    {
        SctpChunk.WriteHeader(d, type, 0, 0);
        BinaryPrimitives.WriteUInt32BigEndian(d[4..], InitiateTag);
        BinaryPrimitives.WriteUInt32BigEndian(d[8..], AdvertisedReceiverWindowCredit);
        BinaryPrimitives.WriteUInt16BigEndian(d[12..], OutboundStreams);
        BinaryPrimitives.WriteUInt16BigEndian(d[14..], InboundStreams);
        BinaryPrimitives.WriteUInt32BigEndian(d[16..], InitialTsn);
        var at = SctpChunk.HeaderLength + FixedLength;
        if (StateCookie is { } c)
        {
            at += SctpParameter.Write(d[at..], (ushort)SctpParameterType.StateCookie, c);
        }

        foreach (var p in UnrecognizedParameters ?? [])
        {
            at += SctpParameter.Write(d[at..], (ushort)SctpParameterType.UnrecognizedParameter, p);
        }

        if (SupportedExtensions is { } e)
        {
            at += SctpParameter.Write(d[at..], (ushort)SctpParameterType.SupportedExtensions, e);
        }

        if (ForwardTsnSupported)
        {
            at += SctpParameter.Write(d[at..], (ushort)SctpParameterType.ForwardTsnSupported, []);
        }

        // The chunk length of the last parameter excludes its padding (RFC 9260 §3.2).
        var unpadded = LastUnpadded(at);
        BinaryPrimitives.WriteUInt16BigEndian(d[2..], (ushort)unpadded);
        return at;
    }

    private int LastUnpadded(int padded)
    {
        var last = ForwardTsnSupported ? 0
            : SupportedExtensions is { } e ? e.Length
            : UnrecognizedParameters is { Length: > 0 } u ? u[^1].Length
            : StateCookie is { } c ? c.Length
            : 0;
        return padded - (SctpChunk.Pad4(last) - last);
    }

    private static bool IsKnownIgnored(ushort type) =>
        type is 5 or 6 or 9 or 11 or 12 // IPv4, IPv6, Cookie Preservative, Host Name, Supported Address Types
            or 0x8001 // Zero Checksum Acceptable (RFC 9653): we do not use it
            or 0x8002 or 0x8003 or 0x8004; // AUTH Random, Chunk List, HMAC Algorithm (RFC 4895)
}
