namespace HlsSwarm.Protocol.Peer;

/// <summary>
/// The sender's full segment state for this swarm: ids it stores (<c>l</c>) and ids it is loading over HTTP
/// (<c>p</c>). Replaces the previous announcement (spec §4.4, code 0; semantics §4.5).
/// </summary>
/// <remarks>
/// <code>
/// +------+-----+-------------------------+-----+-------------------------+
/// | 0x00 | 'l' | SimilarIntArray (opt)   | 'p' | SimilarIntArray (opt)   |
/// +------+-----+-------------------------+-----+-------------------------+
/// each field omitted when its list is empty; the empty announcement is the body 00.
/// l=[0,1,2,3] p=[4] → 00 6c 10 01 01 04 00 01 02 03 70 10 01 01 01 04
/// </code>
/// Each list is encoded by <see cref="SimilarIntArrayItem"/>, which writes at most 255 groups: put the most
/// useful ids first or trim long lists. Decoded lists come out in wire (grouped) order.
/// </remarks>
/// <param name="Loaded">Ids the sender has in storage and can upload (<c>l</c>).</param>
/// <param name="Pending">Ids the sender is fetching over HTTP (<c>p</c>).</param>
public readonly record struct SegmentsAnnouncementCommand(ReadOnlyMemory<long> Loaded, ReadOnlyMemory<long> Pending) : IPeerCommand
{
    /// <inheritdoc/>
    public PeerCommandType Type => PeerCommandType.SegmentsAnnouncement;

    /// <inheritdoc/>
    public int GetSerializedLength() => GetSerializedLength(Loaded.Span, Pending.Span);

    /// <inheritdoc/>
    public int WriteTo(Span<byte> destination) => Write(Loaded.Span, Pending.Span, destination);

    /// <summary>Body length of an announcement of <paramref name="loaded"/> and <paramref name="pending"/>.</summary>
    public static int GetSerializedLength(ReadOnlySpan<long> loaded, ReadOnlySpan<long> pending) =>
        1
        + (loaded.IsEmpty ? 0 : 1 + SimilarIntArrayItem.GetSerializedLength(loaded))
        + (pending.IsEmpty ? 0 : 1 + SimilarIntArrayItem.GetSerializedLength(pending));

    /// <summary>Writes the announcement body from spans without allocating; returns the bytes written.</summary>
    public static int Write(ReadOnlySpan<long> loaded, ReadOnlySpan<long> pending, Span<byte> destination)
    {
        if (destination.Length < GetSerializedLength(loaded, pending))
        {
            throw new ArgumentException("The destination is too short.", nameof(destination));
        }

        destination[0] = (byte)PeerCommandType.SegmentsAnnouncement;
        var position = 1;
        if (!loaded.IsEmpty)
        {
            destination[position++] = CommandFields.NameL;
            position += SimilarIntArrayItem.Write(loaded, destination[position..]);
        }

        if (!pending.IsEmpty)
        {
            destination[position++] = CommandFields.NameP;
            position += SimilarIntArrayItem.Write(pending, destination[position..]);
        }

        return position;
    }

    /// <summary>
    /// Reads a whole command body into new arrays. <paramref name="consumed"/> is the body length on success.
    /// Never throws.
    /// </summary>
    public static PeerDecodeError TryRead(ReadOnlySpan<byte> body, out SegmentsAnnouncementCommand value, out int consumed)
    {
        value = default;
        consumed = 0;
        var error = TryMeasure(body, out var loadedCount, out var pendingCount);
        if (error != PeerDecodeError.None)
        {
            return error;
        }

        var loaded = loadedCount == 0 ? [] : new long[loadedCount];
        var pending = pendingCount == 0 ? [] : new long[pendingCount];
        error = TryRead(body, loaded, pending, out _, out _);
        if (error != PeerDecodeError.None)
        {
            return error;
        }

        value = new SegmentsAnnouncementCommand(loaded, pending);
        consumed = body.Length;
        return PeerDecodeError.None;
    }

    /// <summary>Validates an announcement body and counts its ids without allocating.</summary>
    public static PeerDecodeError TryMeasure(ReadOnlySpan<byte> body, out int loadedCount, out int pendingCount)
    {
        loadedCount = 0;
        pendingCount = 0;
        var error = CommandFields.TryRead(body, PeerCommandType.SegmentsAnnouncement, out var fields);
        if (error != PeerDecodeError.None)
        {
            return error;
        }

        if (!fields.L.IsEmpty)
        {
            SimilarIntArrayItem.TryMeasure(fields.L, out loadedCount, out _);
        }

        if (!fields.P.IsEmpty)
        {
            SimilarIntArrayItem.TryMeasure(fields.P, out pendingCount, out _);
        }

        return PeerDecodeError.None;
    }

    /// <summary>
    /// Reads an announcement body into caller-owned buffers without allocating (the hot path); size them with
    /// <see cref="TryMeasure"/>. Never throws.
    /// </summary>
    public static PeerDecodeError TryRead(ReadOnlySpan<byte> body, Span<long> loaded, Span<long> pending, out int loadedCount, out int pendingCount)
    {
        loadedCount = 0;
        pendingCount = 0;
        var error = CommandFields.TryRead(body, PeerCommandType.SegmentsAnnouncement, out var fields);
        if (error != PeerDecodeError.None)
        {
            return error;
        }

        if (!fields.L.IsEmpty)
        {
            error = SimilarIntArrayItem.TryRead(fields.L, loaded, out loadedCount, out _);
            if (error != PeerDecodeError.None)
            {
                return error;
            }
        }

        if (!fields.P.IsEmpty)
        {
            error = SimilarIntArrayItem.TryRead(fields.P, pending, out pendingCount, out _);
        }

        return error;
    }

    /// <summary>Equal when both lists hold the same ids in the same order.</summary>
    public bool Equals(SegmentsAnnouncementCommand other) =>
        Loaded.Span.SequenceEqual(other.Loaded.Span) && Pending.Span.SequenceEqual(other.Pending.Span);

    /// <summary>A hash of both lists.</summary>
    public override int GetHashCode() =>
        HashCode.Combine(new SimilarIntArrayItem(Loaded).GetHashCode(), new SimilarIntArrayItem(Pending).GetHashCode());
}
