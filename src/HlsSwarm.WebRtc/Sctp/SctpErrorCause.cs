using System.Buffers.Binary;

namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// An error cause in ABORT or ERROR (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10">RFC 9260 §3.3.10</see>).
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Cause Code          |       Cause Length            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                    Cause-Specific Information                 \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
/// <param name="Code">The cause code.</param>
/// <param name="Info">Cause-specific information.</param>
public readonly record struct SctpErrorCause(SctpErrorCauseCode Code, ReadOnlyMemory<byte> Info)
{
    /// <summary>Padded length on the wire.</summary>
    public int GetSerializedLength() => SctpChunk.Pad4(SctpParameter.HeaderLength + Info.Length);

    /// <summary>Reads all causes of a chunk value.</summary>
    public static SctpDecodeError TryReadAll(ReadOnlySpan<byte> value, out SctpErrorCause[] causes)
    {
        var list = new List<SctpErrorCause>();
        causes = [];
        while (value.Length > 0)
        {
            var error = SctpParameter.TryRead(value, out var p, out var consumed);
            if (error != SctpDecodeError.None)
            {
                return error;
            }

            list.Add(new SctpErrorCause((SctpErrorCauseCode)p.Type, p.Value.ToArray()));
            value = value[consumed..];
        }

        causes = [.. list];
        return SctpDecodeError.None;
    }

    /// <summary>Writes the cause; returns the padded length.</summary>
    public int WriteTo(Span<byte> destination) => SctpParameter.Write(destination, (ushort)Code, Info.Span);

    /// <summary>The "User-Initiated Abort" cause with a reason (RFC 9260 §3.3.10.12).</summary>
    public static SctpErrorCause UserInitiatedAbort(string reason) =>
        new(SctpErrorCauseCode.UserInitiatedAbort, System.Text.Encoding.UTF8.GetBytes(reason));

    /// <summary>The "Protocol Violation" cause (RFC 9260 §3.3.10.13).</summary>
    public static SctpErrorCause ProtocolViolation(string what) =>
        new(SctpErrorCauseCode.ProtocolViolation, System.Text.Encoding.UTF8.GetBytes(what));

    /// <summary>The first 4 bytes of a cause's info as a big-endian number (e.g. the TSN of "No User Data").</summary>
    internal static uint ReadUInt32(ReadOnlySpan<byte> info) => info.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(info) : 0;
}
