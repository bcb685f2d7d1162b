using HlsSwarm.Protocol.Peer;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Peer;

/// <summary>
/// The hot path allocates nothing (style.md convention 12). Not a timing test: it counts bytes allocated on this
/// thread; BenchmarkDotNet's MemoryDiagnoser is the real proof (issue 3, later).
/// </summary>
public class AllocationTests
{
    private static readonly byte[] Announcement = Convert.FromHexString("63737472006c100101040001020370100101010463656e64");
    private static readonly byte[] Data = Convert.FromHexString("637374720269012a73031000007202020563656e64");

    private static long RoundTrip(CommandJoiner joiner, byte[] output, long[] loaded, long[] pending)
    {
        long sum = 0;
        Span<byte> body = stackalloc byte[64];
        var n = new SegmentRequestCommand(42, 517, 65536).WriteTo(body);
        var plan = CommandSplit.Plan(n, 24);
        for (var i = 0; i < plan.ChunkCount; i++)
        {
            var m = plan.WriteChunk(body[..n], i, output);
            if (joiner.Push(output.AsSpan(0, m), out var joined) == JoinResult.CommandCompleted
                && SegmentRequestCommand.TryRead(joined, out var request, out _) == PeerDecodeError.None)
            {
                sum += request.ByteOffset;
            }
        }

        if (joiner.Push(Data, out var dataBody) == JoinResult.CommandCompleted
            && SegmentDataCommand.TryRead(dataBody, out var header, out _) == PeerDecodeError.None)
        {
            sum += header.Size;
        }

        if (joiner.Push(Announcement, out var announcement) == JoinResult.CommandCompleted
            && SegmentsAnnouncementCommand.TryRead(announcement, loaded, pending, out var lc, out var pc) == PeerDecodeError.None)
        {
            sum += lc + pc;
            n = SegmentsAnnouncementCommand.Write(loaded.AsSpan(0, lc), pending.AsSpan(0, pc), output);
            sum += n;
        }

        return sum;
    }

    [Fact]
    public void Encode_split_join_and_decode_allocate_nothing()
    {
        var joiner = new CommandJoiner();
        var output = new byte[256];
        var loaded = new long[16];
        var pending = new long[16];
        for (var i = 0; i < 100; i++)
        {
            RoundTrip(joiner, output, loaded, pending);
        }

        // The runtime itself may allocate on this thread now and then (tiered JIT installing optimised code). Any
        // allocation of ours would recur on each of the 1,000 calls of every round, so one round with 0 bytes proves
        // the path allocates nothing.
        var rounds = new List<long>();
        for (var round = 0; round < 5 && (rounds.Count == 0 || rounds[^1] != 0); round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            long sum = 0;
            for (var i = 0; i < 1000; i++)
            {
                sum += RoundTrip(joiner, output, loaded, pending);
            }

            rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(1000L * (65536 + 1048576 + 5 + 16), sum);
        }

        Assert.True(rounds.Min() == 0, $"bytes allocated per round of 1,000: {string.Join(", ", rounds)}");
    }
}
