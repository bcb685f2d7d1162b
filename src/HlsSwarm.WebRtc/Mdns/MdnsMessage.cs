using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HlsSwarm.WebRtc.Mdns;

/// <summary>
/// Multicast DNS messages for resolving browser ICE candidates named <c>uuid.local</c>
/// (<see href="https://www.rfc-editor.org/rfc/rfc6762">RFC 6762</see> over the
/// <see href="https://www.rfc-editor.org/rfc/rfc1035#section-4.1">RFC 1035 §4.1</see> format). Sans-I/O: the driver
/// sends <see cref="WriteQuery"/> to 224.0.0.251:5353 (or [ff02::fb]:5353) and feeds responses to
/// <see cref="TryParse"/>.
/// </summary>
/// <remarks>
/// <code>
/// +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
/// |                      ID                       |   0 in multicast queries (RFC 6762 §18.1)
/// |QR|   Opcode  |AA|TC|RD|RA| Z|AD|CD|   RCODE   |   opcode and rcode must be 0 (§18.3, §18.11)
/// |                    QDCOUNT                    |
/// |                    ANCOUNT                    |
/// |                    NSCOUNT                    |
/// |                    ARCOUNT                    |
/// +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
/// name = labels (len 1..63) ending in 0, or a pointer 0b11 + 14-bit offset (RFC 1035 §4.1.4)
/// question = name TYPE(16) CLASS(16, top bit QU)   record = name TYPE CLASS(top bit cache-flush) TTL(32) RDLENGTH RDATA
/// </code>
/// </remarks>
public sealed record MdnsMessage
{
    /// <summary>The mDNS port.</summary>
    public const int Port = 5353;

    /// <summary>Most questions plus records read from one message; more is treated as hostile.</summary>
    public const int MaxEntries = 64;

    private const int HeaderLength = 12;
    private const ushort ClassIn = 1;

    /// <summary>The IPv4 multicast group.</summary>
    public static IPEndPoint IPv4Group { get; } = new(IPAddress.Parse("224.0.0.251"), Port);

    /// <summary>The IPv6 multicast group.</summary>
    public static IPEndPoint IPv6Group { get; } = new(IPAddress.Parse("ff02::fb"), Port);

    /// <summary>Message id (0 in multicast).</summary>
    public ushort Id { get; init; }

    /// <summary>The QR bit: a response.</summary>
    public bool IsResponse { get; init; }

    /// <summary>Questions.</summary>
    public IReadOnlyList<MdnsQuestion> Questions { get; init; } = [];

    /// <summary>Answer, authority and additional records, in that order.</summary>
    public IReadOnlyList<MdnsRecord> Records { get; init; } = [];

    /// <summary>
    /// The first address for <paramref name="name"/> (case-insensitive, RFC 6762 §16) of the wanted family in a
    /// response, with its TTL; false when none (or when it is a goodbye with TTL 0).
    /// </summary>
    public bool TryFindAddress(string name, AddressFamily? family, out IPAddress? address, out uint ttl)
    {
        address = null;
        ttl = 0;
        if (!IsResponse)
        {
            return false;
        }

        foreach (var record in Records)
        {
            if (record.Address is { } ip && record.Ttl > 0 && (family is null || ip.AddressFamily == family)
                && string.Equals(record.Name, TrimDot(name), StringComparison.OrdinalIgnoreCase))
            {
                address = ip;
                ttl = record.Ttl;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes a one-question query for <paramref name="name"/>. Returns the length, or 0 when the name is not a
    /// valid host name (labels of letters, digits and hyphens, 1..63 bytes, ≤ 255 in all) or does not fit.
    /// </summary>
    /// <param name="destination">Where to write; 512 bytes always suffice.</param>
    /// <param name="name">A name such as <c>cbf55dcd-1234-4f5e-8a9b-0123456789ab.local</c>.</param>
    /// <param name="type">A or AAAA.</param>
    /// <param name="unicastResponse">Set the QU bit (RFC 6762 §5.4) to ask for a unicast reply.</param>
    public static int WriteQuery(Span<byte> destination, string name, MdnsRecordType type, bool unicastResponse = false)
    {
        if (destination.Length < HeaderLength)
        {
            return 0;
        }

        destination[..HeaderLength].Clear();
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], 1);
        var nameLength = WriteName(destination[HeaderLength..], name);
        if (nameLength == 0 || destination.Length < HeaderLength + nameLength + 4)
        {
            return 0;
        }

        var position = HeaderLength + nameLength;
        BinaryPrimitives.WriteUInt16BigEndian(destination[position..], (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(position + 2)..], (ushort)(ClassIn | (unicastResponse ? 0x8000 : 0)));
        return position + 4;
    }

    /// <summary>
    /// Writes a response with one A or AAAA answer (cache-flush set, as for unique records, RFC 6762 §10.2).
    /// Returns the length, or 0 when the name is invalid or does not fit.
    /// </summary>
    public static int WriteAnswer(Span<byte> destination, string name, IPAddress address, uint ttl)
    {
        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        if (destination.Length < HeaderLength)
        {
            return 0;
        }

        destination[..HeaderLength].Clear();
        destination[2] = 0x84; // QR + AA (RFC 6762 §18.4)
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], 1);
        var nameLength = WriteName(destination[HeaderLength..], name);
        var dataLength = v6 ? 16 : 4;
        var position = HeaderLength + nameLength;
        if (nameLength == 0 || destination.Length < position + 10 + dataLength)
        {
            return 0;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[position..], (ushort)(v6 ? MdnsRecordType.Aaaa : MdnsRecordType.A));
        BinaryPrimitives.WriteUInt16BigEndian(destination[(position + 2)..], ClassIn | 0x8000);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(position + 4)..], ttl);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(position + 8)..], (ushort)dataLength);
        address.TryWriteBytes(destination[(position + 10)..], out _);
        return position + 10 + dataLength;
    }

    /// <summary>Parses a query or response. Never throws.</summary>
    public static MdnsDecodeError TryParse(ReadOnlySpan<byte> message, out MdnsMessage? parsed)
    {
        parsed = null;
        if (message.Length < HeaderLength)
        {
            return MdnsDecodeError.TooShort;
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        if (((flags >> 11) & 0xF) != 0 || (flags & 0xF) != 0)
        {
            return MdnsDecodeError.BadHeader;
        }

        int questionCount = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        var recordCount = BinaryPrimitives.ReadUInt16BigEndian(message[6..]) + BinaryPrimitives.ReadUInt16BigEndian(message[8..])
            + BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
        if (questionCount + recordCount > MaxEntries)
        {
            return MdnsDecodeError.TooManyEntries;
        }

        var position = HeaderLength;
        var questions = new List<MdnsQuestion>(questionCount);
        for (var i = 0; i < questionCount; i++)
        {
            var error = ReadName(message, ref position, out var name);
            if (error != MdnsDecodeError.None)
            {
                return error;
            }

            if (message.Length - position < 4)
            {
                return MdnsDecodeError.TooShort;
            }

            var qclass = BinaryPrimitives.ReadUInt16BigEndian(message[(position + 2)..]);
            questions.Add(new MdnsQuestion(name, (MdnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(message[position..]), (qclass & 0x8000) != 0));
            position += 4;
        }

        var records = new List<MdnsRecord>(recordCount);
        for (var i = 0; i < recordCount; i++)
        {
            var error = ReadName(message, ref position, out var name);
            if (error != MdnsDecodeError.None)
            {
                return error;
            }

            if (message.Length - position < 10)
            {
                return MdnsDecodeError.TooShort;
            }

            var type = (MdnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(message[position..]);
            var rclass = BinaryPrimitives.ReadUInt16BigEndian(message[(position + 2)..]);
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(message[(position + 4)..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(message[(position + 8)..]);
            position += 10;
            if (message.Length - position < length)
            {
                return MdnsDecodeError.TooShort;
            }

            IPAddress? address = null;
            if ((rclass & 0x7FFF) == ClassIn && type is MdnsRecordType.A or MdnsRecordType.Aaaa)
            {
                if (length != (type == MdnsRecordType.A ? 4 : 16))
                {
                    return MdnsDecodeError.BadRecord;
                }

                address = new IPAddress(message.Slice(position, length));
            }

            records.Add(new MdnsRecord(name, type, (rclass & 0x8000) != 0, ttl, address));
            position += length;
        }

        parsed = new MdnsMessage
        {
            Id = BinaryPrimitives.ReadUInt16BigEndian(message),
            IsResponse = (flags & 0x8000) != 0,
            Questions = questions,
            Records = records,
        };
        return MdnsDecodeError.None;
    }

    private static string TrimDot(string name) => name.EndsWith('.') ? name[..^1] : name;

    /// <summary>Writes <paramref name="name"/> as uncompressed labels; 0 when invalid or too long.</summary>
    private static int WriteName(Span<byte> destination, string name)
    {
        name = TrimDot(name);
        if (name.Length is 0 or > 253 || destination.Length < name.Length + 2)
        {
            return 0;
        }

        var position = 0;
        foreach (var range in name.AsSpan().Split('.'))
        {
            var label = name.AsSpan()[range];
            if (label.Length is 0 or > 63)
            {
                return 0;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return 0;
                }
            }

            destination[position++] = (byte)label.Length;
            position += Encoding.ASCII.GetBytes(label, destination[position..]);
        }

        destination[position++] = 0;
        return position;
    }

    /// <summary>
    /// Reads a possibly compressed name at <paramref name="position"/> and moves past it (RFC 1035 §4.1.4).
    /// Pointers must point strictly backwards, which also rules out loops.
    /// </summary>
    private static MdnsDecodeError ReadName(ReadOnlySpan<byte> message, ref int position, out string name)
    {
        name = string.Empty;
        var builder = new StringBuilder(64);
        var cursor = position;
        var end = -1;
        var limit = position;
        var encodedLength = 0;
        while (true)
        {
            if (cursor >= message.Length)
            {
                return MdnsDecodeError.TooShort;
            }

            int length = message[cursor];
            if ((length & 0xC0) == 0xC0)
            {
                if (cursor + 1 >= message.Length)
                {
                    return MdnsDecodeError.TooShort;
                }

                var target = ((length & 0x3F) << 8) | message[cursor + 1];
                if (end < 0)
                {
                    end = cursor + 2;
                }

                // Strictly backwards from the earliest point reached so far: guarantees termination.
                if (target >= limit)
                {
                    return MdnsDecodeError.BadPointer;
                }

                limit = target;
                cursor = target;
                continue;
            }

            if ((length & 0xC0) != 0)
            {
                return MdnsDecodeError.BadName;
            }

            if (length == 0)
            {
                break;
            }

            encodedLength += length + 1;
            if (encodedLength > 254)
            {
                return MdnsDecodeError.BadName;
            }

            if (cursor + 1 + length > message.Length)
            {
                return MdnsDecodeError.TooShort;
            }

            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            foreach (var b in message.Slice(cursor + 1, length))
            {
                // Names are raw bytes in DNS; keep printable ASCII and escape the rest so no control text leaks.
                if (b is > 0x20 and < 0x7F && b != (byte)'.')
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            cursor += 1 + length;
        }

        position = end >= 0 ? end : cursor + 1;
        name = builder.ToString();
        return MdnsDecodeError.None;
    }
}
