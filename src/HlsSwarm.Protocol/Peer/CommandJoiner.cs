namespace HlsSwarm.Protocol.Peer;

/// <summary>
/// Reassembles commands from the stream of messages of one data channel and tells command chunks from segment
/// data (spec §4.1, §4.2). Sans-I/O: the driver pushes each received message and acts on the result. One instance
/// per channel, owned by one loop.
/// </summary>
/// <remarks>
/// Discard rules, as the JS <c>BinaryCommandChunksJoiner</c> and its owner apply them:
/// <list type="bullet">
/// <item>a non-<c>cstr</c> chunk with nothing pending → discarded ("no-first-chunk");</item>
/// <item>a <c>cstr</c> chunk while a command is pending → the pending command and that chunk are discarded
/// ("incomplete-joining"); the next command starts clean;</item>
/// <item>"pending" means body bytes were buffered: a first chunk with an empty slice leaves nothing pending, like
/// the JS's <c>chunks.length</c> test.</item>
/// </list>
/// A completed body is handed out as a span over the joiner's buffer, valid until the next <see cref="Push"/>.
/// Decoding errors of the body are the caller's to swallow (the JS ignores such commands).
/// </remarks>
public sealed class CommandJoiner
{
    /// <summary>Default <see cref="MaxCommandLength"/>: 4 MiB, far above any announcement a JS peer sends.</summary>
    public const int DefaultMaxCommandLength = 4 * 1024 * 1024;

    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a joiner.</summary>
    /// <param name="maxCommandLength">Largest body joined; longer commands are discarded (memory bound for hostile peers).</param>
    public CommandJoiner(int maxCommandLength = DefaultMaxCommandLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCommandLength, 1);
        MaxCommandLength = maxCommandLength;
        _buffer = new byte[Math.Min(maxCommandLength, 256)];
    }

    /// <summary>Largest command body this joiner reassembles.</summary>
    public int MaxCommandLength { get; }

    /// <summary>True while chunks of an unfinished command are buffered.</summary>
    public bool IsPending => _length > 0;

    /// <summary>
    /// Classifies and absorbs one received message. On <see cref="JoinResult.CommandCompleted"/>,
    /// <paramref name="command"/> is the joined body (code byte and fields), valid until the next call; otherwise it
    /// is empty. Never throws on peer input.
    /// </summary>
    public JoinResult Push(ReadOnlySpan<byte> message, out ReadOnlySpan<byte> command)
    {
        command = default;
        if (!CommandFrame.IsCommandChunk(message))
        {
            return JoinResult.SegmentData;
        }

        var first = CommandFrame.IsFirstChunk(message);
        if (_length == 0 && !first)
        {
            return JoinResult.DiscardedNoFirstChunk;
        }

        if (_length > 0 && first)
        {
            _length = 0;
            return JoinResult.DiscardedIncompleteJoining;
        }

        var slice = message[CommandFrame.MarkerLength..^CommandFrame.MarkerLength];
        if (slice.Length > MaxCommandLength - _length)
        {
            _length = 0;
            return JoinResult.DiscardedTooLarge;
        }

        if (_length + slice.Length > _buffer.Length)
        {
            var grown = new byte[Math.Min(MaxCommandLength, Math.Max(_buffer.Length * 2, _length + slice.Length))];
            _buffer.AsSpan(0, _length).CopyTo(grown);
            _buffer = grown;
        }

        slice.CopyTo(_buffer.AsSpan(_length));
        _length += slice.Length;
        if (!CommandFrame.IsLastChunk(message))
        {
            return JoinResult.ChunkBuffered;
        }

        command = _buffer.AsSpan(0, _length);
        _length = 0;
        return JoinResult.CommandCompleted;
    }

    /// <summary>Drops any pending chunks (e.g. when the channel is re-opened).</summary>
    public void Reset() => _length = 0;
}
