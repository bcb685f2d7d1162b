using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HlsSwarm.Protocol.Peer;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Peer;

public class CommandJoinerTests
{
    private static readonly byte[] Request = Convert.FromHexString("637374720169012a7202020563656e64");
    private static readonly string[] Chunks = Vectors.Split0To39At24;

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    [Theory]
    [InlineData("")]
    [InlineData("63737472")]
    [InlineData("6373747263656e")] // 7 bytes
    [InlineData("0001020304050607080910")]
    [InlineData("63737472000163656e65")] // bad end marker
    [InlineData("63737473000163656e64")] // bad start marker
    [InlineData("63656e640063737472")] // markers swapped
    public void Non_chunks_are_segment_data(string hex)
    {
        var joiner = new CommandJoiner();
        Assert.Equal(JoinResult.SegmentData, joiner.Push(Hex(hex), out var body));
        Assert.True(body.IsEmpty);
    }

    [Theory]
    [InlineData("63737472" + "00" + "63656e64", true)]
    [InlineData("63737472" + "00" + "64656e64", true)]
    [InlineData("64737472" + "00" + "63656e64", true)]
    [InlineData("64737472" + "00" + "64656e64", true)]
    [InlineData("63737472" + "63656e64", true)] // 8 bytes, empty body
    public void Spec_4_1_any_start_and_end_marker_pair_is_a_chunk(string hex, bool expected)
    {
        Assert.Equal(expected, CommandFrame.IsCommandChunk(Hex(hex)));
    }

    [Fact]
    public void Segment_data_between_chunks_does_not_disturb_joining()
    {
        var joiner = new CommandJoiner();
        Assert.Equal(JoinResult.ChunkBuffered, joiner.Push(Hex(Chunks[0]), out _));
        Assert.Equal(JoinResult.SegmentData, joiner.Push(new byte[65535], out _));
        Assert.Equal(JoinResult.ChunkBuffered, joiner.Push(Hex(Chunks[1]), out _));
        Assert.Equal(JoinResult.SegmentData, joiner.Push(new byte[] { 1, 2, 3 }, out _));
        Assert.Equal(JoinResult.CommandCompleted, joiner.Push(Hex(Chunks[2]), out var body));
        Assert.Equal(PeerDecodeError.None, SegmentsAnnouncementCommand.TryRead(body, out var a, out _));
        Assert.Equal(40, a.Loaded.Length);
    }

    [Fact]
    public void Spec_4_2_continuation_without_first_chunk_is_discarded()
    {
        var joiner = new CommandJoiner();
        Assert.Equal(JoinResult.DiscardedNoFirstChunk, joiner.Push(Hex(Chunks[1]), out _));
        Assert.Equal(JoinResult.DiscardedNoFirstChunk, joiner.Push(Hex(Chunks[2]), out _));
        Assert.False(joiner.IsPending);
        Assert.Equal(JoinResult.CommandCompleted, joiner.Push(Request, out var body));
        Assert.Equal(PeerDecodeError.None, SegmentRequestCommand.TryRead(body, out var r, out _));
        Assert.Equal(new SegmentRequestCommand(42, 517), r);
    }

    [Fact]
    public void Spec_4_2_new_command_while_pending_discards_both()
    {
        var joiner = new CommandJoiner();
        Assert.Equal(JoinResult.ChunkBuffered, joiner.Push(Hex(Chunks[0]), out _));
        Assert.Equal(JoinResult.DiscardedIncompleteJoining, joiner.Push(Request, out var body));
        Assert.True(body.IsEmpty);
        Assert.False(joiner.IsPending);

        // The rest of the abandoned command is now without a first chunk.
        Assert.Equal(JoinResult.DiscardedNoFirstChunk, joiner.Push(Hex(Chunks[1]), out _));
        Assert.Equal(JoinResult.CommandCompleted, joiner.Push(Request, out _));
    }

    [Fact]
    public void Empty_first_slice_leaves_nothing_pending_like_the_js()
    {
        var joiner = new CommandJoiner();
        Assert.Equal(JoinResult.ChunkBuffered, joiner.Push(Hex("6373747264656e64"), out _));
        Assert.False(joiner.IsPending);
        Assert.Equal(JoinResult.DiscardedNoFirstChunk, joiner.Push(Hex("647374720063656e64"), out _));
    }

    [Fact]
    public void Empty_command_completes_with_an_empty_body_that_does_not_decode()
    {
        var joiner = new CommandJoiner();
        Assert.Equal(JoinResult.CommandCompleted, joiner.Push(Hex("6373747263656e64"), out var body));
        Assert.True(body.IsEmpty);
        Assert.Equal(PeerDecodeError.TooShort, PeerCommand.TryReadType(body, out _));
    }

    [Fact]
    public void Oversized_command_is_discarded_and_joining_recovers()
    {
        var joiner = new CommandJoiner(maxCommandLength: 20);
        Assert.Equal(JoinResult.ChunkBuffered, joiner.Push(Hex(Chunks[0]), out _));
        Assert.Equal(JoinResult.DiscardedTooLarge, joiner.Push(Hex(Chunks[1]), out _));
        Assert.False(joiner.IsPending);
        Assert.Equal(JoinResult.DiscardedNoFirstChunk, joiner.Push(Hex(Chunks[2]), out _));
        Assert.Equal(JoinResult.CommandCompleted, joiner.Push(Request, out _));
    }

    [Fact]
    public void Reset_drops_pending_chunks()
    {
        var joiner = new CommandJoiner();
        joiner.Push(Hex(Chunks[0]), out _);
        joiner.Reset();
        Assert.Equal(JoinResult.DiscardedNoFirstChunk, joiner.Push(Hex(Chunks[1]), out _));
    }

    [Fact]
    public void Large_commands_grow_the_buffer()
    {
        var ids = Enumerable.Range(0, 200_000).Select(i => (long)i).ToArray();
        var command = new SegmentsAnnouncementCommand(ids, Array.Empty<long>());
        var joiner = new CommandJoiner();
        ReadOnlySpan<byte> body = default;
        var results = new List<JoinResult>();
        foreach (var message in CommandSplit.Split(command, 1024))
        {
            results.Add(joiner.Push(message, out body));
        }

        Assert.Equal(JoinResult.CommandCompleted, results[^1]);
        Assert.Equal(PeerDecodeError.None, SegmentsAnnouncementCommand.TryRead(body, out var read, out _));
        Assert.Equal(SimilarIntArrayItem.CountEncodable(ids), read.Loaded.Length);
    }

    [Property]
    public void Random_message_streams_never_throw(byte[][] messages)
    {
        var joiner = new CommandJoiner(maxCommandLength: 64);
        foreach (var m in messages ?? [])
        {
            var result = joiner.Push(m ?? [], out var body);
            if (result == JoinResult.CommandCompleted)
            {
                _ = Decode.Any(body, out _);
            }
        }
    }

    [Property]
    public void Chunk_streams_with_random_markers_never_throw(byte[] kinds, byte[] payload)
    {
        // Random sequences of cstr/dstr × cend/dend chunks exercise every discard path.
        var joiner = new CommandJoiner(maxCommandLength: 32);
        uint[] starts = [CommandFrame.CommandStart, CommandFrame.DivisionStart];
        uint[] ends = [CommandFrame.CommandEnd, CommandFrame.DivisionEnd];
        foreach (var k in kinds ?? [])
        {
            var slice = (payload ?? []).AsSpan(0, Math.Min(k % 7, (payload ?? []).Length));
            var message = new byte[slice.Length + 8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(message, starts[k & 1]);
            slice.CopyTo(message.AsSpan(4));
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4 + slice.Length), ends[(k >> 1) & 1]);
            var pendingBefore = joiner.IsPending;
            var result = joiner.Push(message, out var body);
            Assert.NotEqual(JoinResult.SegmentData, result);
            if ((k & 1) == 1 && !pendingBefore)
            {
                Assert.Equal(JoinResult.DiscardedNoFirstChunk, result);
            }

            if ((k & 1) == 0 && pendingBefore)
            {
                Assert.Equal(JoinResult.DiscardedIncompleteJoining, result);
            }

            if (result == JoinResult.CommandCompleted)
            {
                _ = Decode.Any(body, out _);
            }
        }
    }
}
