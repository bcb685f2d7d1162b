namespace HlsSwarm.Protocol.Peer;

/// <summary>
/// The fields of one command body read generically (spec §4.3): every field is <c>name ‖ item</c>, items are
/// self-describing, unknown names are skipped, a repeated name overwrites the earlier value.
/// </summary>
internal ref struct CommandFields
{
    public const byte NameL = (byte)'l';
    public const byte NameP = (byte)'p';
    public const byte NameI = (byte)'i';
    public const byte NameR = (byte)'r';
    public const byte NameB = (byte)'b';
    public const byte NameS = (byte)'s';

    public PeerCommandType Type;
    public long I;
    public long R;
    public long B;
    public long S;
    public bool HasI;
    public bool HasR;
    public bool HasB;
    public bool HasS;
    public ReadOnlySpan<byte> L;
    public ReadOnlySpan<byte> P;

    /// <summary>Reads the code byte; checks it is one of the six commands.</summary>
    public static PeerDecodeError TryReadType(ReadOnlySpan<byte> body, out PeerCommandType type)
    {
        type = default;
        if (body.IsEmpty)
        {
            return PeerDecodeError.TooShort;
        }

        if (body[0] > (byte)PeerCommandType.CancelSegmentRequest)
        {
            return PeerDecodeError.UnknownCommand;
        }

        type = (PeerCommandType)body[0];
        return PeerDecodeError.None;
    }

    /// <summary>Reads every field of <paramref name="body"/>, which must be of command <paramref name="expected"/>.</summary>
    public static PeerDecodeError TryRead(ReadOnlySpan<byte> body, PeerCommandType expected, out CommandFields fields)
    {
        fields = default;
        var error = TryReadType(body, out fields.Type);
        if (error != PeerDecodeError.None)
        {
            return error;
        }

        if (fields.Type != expected)
        {
            return PeerDecodeError.UnexpectedCommand;
        }

        var position = 1;
        while (position < body.Length)
        {
            var name = body[position++];
            if (position >= body.Length)
            {
                return PeerDecodeError.TooShort;
            }

            var rest = body[position..];
            var itemType = rest[0] >> 4;
            int used;
            switch (itemType)
            {
                case 0:
                {
                    error = IntItem.TryRead(rest, out var value, out used);
                    if (error != PeerDecodeError.None)
                    {
                        return error;
                    }

                    switch (name)
                    {
                        case NameI: fields.I = value.Value; fields.HasI = true; break;
                        case NameR: fields.R = value.Value; fields.HasR = true; break;
                        case NameB: fields.B = value.Value; fields.HasB = true; break;
                        case NameS: fields.S = value.Value; fields.HasS = true; break;
                        case NameL or NameP: return PeerDecodeError.WrongFieldType;
                        default: break;
                    }

                    break;
                }

                case 1:
                    error = SimilarIntArrayItem.TryMeasure(rest, out _, out used);
                    if (error != PeerDecodeError.None)
                    {
                        return error;
                    }

                    switch (name)
                    {
                        case NameL: fields.L = rest[..used]; break;
                        case NameP: fields.P = rest[..used]; break;
                        case NameI or NameR or NameB or NameS: return PeerDecodeError.WrongFieldType;
                        default: break;
                    }

                    break;

                case 2:
                    // String item (defined, unused by every command): 0x2H LL, 12-bit length, then the bytes.
                    if (rest.Length < 2)
                    {
                        return PeerDecodeError.TooShort;
                    }

                    used = 2 + (((rest[0] & 0x0F) << 8) | rest[1]);
                    if (rest.Length < used)
                    {
                        return PeerDecodeError.TooShort;
                    }

                    if (name is NameI or NameR or NameB or NameS or NameL or NameP)
                    {
                        return PeerDecodeError.WrongFieldType;
                    }

                    break;

                default:
                    return PeerDecodeError.UnknownItemType;
            }

            position += used;
        }

        return PeerDecodeError.None;
    }

    /// <summary>Reads the <c>i</c> and <c>r</c> fields every command but the announcement carries.</summary>
    public static PeerDecodeError TryReadIdAndRequest(ReadOnlySpan<byte> body, PeerCommandType expected, out long segmentId, out long requestId)
    {
        segmentId = 0;
        requestId = 0;
        var error = TryRead(body, expected, out var fields);
        if (error != PeerDecodeError.None)
        {
            return error;
        }

        if (!fields.HasI || !fields.HasR)
        {
            return PeerDecodeError.MissingField;
        }

        segmentId = fields.I;
        requestId = fields.R;
        return PeerDecodeError.None;
    }

    public static int IntFieldLength(long value) => 1 + new IntItem(value).GetSerializedLength();

    public static int WriteIntField(Span<byte> destination, byte name, long value)
    {
        destination[0] = name;
        return 1 + new IntItem(value).WriteTo(destination[1..]);
    }

    /// <summary>Body of the four <c>i</c>, <c>r</c> commands.</summary>
    public static int IdAndRequestLength(long segmentId, long requestId) => 1 + IntFieldLength(segmentId) + IntFieldLength(requestId);

    public static int WriteIdAndRequest(Span<byte> destination, PeerCommandType type, long segmentId, long requestId)
    {
        if (destination.Length < IdAndRequestLength(segmentId, requestId))
        {
            throw new ArgumentException("The destination is too short.", nameof(destination));
        }

        destination[0] = (byte)type;
        var position = 1;
        position += WriteIntField(destination[position..], NameI, segmentId);
        position += WriteIntField(destination[position..], NameR, requestId);
        return position;
    }
}
