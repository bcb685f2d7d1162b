namespace HlsSwarm.Protocol.Peer;

/// <summary>
/// A SimilarIntArray item of a peer command body (spec §4.3): a compact list of ints that share their upper bits,
/// used for the segment id lists of <c>SegmentsAnnouncementCommand</c>.
/// </summary>
/// <remarks>
/// <code>
/// +------+---+---------+---------+-----+
/// | 0x10 | G | group 1 | group 2 | ... |     G = number of groups (1 byte)
/// +------+---+---------+---------+-----+
/// group = Int(key | count) ‖ count bytes of lows
/// key = n with the low 8 bits cleared (floor to a multiple of 256), low = n &amp; 0xFF
/// [0,300,5] → 10 02 | 01 02 00 05 | 02 01 01 2c     (decodes grouped: [0,5,300])
/// </code>
/// The JS writes G and count modulo 256 (spec §4.3 "overflow bugs"). This encoder never writes a group of more
/// than 255 items (it emits further groups with the same key, which the JS decoder appends) and never more than
/// 255 groups: ids past the 255th group are left out, so callers should put the most useful ids first or trim the
/// list themselves. The decoder reads a count byte of 0 as 256, which recovers a JS peer's overflowed group.
/// Groups appear in order of first occurrence of their key and lows keep input order, so the encoding is
/// byte-exact with the JS for every list the JS encodes correctly.
/// </remarks>
/// <param name="Values">The ids, each in the JS safe-integer range.</param>
public readonly record struct SimilarIntArrayItem(ReadOnlyMemory<long> Values)
{
    /// <summary>The header byte (type nibble 1, low nibble 0).</summary>
    public const byte Header = 0x10;

    /// <summary>Most items the encoder puts in one group.</summary>
    public const int MaxGroupCount = 255;

    /// <summary>Most groups the encoder writes in one array.</summary>
    public const int MaxGroups = 255;

    /// <summary>Number of bytes <see cref="WriteTo"/> writes.</summary>
    public int GetSerializedLength() => GetSerializedLength(Values.Span);

    /// <summary>Writes the item; returns the number of bytes written.</summary>
    public int WriteTo(Span<byte> destination) => Write(Values.Span, destination);

    /// <summary>Number of bytes <see cref="Write"/> writes for <paramref name="values"/>.</summary>
    public static int GetSerializedLength(ReadOnlySpan<long> values) => Encode(values, Span<byte>.Empty, measureOnly: true);

    /// <summary>
    /// Number of the ids of <paramref name="values"/> the encoder writes (all of them unless the list needs
    /// more than <see cref="MaxGroups"/> groups).
    /// </summary>
    public static int CountEncodable(ReadOnlySpan<long> values)
    {
        // Ids whose key first appears after the 255th group are left out; count the rest.
        Span<long> keys = stackalloc long[MaxGroups];
        var keyCount = 0;
        var groups = 0;
        var kept = 0;
        foreach (var v in values)
        {
            var key = v & ~0xFFL;
            if (keys[..keyCount].Contains(key))
            {
                continue;
            }

            var count = 0;
            foreach (var w in values)
            {
                count += (w & ~0xFFL) == key ? 1 : 0;
            }

            var need = (count + MaxGroupCount - 1) / MaxGroupCount;
            if (groups + need > MaxGroups)
            {
                kept += (MaxGroups - groups) * MaxGroupCount;
                return kept;
            }

            groups += need;
            kept += count;
            keys[keyCount++] = key;
            if (groups == MaxGroups)
            {
                return kept;
            }
        }

        return kept;
    }

    /// <summary>
    /// Writes <paramref name="values"/> as a SimilarIntArray item without allocating; returns the bytes written.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the JS safe-integer range (a programming error).</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int Write(ReadOnlySpan<long> values, Span<byte> destination)
    {
        var length = GetSerializedLength(values);
        if (destination.Length < length)
        {
            throw new ArgumentException("The destination is too short.", nameof(destination));
        }

        return Encode(values, destination, measureOnly: false);
    }

    private static int Encode(ReadOnlySpan<long> values, Span<byte> destination, bool measureOnly)
    {
        foreach (var v in values)
        {
            if (v is > IntItem.MaxSafeInteger or < -IntItem.MaxSafeInteger)
            {
                throw new ArgumentOutOfRangeException(nameof(values), v, "Ids are limited to |n| <= 2^53 - 1 (spec §4.3).");
            }
        }

        Span<long> keys = stackalloc long[MaxGroups];
        var keyCount = 0;
        var groups = 0;
        var position = 2;
        for (var i = 0; i < values.Length && groups < MaxGroups; i++)
        {
            var key = values[i] & ~0xFFL;
            if (keys[..keyCount].Contains(key))
            {
                continue;
            }

            keys[keyCount++] = key;

            // Emit this key's ids, in input order, in groups of at most 255.
            var j = i;
            while (j < values.Length && groups < MaxGroups)
            {
                var countPosition = position;
                var count = 0;
                var scan = j;
                for (; scan < values.Length && count < MaxGroupCount; scan++)
                {
                    if ((values[scan] & ~0xFFL) == key)
                    {
                        count++;
                    }
                }

                if (count == 0)
                {
                    break;
                }

                var groupInt = new IntItem(key | (long)count);
                if (measureOnly)
                {
                    position += groupInt.GetSerializedLength() + count;
                }
                else
                {
                    position += groupInt.WriteTo(destination[countPosition..]);
                    for (var s = j; s < scan; s++)
                    {
                        if ((values[s] & ~0xFFL) == key)
                        {
                            destination[position++] = (byte)(values[s] & 0xFF);
                        }
                    }
                }

                groups++;
                j = scan;
            }
        }

        if (!measureOnly)
        {
            destination[0] = Header;
            destination[1] = (byte)groups;
        }

        return position;
    }

    /// <summary>
    /// Validates the item at the start of <paramref name="source"/> and counts its ids without allocating.
    /// </summary>
    public static PeerDecodeError TryMeasure(ReadOnlySpan<byte> source, out int count, out int consumed) =>
        Decode(source, Span<long>.Empty, writeValues: false, out count, out consumed);

    /// <summary>
    /// Reads the item at the start of <paramref name="source"/> into <paramref name="destination"/> without
    /// allocating. Ids come out grouped (the wire order). A count byte of 0 reads as 256 (spec §4.3).
    /// </summary>
    public static PeerDecodeError TryRead(ReadOnlySpan<byte> source, Span<long> destination, out int count, out int consumed) =>
        Decode(source, destination, writeValues: true, out count, out consumed);

    /// <summary>Reads the item at the start of <paramref name="source"/> into a new array. Never throws.</summary>
    public static PeerDecodeError TryRead(ReadOnlySpan<byte> source, out SimilarIntArrayItem value, out int consumed)
    {
        value = default;
        var error = TryMeasure(source, out var count, out consumed);
        if (error != PeerDecodeError.None)
        {
            return error;
        }

        var values = new long[count];
        Decode(source, values, writeValues: true, out _, out _);
        value = new SimilarIntArrayItem(values);
        return PeerDecodeError.None;
    }

    private static PeerDecodeError Decode(ReadOnlySpan<byte> source, Span<long> destination, bool writeValues, out int count, out int consumed)
    {
        count = 0;
        consumed = 0;
        if (source.IsEmpty)
        {
            return PeerDecodeError.TooShort;
        }

        if (source[0] >> 4 != 1)
        {
            return PeerDecodeError.UnknownItemType;
        }

        if (source.Length < 2)
        {
            return PeerDecodeError.TooShort;
        }

        var groups = source[1];
        var position = 2;
        var total = 0;
        for (var g = 0; g < groups; g++)
        {
            var error = IntItem.TryRead(source[position..], out var groupInt, out var used);
            if (error != PeerDecodeError.None)
            {
                return error;
            }

            position += used;
            var groupCount = (int)(groupInt.Value & 0xFF);
            if (groupCount == 0)
            {
                groupCount = 256;
            }

            var key = groupInt.Value & ~0xFFL;
            if (source.Length - position < groupCount)
            {
                return PeerDecodeError.TooShort;
            }

            if (writeValues && destination.Length - total < groupCount)
            {
                return PeerDecodeError.DestinationTooSmall;
            }

            for (var k = 0; k < groupCount; k++)
            {
                var v = key | source[position + k];
                if (v is > IntItem.MaxSafeInteger or < -IntItem.MaxSafeInteger)
                {
                    return PeerDecodeError.ValueOutOfRange;
                }

                if (writeValues)
                {
                    destination[total + k] = v;
                }
            }

            position += groupCount;
            total += groupCount;
        }

        count = total;
        consumed = position;
        return PeerDecodeError.None;
    }

    /// <summary>Equal when both hold the same ids in the same order.</summary>
    public bool Equals(SimilarIntArrayItem other) => Values.Span.SequenceEqual(other.Values.Span);

    /// <summary>A hash of the ids.</summary>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var v in Values.Span)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }
}
