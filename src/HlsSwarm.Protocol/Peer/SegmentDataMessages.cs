namespace HlsSwarm.Protocol.Peer;

/// <summary>
/// How an uploader cuts the segment bytes that follow a <see cref="SegmentDataCommand"/> into data messages
/// (spec §4.5): messages of M bytes, the last one shorter; no markers.
/// </summary>
/// <remarks>
/// <code>
/// 150 000 bytes, M = 65535 → 65535, 65535, 18930
/// </code>
/// </remarks>
public static class SegmentDataMessages
{
    /// <summary>Number of data messages for <paramref name="size"/> bytes (0 for an empty upload).</summary>
    public static long GetCount(long size, int maxMessageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageSize, 1);
        return (size + maxMessageSize - 1) / maxMessageSize;
    }

    /// <summary>Length of data message <paramref name="index"/>.</summary>
    public static int GetLength(long size, int maxMessageSize, long index)
    {
        var count = GetCount(size, maxMessageSize);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        return index == count - 1 ? (int)(size - (index * maxMessageSize)) : maxMessageSize;
    }
}
