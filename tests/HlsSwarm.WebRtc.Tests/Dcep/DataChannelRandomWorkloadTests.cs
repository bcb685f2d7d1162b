using System.Text;
using HlsSwarm.Netem;
using HlsSwarm.WebRtc.Dcep;
using HlsSwarm.WebRtc.Sctp;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Dcep;

/// <summary>
/// Channel churn under random impairments: both sides open, send on, and close channels at random, ids get reused;
/// every message that was accepted arrives exactly once, and every channel ends closed on both sides.
/// </summary>
public class DataChannelRandomWorkloadTests
{
    [Fact]
    public void Open_send_close_churn_loses_nothing()
    {
        var failures = new List<string>();
        for (var seed = 0; seed < 200; seed++)
        {
            var r = new Random(seed);
            var pair = new DataChannelPair(seed, new NetemConfig
            {
                Latency = TimeSpan.FromMilliseconds(r.Next(0, 60)),
                Loss = NetemLoss.Uniform(r.NextDouble() * 0.08),
                ReorderProbability = r.NextDouble() * 0.05,
                DuplicateProbability = r.NextDouble() * 0.03,
            });
            pair.A.Association.Connect(0);
            var sent = new List<string>();
            var serial = 0;
            for (var step = 0; step < 60; step++)
            {
                var side = r.Next(2) == 0 ? pair.A : pair.B;
                var open = side.Channels.Values.Where(c => c.State == DataChannelState.Open).ToList();
                var action = r.Next(10);
                if (action < 2 || open.Count == 0)
                {
                    side.Open($"s{seed}c{serial++}", new DataChannelOptions { Ordered = r.Next(2) == 0 });
                }
                else if (action < 9)
                {
                    var channel = open[r.Next(open.Count)];
                    var text = $"{channel.Label}/{serial++}/" + new string('x', r.Next(0, 5000));
                    if (side.SendText(channel.Id, text) == SctpSendResult.Queued)
                    {
                        sent.Add(text);
                    }
                }
                else
                {
                    side.Close(open[r.Next(open.Count)].Id);
                }

                pair.RunUntil(() => false, TimeSpan.FromMilliseconds(r.Next(0, 100)));
            }

            bool Received() => pair.EventsA.Concat(pair.EventsB).Count(e => e.Kind == DataChannelEventKind.Message) >= sent.Count;
            if (!pair.RunUntil(Received, TimeSpan.FromMinutes(10)))
            {
                failures.Add($"seed {seed}: {pair.EventsA.Concat(pair.EventsB).Count(e => e.Kind == DataChannelEventKind.Message)}/{sent.Count} messages");
                continue;
            }

            var got = pair.EventsA.Concat(pair.EventsB).Where(e => e.Kind == DataChannelEventKind.Message).Select(e => Encoding.UTF8.GetString(e.Data!)).Order().ToList();
            if (!got.SequenceEqual(sent.Order()))
            {
                failures.Add($"seed {seed}: received messages differ from sent");
            }

            // Close everything from a random side (both sometimes), including channels whose OPEN was on its way.
            for (var round = 0; round < 10 && (pair.A.Channels.Count > 0 || pair.B.Channels.Count > 0); round++)
            {
                foreach (var id in pair.A.Channels.Keys.Union(pair.B.Channels.Keys).ToList())
                {
                    var who = r.Next(3);
                    if (who != 1)
                    {
                        pair.A.Close(id);
                    }

                    if (who != 0)
                    {
                        pair.B.Close(id);
                    }
                }

                pair.RunUntil(() => pair.A.Channels.Count == 0 && pair.B.Channels.Count == 0, TimeSpan.FromSeconds(30));
            }

            if (pair.A.Channels.Count > 0 || pair.B.Channels.Count > 0)
            {
                failures.Add($"seed {seed}: channels left open A {string.Join(",", pair.A.Channels.Values.Select(c => $"{c.Id}:{c.State}:{c.IsLocal}"))} B {string.Join(",", pair.B.Channels.Values.Select(c => $"{c.Id}:{c.State}:{c.IsLocal}"))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
