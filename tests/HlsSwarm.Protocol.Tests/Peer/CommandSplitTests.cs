using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HlsSwarm.Protocol.Peer;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Peer;

public class CommandSplitTests
{
    private static byte[][] Split(IPeerCommand command, int maxMessageSize)
    {
        var body = Decode.Body(command);
        var plan = CommandSplit.Plan(body.Length, maxMessageSize);
        var messages = new byte[plan.ChunkCount][];
        for (var i = 0; i < plan.ChunkCount; i++)
        {
            messages[i] = new byte[plan.GetChunkLength(i)];
            Assert.Equal(messages[i].Length, plan.WriteChunk(body, i, messages[i]));
        }

        return messages;
    }

    private static long[] Range(int count) => Enumerable.Range(0, count).Select(i => (long)i).ToArray();

    [Theory, MemberData(nameof(Vectors.Commands), MemberType = typeof(Vectors))]
    public void Spec_9_3_whole_messages_at_65535_are_byte_exact(IPeerCommand command, string messageHex)
    {
        var messages = Split(command, CommandSplit.DefaultMaxMessageSize);
        Assert.Single(messages);
        Assert.Equal(messageHex, Convert.ToHexStringLower(messages[0]));
        Assert.True(CommandFrame.IsCommandChunk(messages[0]));

        var joiner = new CommandJoiner();
        Assert.Equal(JoinResult.CommandCompleted, joiner.Push(Convert.FromHexString(messageHex), out var body));
        Assert.Equal(PeerDecodeError.None, Decode.Any(body, out var read));
        Assert.Equal(command, read);
    }

    [Fact]
    public void Spec_9_4_split_at_24_is_byte_exact_and_joins()
    {
        var command = new SegmentsAnnouncementCommand(Range(40), Array.Empty<long>());
        Assert.Equal(new CommandSplit(46, 3, 16), CommandSplit.Plan(46, 24));
        var messages = CommandSplit.Split(command, 24);
        Assert.Equal(Vectors.Split0To39At24, messages.Select(m => Convert.ToHexStringLower(m)).ToArray());

        var joiner = new CommandJoiner();
        Assert.Equal(JoinResult.ChunkBuffered, joiner.Push(Convert.FromHexString(Vectors.Split0To39At24[0]), out _));
        Assert.True(joiner.IsPending);
        Assert.Equal(JoinResult.ChunkBuffered, joiner.Push(Convert.FromHexString(Vectors.Split0To39At24[1]), out _));
        Assert.Equal(JoinResult.CommandCompleted, joiner.Push(Convert.FromHexString(Vectors.Split0To39At24[2]), out var body));
        Assert.False(joiner.IsPending);
        Assert.Equal(PeerDecodeError.None, SegmentsAnnouncementCommand.TryRead(body, out var read, out _));
        Assert.Equal(command, read);
    }

    [Fact]
    public void Spec_9_4_split_at_64_matches_the_js_sizes_and_ends()
    {
        var messages = CommandSplit.Split(new SegmentsAnnouncementCommand(Range(200), Array.Empty<long>()), 64);
        Assert.Equal(Vectors.Split0To199At64Sizes, messages.Select(m => m.Length).ToArray());
        Assert.StartsWith(Vectors.Split0To199At64Start, Convert.ToHexStringLower(messages[0]));
        Assert.EndsWith(Vectors.Split0To199At64End, Convert.ToHexStringLower(messages[^1]));
        Assert.StartsWith("64737472", Convert.ToHexStringLower(messages[1]));
        Assert.EndsWith("64656e64", Convert.ToHexStringLower(messages[2]));
    }

    [Fact]
    public void Tiny_max_size_still_fits_every_chunk()
    {
        // The JS's single n += 1 would leave 17-byte chunks here; we keep every chunk within M.
        var plan = CommandSplit.Plan(1000, 9);
        Assert.Equal(1000, plan.ChunkCount);
        Assert.Equal(1, plan.SliceLength);
    }

    [Fact]
    public void Max_size_below_nine_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CommandSplit.Plan(10, 8));
    }

    [Property(Arbitrary = [typeof(PeerCommandTests)])]
    public void Split_then_join_is_identity_for_any_max_size(IPeerCommand command, PositiveInt size)
    {
        var maxMessageSize = CommandSplit.MinMaxMessageSize + (size.Get % 200);
        var messages = Split(command, maxMessageSize);
        var joiner = new CommandJoiner();
        for (var i = 0; i < messages.Length; i++)
        {
            Assert.InRange(messages[i].Length, CommandFrame.Overhead + 1, maxMessageSize);
            Assert.True(CommandFrame.IsCommandChunk(messages[i]));
            var result = joiner.Push(messages[i], out var body);
            if (i < messages.Length - 1)
            {
                Assert.Equal(JoinResult.ChunkBuffered, result);
                continue;
            }

            Assert.Equal(JoinResult.CommandCompleted, result);
            Assert.Equal(PeerDecodeError.None, Decode.Any(body, out var read));
            Assert.Equal(command, read);
        }
    }

    [Property]
    public void Plan_matches_the_js_rule_whenever_the_js_chunks_fit(PositiveInt length, PositiveInt size)
    {
        var len = length.Get % 100_000;
        var m = CommandSplit.MinMaxMessageSize + (size.Get % 70_000);
        var plan = CommandSplit.Plan(len, m);
        if (len + 8 <= m)
        {
            Assert.Equal(1, plan.ChunkCount);
            return;
        }

        var n = (len + m - 1) / m;
        if (((len + n - 1) / n) + 8 > m)
        {
            n++;
        }

        var jsSlice = (len + n - 1) / n;
        if (jsSlice + 8 <= m)
        {
            Assert.Equal(jsSlice, plan.SliceLength);
        }

        Assert.True(plan.SliceLength + 8 <= m);
        Assert.Equal(len, (plan.SliceLength * (plan.ChunkCount - 1)) + (plan.GetChunkLength(plan.ChunkCount - 1) - 8));
    }
}
