using System.Buffers.Binary;
using System.IO.Hashing;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace HlsSwarm.WebRtc.Stun;

/// <summary>
/// A parsed view over one STUN message (<see href="https://www.rfc-editor.org/rfc/rfc8489#section-5">RFC 8489
/// §5</see>). Parsing records where the attributes ICE needs are; it copies nothing and allocates nothing.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0|     STUN Message Type     |         Message Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Magic Cookie                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     Transaction ID (96 bits)                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// Message type: M11..M7 C1 M6..M4 C0 M3..M0.  Attributes follow as
/// Type(16) Length(16) Value, padded to a multiple of 4 bytes.
/// </code>
/// Attribute rules (§14): only the first occurrence of an attribute counts; after MESSAGE-INTEGRITY only
/// MESSAGE-INTEGRITY-SHA256 and FINGERPRINT are processed; after FINGERPRINT nothing is.
/// </remarks>
public readonly ref struct StunMessage
{
    /// <summary>The fixed magic cookie (RFC 8489 §5).</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>Length of the header.</summary>
    public const int HeaderLength = 20;

    /// <summary>Length of the transaction id.</summary>
    public const int TransactionIdLength = 12;

    /// <summary>The value FINGERPRINT's CRC-32 is XOR-ed with (§14.7).</summary>
    public const uint FingerprintXor = 0x5354554E;

    private const int Absent = -1;

    private readonly int _username;
    private readonly int _messageIntegrity;
    private readonly int _messageIntegritySha256;
    private readonly int _fingerprint;
    private readonly int _xorMappedAddress;
    private readonly int _mappedAddress;
    private readonly int _errorCode;
    private readonly int _unknownAttributes;
    private readonly int _software;
    private readonly int _priority;
    private readonly int _iceControlling;
    private readonly int _iceControlled;
    private readonly bool _useCandidate;
    private readonly int _unknownRequiredCount;

    private StunMessage(ReadOnlySpan<byte> raw, StunClass messageClass, StunMethod method, scoped in Offsets offsets)
    {
        Raw = raw;
        Class = messageClass;
        Method = method;
        _username = offsets.Username;
        _messageIntegrity = offsets.MessageIntegrity;
        _messageIntegritySha256 = offsets.MessageIntegritySha256;
        _fingerprint = offsets.Fingerprint;
        _xorMappedAddress = offsets.XorMappedAddress;
        _mappedAddress = offsets.MappedAddress;
        _errorCode = offsets.ErrorCode;
        _unknownAttributes = offsets.UnknownAttributes;
        _software = offsets.Software;
        _priority = offsets.Priority;
        _iceControlling = offsets.IceControlling;
        _iceControlled = offsets.IceControlled;
        _useCandidate = offsets.UseCandidate;
        _unknownRequiredCount = offsets.UnknownRequiredCount;
    }

    /// <summary>The whole message (header plus attributes), without trailing datagram bytes.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>The message class.</summary>
    public StunClass Class { get; }

    /// <summary>The method (Binding for ICE).</summary>
    public StunMethod Method { get; }

    /// <summary>The 96-bit transaction id.</summary>
    public ReadOnlySpan<byte> TransactionId => Raw.Slice(8, TransactionIdLength);

    /// <summary>Whether USE-CANDIDATE is present (RFC 8445 §7.1.2).</summary>
    public bool UseCandidate => _useCandidate;

    /// <summary>Whether MESSAGE-INTEGRITY is present.</summary>
    public bool HasMessageIntegrity => _messageIntegrity != Absent;

    /// <summary>Whether MESSAGE-INTEGRITY-SHA256 is present.</summary>
    public bool HasMessageIntegritySha256 => _messageIntegritySha256 != Absent;

    /// <summary>Whether FINGERPRINT is present.</summary>
    public bool HasFingerprint => _fingerprint != Absent;

    /// <summary>
    /// Whether a comprehension-required attribute (type &lt; 0x8000) this codec does not know is present
    /// (before MESSAGE-INTEGRITY). A request carrying one gets a 420 response listing them (§6.3.1.1).
    /// </summary>
    public bool HasUnknownComprehensionRequired => _unknownRequiredCount > 0;

    /// <summary>The USERNAME value bytes (UTF-8), empty when absent.</summary>
    public ReadOnlySpan<byte> Username => ValueAt(_username);

    /// <summary>Whether USERNAME is present.</summary>
    public bool HasUsername => _username != Absent;

    /// <summary>The SOFTWARE value bytes (UTF-8), empty when absent.</summary>
    public ReadOnlySpan<byte> Software => ValueAt(_software);

    /// <summary>PRIORITY (RFC 8445 §7.1.1), or null when absent.</summary>
    public uint? Priority => _priority == Absent ? null : BinaryPrimitives.ReadUInt32BigEndian(ValueAt(_priority));

    /// <summary>ICE-CONTROLLING's tie-breaker (RFC 8445 §7.1.3), or null when absent.</summary>
    public ulong? IceControlling => _iceControlling == Absent ? null : BinaryPrimitives.ReadUInt64BigEndian(ValueAt(_iceControlling));

    /// <summary>ICE-CONTROLLED's tie-breaker (RFC 8445 §7.1.3), or null when absent.</summary>
    public ulong? IceControlled => _iceControlled == Absent ? null : BinaryPrimitives.ReadUInt64BigEndian(ValueAt(_iceControlled));

    /// <summary>The ERROR-CODE number (300..699), or null when absent (§14.8).</summary>
    public int? ErrorCode
    {
        get
        {
            if (_errorCode == Absent)
            {
                return null;
            }

            var value = ValueAt(_errorCode);
            return ((value[2] & 0x07) * 100) + value[3];
        }
    }

    /// <summary>The ERROR-CODE reason phrase bytes (UTF-8), empty when absent.</summary>
    public ReadOnlySpan<byte> ErrorReason => _errorCode == Absent ? default : ValueAt(_errorCode)[4..];

    /// <summary>UNKNOWN-ATTRIBUTES' raw value (pairs of big-endian types), empty when absent (§14.9).</summary>
    public ReadOnlySpan<byte> UnknownAttributes => ValueAt(_unknownAttributes);

    /// <summary>
    /// Parses <paramref name="datagram"/>. Bytes after the header's message length are ignored. Never throws.
    /// </summary>
    public static StunDecodeError TryParse(ReadOnlySpan<byte> datagram, out StunMessage message)
    {
        message = default;
        if (datagram.Length < HeaderLength)
        {
            return StunDecodeError.TooShort;
        }

        if ((datagram[0] & 0xC0) != 0)
        {
            return StunDecodeError.NotStun;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) != MagicCookie)
        {
            return StunDecodeError.BadMagicCookie;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if ((length & 3) != 0)
        {
            return StunDecodeError.BadLength;
        }

        if (datagram.Length < HeaderLength + length)
        {
            return StunDecodeError.TooShort;
        }

        var raw = datagram[..(HeaderLength + length)];
        var type = BinaryPrimitives.ReadUInt16BigEndian(raw);
        var messageClass = (StunClass)(((type >> 7) & 0x2) | ((type >> 4) & 0x1));
        var method = (StunMethod)((type & 0x000F) | ((type >> 1) & 0x0070) | ((type >> 2) & 0x0F80));

        var offsets = new Offsets();
        var position = HeaderLength;
        var afterIntegrity = false;
        while (position < raw.Length)
        {
            if (raw.Length - position < 4)
            {
                return StunDecodeError.AttributeOverrun;
            }

            var attributeType = BinaryPrimitives.ReadUInt16BigEndian(raw[position..]);
            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(raw[(position + 2)..]);
            var padded = (valueLength + 3) & ~3;
            if (raw.Length - position - 4 < padded)
            {
                return StunDecodeError.AttributeOverrun;
            }

            var error = offsets.Record(attributeType, position, raw.Slice(position + 4, valueLength), afterIntegrity);
            if (error != StunDecodeError.None)
            {
                return error;
            }

            if (attributeType == (ushort)StunAttributeType.Fingerprint)
            {
                // §14.7: FINGERPRINT is last; anything after it is ignored, but the framing still counts.
                afterIntegrity = true;
                offsets.SeenFingerprint = true;
            }
            else if (attributeType == (ushort)StunAttributeType.MessageIntegrity)
            {
                afterIntegrity = true;
            }

            position += 4 + padded;
        }

        message = new StunMessage(raw, messageClass, method, offsets);
        return StunDecodeError.None;
    }

    /// <summary>Whether the first bytes look like a STUN message (RFC 7983 demux plus cookie). Cheap.</summary>
    public static bool IsStun(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= HeaderLength && (datagram[0] & 0xC0) == 0
        && BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) == MagicCookie;

    /// <summary>Reads XOR-MAPPED-ADDRESS, or returns false when it is absent or malformed.</summary>
    public bool TryGetXorMappedAddress(out IPEndPoint? endPoint)
    {
        endPoint = null;
        return _xorMappedAddress != Absent && StunAddress.TryRead(ValueAt(_xorMappedAddress), TransactionId, xor: true, out endPoint);
    }

    /// <summary>Reads MAPPED-ADDRESS, or returns false when it is absent or malformed.</summary>
    public bool TryGetMappedAddress(out IPEndPoint? endPoint)
    {
        endPoint = null;
        return _mappedAddress != Absent && StunAddress.TryRead(ValueAt(_mappedAddress), default, xor: false, out endPoint);
    }

    /// <summary>
    /// The value of the first attribute of <paramref name="type"/> (any type, before MESSAGE-INTEGRITY unless it
    /// is MESSAGE-INTEGRITY-SHA256 or FINGERPRINT). Returns false when absent.
    /// </summary>
    public bool TryGetAttribute(StunAttributeType type, out ReadOnlySpan<byte> value)
    {
        value = default;
        var position = HeaderLength;
        var afterIntegrity = false;
        while (position + 4 <= Raw.Length)
        {
            var attributeType = BinaryPrimitives.ReadUInt16BigEndian(Raw[position..]);
            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(Raw[(position + 2)..]);
            var counts = !afterIntegrity || attributeType is (ushort)StunAttributeType.MessageIntegritySha256 or (ushort)StunAttributeType.Fingerprint;
            if (counts && attributeType == (ushort)type)
            {
                value = Raw.Slice(position + 4, valueLength);
                return true;
            }

            if (attributeType == (ushort)StunAttributeType.Fingerprint)
            {
                return false;
            }

            afterIntegrity |= attributeType == (ushort)StunAttributeType.MessageIntegrity;
            position += 4 + ((valueLength + 3) & ~3);
        }

        return false;
    }

    /// <summary>
    /// Copies the unknown comprehension-required attribute types into <paramref name="destination"/> for a 420
    /// response's UNKNOWN-ATTRIBUTES (§6.3.1.1). Returns how many were written.
    /// </summary>
    public int CopyUnknownComprehensionRequired(Span<ushort> destination)
    {
        var count = 0;
        var position = HeaderLength;
        while (position + 4 <= Raw.Length && count < destination.Length)
        {
            var attributeType = BinaryPrimitives.ReadUInt16BigEndian(Raw[position..]);
            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(Raw[(position + 2)..]);
            if (attributeType is (ushort)StunAttributeType.MessageIntegrity or (ushort)StunAttributeType.Fingerprint)
            {
                break;
            }

            if (attributeType < 0x8000 && !Offsets.IsKnown(attributeType))
            {
                destination[count++] = attributeType;
            }

            position += 4 + ((valueLength + 3) & ~3);
        }

        return count;
    }

    /// <summary>
    /// Checks MESSAGE-INTEGRITY (HMAC-SHA1) with <paramref name="key"/>: the password bytes for short-term
    /// credentials (ICE), MD5(username:realm:password) for long-term ones (§9.1.1, §9.2.2). False when absent.
    /// </summary>
    public bool VerifyMessageIntegrity(ReadOnlySpan<byte> key)
    {
        if (_messageIntegrity == Absent)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        ComputeMac(Raw, _messageIntegrity, key, sha256: false, mac);
        return CryptographicOperations.FixedTimeEquals(mac, Raw.Slice(_messageIntegrity + 4, HMACSHA1.HashSizeInBytes));
    }

    /// <summary>
    /// Checks MESSAGE-INTEGRITY-SHA256 (HMAC-SHA256, possibly truncated to 16..32 bytes, §14.6) with
    /// <paramref name="key"/>. False when absent.
    /// </summary>
    public bool VerifyMessageIntegritySha256(ReadOnlySpan<byte> key)
    {
        if (_messageIntegritySha256 == Absent)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(Raw[(_messageIntegritySha256 + 2)..]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ComputeMac(Raw, _messageIntegritySha256, key, sha256: true, mac);
        return CryptographicOperations.FixedTimeEquals(mac[..length], Raw.Slice(_messageIntegritySha256 + 4, length));
    }

    /// <summary>Checks FINGERPRINT (§14.7). False when absent or wrong.</summary>
    public bool VerifyFingerprint()
    {
        if (_fingerprint == Absent)
        {
            return false;
        }

        var expected = BinaryPrimitives.ReadUInt32BigEndian(Raw[(_fingerprint + 4)..]);
        return ComputeFingerprint(Raw, _fingerprint) == expected;
    }

    /// <summary>USERNAME as a string (allocates; for diagnostics and tests).</summary>
    public string GetUsernameString() => Encoding.UTF8.GetString(Username);

    /// <summary>
    /// CRC-32 of <paramref name="message"/> up to <paramref name="fingerprintOffset"/>, with the header length
    /// counting the 8-byte FINGERPRINT attribute, XOR 0x5354554e (§14.7).
    /// </summary>
    internal static uint ComputeFingerprint(ReadOnlySpan<byte> message, int fingerprintOffset)
    {
        using var owner = new PooledSpan(fingerprintOffset);
        var input = owner.Span;
        message[..fingerprintOffset].CopyTo(input);
        BinaryPrimitives.WriteUInt16BigEndian(input[2..], (ushort)(fingerprintOffset + 8 - HeaderLength));
        return Crc32.HashToUInt32(input) ^ FingerprintXor;
    }

    /// <summary>
    /// HMAC over <paramref name="message"/> up to the integrity attribute at <paramref name="offset"/>, with the
    /// header length adjusted to end at that attribute (§14.5, §14.6).
    /// </summary>
    internal static void ComputeMac(ReadOnlySpan<byte> message, int offset, ReadOnlySpan<byte> key, bool sha256, Span<byte> destination)
    {
        int attributeLength = sha256 ? BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]) : HMACSHA1.HashSizeInBytes;
        using var owner = new PooledSpan(offset);
        var input = owner.Span;
        message[..offset].CopyTo(input);
        BinaryPrimitives.WriteUInt16BigEndian(input[2..], (ushort)(offset + 4 + attributeLength - HeaderLength));
        if (sha256)
        {
            HMACSHA256.HashData(key, input, destination);
        }
        else
        {
            HMACSHA1.HashData(key, input, destination);
        }
    }

    private ReadOnlySpan<byte> ValueAt(int offset) =>
        offset == Absent ? default : Raw.Slice(offset + 4, BinaryPrimitives.ReadUInt16BigEndian(Raw[(offset + 2)..]));

    /// <summary>Where each attribute ICE needs starts (offset of its header), filled while parsing.</summary>
    private struct Offsets
    {
        public int Username = Absent;
        public int MessageIntegrity = Absent;
        public int MessageIntegritySha256 = Absent;
        public int Fingerprint = Absent;
        public int XorMappedAddress = Absent;
        public int MappedAddress = Absent;
        public int ErrorCode = Absent;
        public int UnknownAttributes = Absent;
        public int Software = Absent;
        public int Priority = Absent;
        public int IceControlling = Absent;
        public int IceControlled = Absent;
        public bool UseCandidate;
        public bool SeenFingerprint;
        public int UnknownRequiredCount;

        public Offsets()
        {
        }

        public static bool IsKnown(ushort type) => type switch
        {
            (ushort)StunAttributeType.MappedAddress or (ushort)StunAttributeType.Username or (ushort)StunAttributeType.MessageIntegrity
                or (ushort)StunAttributeType.ErrorCode or (ushort)StunAttributeType.UnknownAttributes or (ushort)StunAttributeType.Realm
                or (ushort)StunAttributeType.Nonce or (ushort)StunAttributeType.MessageIntegritySha256 or (ushort)StunAttributeType.PasswordAlgorithm
                or (ushort)StunAttributeType.UserHash or (ushort)StunAttributeType.XorMappedAddress or (ushort)StunAttributeType.Priority
                or (ushort)StunAttributeType.UseCandidate => true,
            _ => type >= 0x8000,
        };

        public StunDecodeError Record(ushort type, int offset, ReadOnlySpan<byte> value, bool afterIntegrity)
        {
            var length = value.Length;
            if (SeenFingerprint)
            {
                return StunDecodeError.None;
            }

            switch ((StunAttributeType)type)
            {
                case StunAttributeType.Fingerprint:
                    return length != 4 ? StunDecodeError.BadAttribute : Set(ref Fingerprint, offset);
                case StunAttributeType.MessageIntegritySha256:
                    if (length < 16 || length > 32 || (length & 3) != 0)
                    {
                        return StunDecodeError.BadAttribute;
                    }

                    return Set(ref MessageIntegritySha256, offset);
            }

            if (afterIntegrity)
            {
                // §14.5: attributes after MESSAGE-INTEGRITY (other than the two above) are ignored.
                return StunDecodeError.None;
            }

            switch ((StunAttributeType)type)
            {
                case StunAttributeType.MessageIntegrity:
                    return length != 20 ? StunDecodeError.BadAttribute : Set(ref MessageIntegrity, offset);
                case StunAttributeType.Username:
                    return length > 513 ? StunDecodeError.BadAttribute : Set(ref Username, offset);
                case StunAttributeType.Software:
                    return Set(ref Software, offset);
                case StunAttributeType.XorMappedAddress:
                    return length is not (8 or 20) ? StunDecodeError.BadAttribute : Set(ref XorMappedAddress, offset);
                case StunAttributeType.MappedAddress:
                    return length is not (8 or 20) ? StunDecodeError.BadAttribute : Set(ref MappedAddress, offset);
                case StunAttributeType.ErrorCode:
                    // §14.8: class 3..6 and number 0..99.
                    return length < 4 || (value[2] & 0x07) is < 3 or > 6 || value[3] > 99
                        ? StunDecodeError.BadAttribute
                        : Set(ref ErrorCode, offset);
                case StunAttributeType.UnknownAttributes:
                    return (length & 1) != 0 ? StunDecodeError.BadAttribute : Set(ref UnknownAttributes, offset);
                case StunAttributeType.Priority:
                    return length != 4 ? StunDecodeError.BadAttribute : Set(ref Priority, offset);
                case StunAttributeType.IceControlling:
                    return length != 8 ? StunDecodeError.BadAttribute : Set(ref IceControlling, offset);
                case StunAttributeType.IceControlled:
                    return length != 8 ? StunDecodeError.BadAttribute : Set(ref IceControlled, offset);
                case StunAttributeType.UseCandidate:
                    if (length != 0)
                    {
                        return StunDecodeError.BadAttribute;
                    }

                    UseCandidate = true;
                    return StunDecodeError.None;
            }

            if (type < 0x8000 && !IsKnown(type))
            {
                UnknownRequiredCount++;
            }

            return StunDecodeError.None;
        }

        private static StunDecodeError Set(ref int slot, int offset)
        {
            // §14: only the first occurrence of an attribute is processed.
            if (slot == Absent)
            {
                slot = offset;
            }

            return StunDecodeError.None;
        }
    }
}
