using HlsSwarm.Netem;
using HlsSwarm.WebRtc.Sctp;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Sctp;

/// <summary>
/// Random impairments and a mixed workload in both directions: ordered, unordered and partially reliable messages,
/// stream resets from both sides, simultaneous or one-sided open, then a graceful shutdown. Nothing may wedge and
/// every reliable message must arrive. Random MTUs (not multiples of 4) and windows too. A failure names its seed.
/// </summary>
public class SctpRandomWorkloadTests
{
    [Fact]
    public void Mixed_workloads_complete_under_random_impairments()
    {
        var failures = new List<string>();
        var delivered = 0L;
        for (var seed = 0; seed < 200; seed++)
        {
            var r = new Random(seed);
            var link = new NetemConfig
            {
                Latency = TimeSpan.FromMilliseconds(r.Next(0, 100)),
                Jitter = TimeSpan.FromMilliseconds(r.Next(0, 10)),
                Loss = NetemLoss.Uniform(r.NextDouble() * 0.1),
                ReorderProbability = r.NextDouble() * 0.1,
                DuplicateProbability = r.NextDouble() * 0.05,
            };
            var options = new SctpOptions { Mtu = r.Next(600, 1400), ReceiveWindow = r.Next(64 * 1024, 1024 * 1024) };
            var pair = new SctpPair(seed, link, options, options with { Mtu = r.Next(600, 1400) });
            pair.Connect(both: r.Next(2) == 0);
            if (!pair.RunUntil(() => pair.A.State == SctpAssociationState.Established && pair.B.State == SctpAssociationState.Established, TimeSpan.FromMinutes(2)))
            {
                failures.Add($"seed {seed}: not connected ({pair.A.State}, {pair.B.State})");
                continue;
            }

            var reliableAtoB = new Dictionary<ushort, List<int>>();
            var reliableBtoA = 0;
            for (var i = 0; i < 60; i++)
            {
                var stream = (ushort)r.Next(0, 6);
                var partial = stream >= 4;
                var size = r.Next(1, 30000);
                var reliability = stream == 4 ? new SctpReliability(MaxRetransmits: r.Next(0, 3))
                    : stream == 5 ? new SctpReliability(Lifetime: TimeSpan.FromMilliseconds(r.Next(10, 500)))
                    : default;
                var result = pair.A.Send(stream, 53, new byte[size], stream % 2 == 0, reliability);
                if (!partial && result == SctpSendResult.Queued)
                {
                    (reliableAtoB.TryGetValue(stream, out var list) ? list : reliableAtoB[stream] = []).Add(size);
                }

                if (pair.B.Send(stream, 53, new byte[r.Next(1, 3000)], true, default) == SctpSendResult.Queued)
                {
                    reliableBtoA++;
                }

                if (i == 30)
                {
                    pair.A.ResetStreams(1, 2);
                }

                if (i == 40)
                {
                    pair.B.ResetStreams(3);
                }
            }

            var done = pair.RunUntil(() => pair.A.BufferedAmount == 0 && pair.B.BufferedAmount == 0, TimeSpan.FromMinutes(20));
            if (!done || pair.A.State != SctpAssociationState.Established)
            {
                failures.Add($"seed {seed}: wedged ({pair.A.State}, buffered {pair.A.BufferedAmount}/{pair.B.BufferedAmount})");
                continue;
            }

            foreach (var (stream, sizes) in reliableAtoB)
            {
                var got = pair.MessagesAtB.Where(m => m.StreamId == stream).Select(m => m.Data.Length).ToList();
                var expected = stream % 2 == 0 ? sizes : [.. sizes.Order()];
                got = stream % 2 == 0 ? got : [.. got.Order()];
                if (!got.SequenceEqual(expected))
                {
                    failures.Add($"seed {seed}: stream {stream} got {got.Count}/{sizes.Count} messages or out of order");
                }
            }

            if (pair.MessagesAtA.Count() != reliableBtoA)
            {
                failures.Add($"seed {seed}: B to A {pair.MessagesAtA.Count()}/{reliableBtoA}");
            }

            delivered += pair.MessagesAtB.Sum(m => (long)m.Data.Length);
            pair.A.Shutdown();
            if (!pair.RunUntil(() => pair.A.State == SctpAssociationState.Closed && pair.B.State == SctpAssociationState.Closed, TimeSpan.FromMinutes(5)))
            {
                failures.Add($"seed {seed}: shutdown stuck ({pair.A.State}, {pair.B.State})");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(delivered > 0);
    }
}
