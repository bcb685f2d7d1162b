using HlsSwarm.Protocol.Peer;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Peer;

/// <summary>spec §9.5: the real JS transfer transcripts, replayed through our joiner and decoders, and re-encoded.</summary>
public class TranscriptTests
{
    [Theory, MemberData(nameof(Vectors.Transcripts), MemberType = typeof(Vectors))]
    public void Spec_9_5_transcript_decodes_and_re_encodes_byte_exact(string name, string[] lines)
    {
        Assert.NotEmpty(name);
        var joiners = new Dictionary<char, CommandJoiner> { ['U'] = new(), ['R'] = new() };
        SegmentDataCommand? header = null;
        SegmentRequestCommand? request = null;
        long received = 0;
        var completed = false;
        foreach (var line in lines)
        {
            var direction = line[0];
            var text = line[2..];
            var message = text.StartsWith("DATA ", StringComparison.Ordinal)
                ? new byte[int.Parse(text[5..], System.Globalization.CultureInfo.InvariantCulture)]
                : Convert.FromHexString(text);

            // The requester's joiner sees the uploader's messages and vice versa.
            var result = joiners[direction].Push(message, out var body);
            if (result == JoinResult.SegmentData)
            {
                Assert.NotNull(header);
                received += message.Length;
                Assert.True(message.Length <= CommandSplit.DefaultMaxMessageSize);
                continue;
            }

            Assert.Equal(JoinResult.CommandCompleted, result);
            Assert.Equal(PeerDecodeError.None, Decode.Any(body, out var command));

            // Re-encode: one message at M = 65535, identical to what the JS sent.
            var reencoded = Decode.Body(command!);
            var plan = CommandSplit.Plan(reencoded.Length, CommandSplit.DefaultMaxMessageSize);
            var framed = new byte[plan.GetChunkLength(0)];
            plan.WriteChunk(reencoded, 0, framed);
            Assert.Equal(text, Convert.ToHexStringLower(framed));

            switch (command)
            {
                case SegmentRequestCommand r:
                    request = r;
                    break;
                case SegmentDataCommand d:
                    Assert.Equal(request!.Value.SegmentId, d.SegmentId);
                    Assert.Equal(request.Value.RequestId, d.RequestId);
                    Assert.Equal(150_000 - request.Value.ByteOffset, d.Size);
                    header = d;
                    break;
                case SegmentDataSendingCompletedCommand c:
                    Assert.Equal(header!.Value.SegmentId, c.SegmentId);
                    Assert.Equal(header.Value.RequestId, c.RequestId);
                    Assert.Equal(header.Value.Size, received);
                    completed = true;
                    break;
            }
        }

        Assert.True(completed);
        var expectedCount = SegmentDataMessages.GetCount(header!.Value.Size, CommandSplit.DefaultMaxMessageSize);
        Assert.Equal(3, expectedCount);
        var sizes = Enumerable.Range(0, 3).Select(i => SegmentDataMessages.GetLength(header.Value.Size, CommandSplit.DefaultMaxMessageSize, i));
        var dataLines = lines.Where(l => l.Contains("DATA", StringComparison.Ordinal)).Select(l => int.Parse(l[7..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(dataLines, sizes);
    }

    [Fact]
    public void Spec_9_5_transcript_commands_are_the_expected_values()
    {
        Assert.Equal(
            "637374720269012a73030249f07202035063656e64",
            Convert.ToHexStringLower(CommandSplit.Split(new SegmentDataCommand(42, 150_000, 848), 65535)[0]));
        Assert.Equal(
            "637374720169012a720202dc620203e863656e64",
            Convert.ToHexStringLower(CommandSplit.Split(new SegmentRequestCommand(42, 732, 1000), 65535)[0]));
    }
}
