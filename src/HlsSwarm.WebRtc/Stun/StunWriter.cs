using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace HlsSwarm.WebRtc.Stun;

/// <summary>
/// Writes one STUN message into a caller-owned span without allocating
/// (<see href="https://www.rfc-editor.org/rfc/rfc8489#section-5">RFC 8489 §5</see>, §14). Add attributes in
/// order, then <see cref="AddMessageIntegrity"/> and <see cref="AddFingerprint"/> last; <see cref="Length"/> is
/// the datagram length. A destination that is too small is a bug of the caller and throws.
/// </summary>
public ref struct StunWriter
{
    private readonly Span<byte> _buffer;
    private int _length;

    /// <summary>Starts a message of <paramref name="messageClass"/> and <paramref name="method"/>.</summary>
    /// <param name="buffer">Where the message is written; 548 bytes fit any ICE message.</param>
    /// <param name="messageClass">Request, indication or response.</param>
    /// <param name="method">The method (Binding for ICE).</param>
    /// <param name="transactionId">The 12-byte transaction id.</param>
    public StunWriter(Span<byte> buffer, StunClass messageClass, StunMethod method, ReadOnlySpan<byte> transactionId)
    {
        if (buffer.Length < StunMessage.HeaderLength)
        {
            throw new ArgumentException("The destination is too short.", nameof(buffer));
        }

        if (transactionId.Length != StunMessage.TransactionIdLength)
        {
            throw new ArgumentException("A transaction id is 12 bytes.", nameof(transactionId));
        }

        _buffer = buffer;
        var m = (int)method;
        var c = (int)messageClass;
        var type = (m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 0x1) << 4) | ((c & 0x2) << 7);
        BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], StunMessage.MagicCookie);
        transactionId.CopyTo(buffer[8..]);
        _length = StunMessage.HeaderLength;
    }

    /// <summary>
    /// The byte that pads attribute values to 4 bytes. RFC 8489 §14 says senders may use any value; 0 is usual,
    /// RFC 5769's vectors use 0x20.
    /// </summary>
    public byte PaddingByte { get; set; }

    /// <summary>Bytes written so far (the datagram length).</summary>
    public readonly int Length => _length;

    /// <summary>The message written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    /// <summary>Adds an attribute with an arbitrary value.</summary>
    public void AddAttribute(StunAttributeType type, ReadOnlySpan<byte> value) => value.CopyTo(Begin(type, value.Length));

    /// <summary>Adds USERNAME (UTF-8; ICE: <c>remoteUfrag:localUfrag</c>).</summary>
    public void AddUsername(string username) => AddText(StunAttributeType.Username, username);

    /// <summary>Adds SOFTWARE (UTF-8).</summary>
    public void AddSoftware(string software) => AddText(StunAttributeType.Software, software);

    /// <summary>Adds PRIORITY (RFC 8445 §7.1.1).</summary>
    public void AddPriority(uint priority) => BinaryPrimitives.WriteUInt32BigEndian(Begin(StunAttributeType.Priority, 4), priority);

    /// <summary>Adds USE-CANDIDATE (RFC 8445 §7.1.2).</summary>
    public void AddUseCandidate() => Begin(StunAttributeType.UseCandidate, 0);

    /// <summary>Adds ICE-CONTROLLING with the agent's tie-breaker (RFC 8445 §7.1.3).</summary>
    public void AddIceControlling(ulong tieBreaker) =>
        BinaryPrimitives.WriteUInt64BigEndian(Begin(StunAttributeType.IceControlling, 8), tieBreaker);

    /// <summary>Adds ICE-CONTROLLED with the agent's tie-breaker (RFC 8445 §7.1.3).</summary>
    public void AddIceControlled(ulong tieBreaker) =>
        BinaryPrimitives.WriteUInt64BigEndian(Begin(StunAttributeType.IceControlled, 8), tieBreaker);

    /// <summary>Adds XOR-MAPPED-ADDRESS (§14.2).</summary>
    public void AddXorMappedAddress(IPEndPoint endPoint)
    {
        Span<byte> transactionId = stackalloc byte[StunMessage.TransactionIdLength];
        _buffer.Slice(8, StunMessage.TransactionIdLength).CopyTo(transactionId);
        var value = Begin(StunAttributeType.XorMappedAddress, StunAddress.GetValueLength(Unmap(endPoint.Address)));
        StunAddress.Write(value, endPoint, transactionId, xor: true);
    }

    /// <summary>Adds MAPPED-ADDRESS (§14.1).</summary>
    public void AddMappedAddress(IPEndPoint endPoint)
    {
        var value = Begin(StunAttributeType.MappedAddress, StunAddress.GetValueLength(Unmap(endPoint.Address)));
        StunAddress.Write(value, endPoint, default, xor: false);
    }

    /// <summary>Adds ERROR-CODE (§14.8) with a code 300..699 and a reason phrase.</summary>
    public void AddErrorCode(int code, string reason)
    {
        if (code is < 300 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(code), "ERROR-CODE is 300..699.");
        }

        var value = Begin(StunAttributeType.ErrorCode, 4 + Encoding.UTF8.GetByteCount(reason));
        value[0] = 0;
        value[1] = 0;
        value[2] = (byte)(code / 100);
        value[3] = (byte)(code % 100);
        Encoding.UTF8.GetBytes(reason, value[4..]);
    }

    /// <summary>Adds UNKNOWN-ATTRIBUTES (§14.9).</summary>
    public void AddUnknownAttributes(ReadOnlySpan<ushort> types)
    {
        var value = Begin(StunAttributeType.UnknownAttributes, types.Length * 2);
        for (var i = 0; i < types.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(value[(i * 2)..], types[i]);
        }
    }

    /// <summary>Adds MESSAGE-INTEGRITY: HMAC-SHA1 keyed with <paramref name="key"/> (§14.5).</summary>
    public void AddMessageIntegrity(ReadOnlySpan<byte> key)
    {
        var offset = _length;
        var value = Begin(StunAttributeType.MessageIntegrity, HMACSHA1.HashSizeInBytes);
        StunMessage.ComputeMac(_buffer, offset, key, sha256: false, value);
    }

    /// <summary>Adds MESSAGE-INTEGRITY-SHA256: full 32-byte HMAC-SHA256 keyed with <paramref name="key"/> (§14.6).</summary>
    public void AddMessageIntegritySha256(ReadOnlySpan<byte> key)
    {
        var offset = _length;
        var value = Begin(StunAttributeType.MessageIntegritySha256, HMACSHA256.HashSizeInBytes);
        StunMessage.ComputeMac(_buffer, offset, key, sha256: true, value);
    }

    /// <summary>Adds FINGERPRINT (§14.7); it must be the last attribute.</summary>
    public void AddFingerprint()
    {
        var offset = _length;
        var value = Begin(StunAttributeType.Fingerprint, 4);
        BinaryPrimitives.WriteUInt32BigEndian(value, StunMessage.ComputeFingerprint(_buffer, offset));
    }

    private static IPAddress Unmap(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private void AddText(StunAttributeType type, string text)
    {
        var value = Begin(type, Encoding.UTF8.GetByteCount(text));
        Encoding.UTF8.GetBytes(text, value);
    }

    /// <summary>Writes the attribute header and padding, updates the message length, returns the value span.</summary>
    private Span<byte> Begin(StunAttributeType type, int valueLength)
    {
        var padded = (valueLength + 3) & ~3;
        if (_buffer.Length - _length < 4 + padded || _length + 4 + padded - StunMessage.HeaderLength > ushort.MaxValue)
        {
            throw new ArgumentException("The STUN message does not fit the destination.");
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_length..], (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(_length + 2)..], (ushort)valueLength);
        _buffer.Slice(_length + 4 + valueLength, padded - valueLength).Fill(PaddingByte);
        var value = _buffer.Slice(_length + 4, valueLength);
        _length += 4 + padded;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[2..], (ushort)(_length - StunMessage.HeaderLength));
        return value;
    }
}
