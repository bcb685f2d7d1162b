namespace HlsSwarm.Protocol.Peer;

/// <summary>
/// How one command body is cut into data-channel messages for a maximum message size M (spec §4.2).
/// </summary>
/// <remarks>
/// <code>
/// len + 8 ≤ M:  one message  cstr ‖ body ‖ cend
/// else:         n = ceil(len / M); if ceil(len / n) + 8 > M then n += 1; L = ceil(len / n)
///               slices of L bytes (last shorter): cstr…dend, dstr…dend, …, dstr…cend
/// l=0..39, M=24: body 46 B → n=2 → 23+8 > 24 → n=3, L=16 → chunks of 24, 24, 22 B
/// </code>
/// This is the JS rule, byte for byte. Where the JS's single <c>n += 1</c> still leaves chunks longer than M
/// (only for tiny M, e.g. 1 000 bytes at M = 9) the JS would send oversized messages; we keep incrementing n
/// until every chunk fits, which any JS receiver joins the same way.
/// </remarks>
/// <param name="BodyLength">Length of the command body.</param>
/// <param name="ChunkCount">Number of messages.</param>
/// <param name="SliceLength">Body bytes per chunk (the last chunk may carry fewer).</param>
public readonly record struct CommandSplit(int BodyLength, int ChunkCount, int SliceLength)
{
    /// <summary>The smallest usable max message size: 8 marker bytes plus one body byte.</summary>
    public const int MinMaxMessageSize = CommandFrame.Overhead + 1;

    /// <summary>p2p-media-loader's default <c>webRtcMaxMessageSize</c>.</summary>
    public const int DefaultMaxMessageSize = 65535;

    /// <summary>Plans the split of a body of <paramref name="bodyLength"/> bytes for messages of at most <paramref name="maxMessageSize"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative length or <paramref name="maxMessageSize"/> below <see cref="MinMaxMessageSize"/>.</exception>
    public static CommandSplit Plan(int bodyLength, int maxMessageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bodyLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageSize, MinMaxMessageSize);
        if (bodyLength + CommandFrame.Overhead <= maxMessageSize)
        {
            return new CommandSplit(bodyLength, 1, bodyLength);
        }

        var n = CeilDiv(bodyLength, maxMessageSize);
        if (CeilDiv(bodyLength, n) + CommandFrame.Overhead > maxMessageSize)
        {
            n++;
        }

        // Beyond the JS: make sure every chunk fits (only differs from the JS where the JS would overflow M).
        while (CeilDiv(bodyLength, n) + CommandFrame.Overhead > maxMessageSize)
        {
            n++;
        }

        var sliceLength = CeilDiv(bodyLength, n);
        return new CommandSplit(bodyLength, CeilDiv(bodyLength, sliceLength), sliceLength);
    }

    private static int CeilDiv(int a, int b) => (int)(((long)a + b - 1) / b);

    /// <summary>Length of message <paramref name="index"/> including its markers.</summary>
    public int GetChunkLength(int index) => GetSliceLength(index) + CommandFrame.Overhead;

    private int GetSliceLength(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ChunkCount);
        return index == ChunkCount - 1 ? BodyLength - (SliceLength * index) : SliceLength;
    }

    /// <summary>
    /// Writes message <paramref name="index"/> (markers and its slice of <paramref name="body"/>) into
    /// <paramref name="destination"/> without allocating; returns the bytes written.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="body"/> is not <see cref="BodyLength"/> long or the destination is too short.</exception>
    public int WriteChunk(ReadOnlySpan<byte> body, int index, Span<byte> destination)
    {
        if (body.Length != BodyLength)
        {
            throw new ArgumentException("The body does not match the plan.", nameof(body));
        }

        var length = GetSliceLength(index);
        if (destination.Length < length + CommandFrame.Overhead)
        {
            throw new ArgumentException("The destination is too short.", nameof(destination));
        }

        var start = index == 0 ? CommandFrame.CommandStart : CommandFrame.DivisionStart;
        var end = index == ChunkCount - 1 ? CommandFrame.CommandEnd : CommandFrame.DivisionEnd;
        return CommandFrame.Write(destination, start, body.Slice(SliceLength * index, length), end);
    }

    /// <summary>Encodes <paramref name="command"/> and splits it into new arrays, one per message (tests and cold paths).</summary>
    public static byte[][] Split<T>(T command, int maxMessageSize)
        where T : struct, IPeerCommand
    {
        var body = command.ToBody();
        var plan = Plan(body.Length, maxMessageSize);
        var messages = new byte[plan.ChunkCount][];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = new byte[plan.GetChunkLength(i)];
            plan.WriteChunk(body, i, messages[i]);
        }

        return messages;
    }
}
