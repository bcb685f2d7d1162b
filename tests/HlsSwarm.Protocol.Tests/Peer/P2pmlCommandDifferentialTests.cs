using System.Text;
using System.Text.Json;
using HlsSwarm.Protocol.Peer;
using Xunit;
using Xunit.Abstractions;

namespace HlsSwarm.Protocol.Tests.Peer;

/// <summary>
/// Differential tests of the peer wire protocol against the real p2p-media-loader-core 2.3.1 code
/// (<c>PeerProtocol</c>, <c>serializePeerCommand</c>, <c>BinaryCommandChunksJoiner</c>, <c>deserializeCommand</c> from
/// web/node_modules, driven by p2pml-commands.mjs): thousands of seeded random cases per test, one Node process per
/// test. A failure prints the seed, the case number and the case.
/// </summary>
/// <remarks>
/// Domains. Byte-exact comparison holds where the JS is correct: ids ≤ 255 per 256-block and ≤ 255 blocks per list
/// (spec §4.3 overflow bugs) and every JS chunk within M (the JS's single <c>n += 1</c> overflows M for tiny M and
/// big bodies, spec §4.2 / <see cref="CommandSplit"/>). Outside, each test asserts our documented behaviour instead.
/// Documented deviations found here: the JS writes <c>b</c> whenever it is non-zero (<c>if (command.b)</c>), so also
/// for a negative offset, which we never send and read as 0 (spec §4.4 says "only when &gt; 0").
/// </remarks>
public class P2pmlCommandDifferentialTests(ITestOutputHelper output)
{
    private const int Seed = 20261125;

    private static string Describe(int seed, int index, IPeerCommand command, int m) =>
        $"seed {seed}, case {index}, M={m}: {P2pmlHarness.JsCommand(command)}";

    /// <summary>Asserts <paramref name="condition"/>; the message (which may be big) is only built on failure.</summary>
    private static void Check(bool condition, Func<string> message)
    {
        if (!condition)
        {
            Assert.Fail(message());
        }
    }

    private static byte[][] OurChunks(IPeerCommand command, int m)
    {
        var body = Decode.Body(command);
        var plan = CommandSplit.Plan(body.Length, m);
        var chunks = new byte[plan.ChunkCount][];
        for (var i = 0; i < chunks.Length; i++)
        {
            chunks[i] = new byte[plan.GetChunkLength(i)];
            plan.WriteChunk(body, i, chunks[i]);
        }

        return chunks;
    }

    /// <summary>
    /// What our side makes of one received message, in the shape of the JS harness's events, plus the joined body
    /// when a command completed (whether or not it decodes).
    /// </summary>
    private static (string Kind, string? Command, bool Pending, byte[]? Joined) OurEvent(CommandJoiner joiner, byte[] message)
    {
        var result = joiner.Push(message, out var body);
        return result switch
        {
            JoinResult.SegmentData => ("data", null, joiner.IsPending, null),
            JoinResult.CommandCompleted when Decode.Any(body, out var command) == PeerDecodeError.None =>
                ("command", P2pmlHarness.Canonical(command!), joiner.IsPending, body.ToArray()),
            JoinResult.CommandCompleted => ("none", null, joiner.IsPending, body.ToArray()),
            _ => ("none", null, joiner.IsPending, null),
        };
    }

    private static (string Kind, string? Command, bool Pending) JsEvent(JsonElement e)
    {
        var kind = e.GetProperty("kind").GetString()!;
        var pending = e.GetProperty("pending").GetBoolean();
        if (kind != "command")
        {
            return (kind, null, pending);
        }

        // A command with a code the JS Peer's switch does not handle (e.g. the empty body of "cstrcend") is ignored.
        var canonical = P2pmlHarness.Canonical(e.GetProperty("command"));
        return canonical is null ? ("none", null, pending) : ("command", canonical, pending);
    }

    [Fact]
    public async Task Encoding_and_splitting_match_the_real_js_byte_for_byte_and_join_both_ways()
    {
        const int count = 3000;
        var random = new RandomCommands(Seed);
        var cases = new List<(IPeerCommand Command, int M, byte[][] Ours)>();
        var requests = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var command = random.Command();

            // Half the sizes log-uniform over 9 B..256 KiB, half around the body length so that most of those split.
            var bodyLength = command.GetSerializedLength();
            var m = random.Rng.Next(2) == 0
                ? random.MaxMessageSize()
                : (int)Math.Round(CommandSplit.MinMaxMessageSize * Math.Exp(random.Rng.NextDouble() * Math.Log((bodyLength + 16.0) / CommandSplit.MinMaxMessageSize)));
            var ours = OurChunks(command, m);
            cases.Add((command, m, ours));
            requests.Add(P2pmlHarness.Encode(command, m));
            requests.Add(P2pmlHarness.Receive(ours));
        }

        var answers = await P2pmlHarness.RunAsync(requests);
        int sane = 0, oversized = 0, split = 0;
        for (var i = 0; i < count; i++)
        {
            var (command, m, ours) = cases[i];
            string what() => Describe(Seed, i, command, m);
            var encoded = answers[2 * i];
            Check(!encoded.TryGetProperty("error", out var error), () => $"{what()}: JS threw {error}");
            var js = P2pmlHarness.HexArray(encoded.GetProperty("chunks"));
            var expected = P2pmlHarness.Canonical(ExpectedDecoded(command));

            if (js.All(chunk => chunk.Length / 2 <= m))
            {
                // The JS domain: our messages are the JS's, byte for byte.
                sane++;
                split += js.Length > 1 ? 1 : 0;
                Check(js.SequenceEqual(ours.Select(Convert.ToHexStringLower)), () => $"{what()}: JS [{string.Join(' ', js)}] ours [{string.Join(' ', ours.Select(Convert.ToHexStringLower))}]");
            }
            else
            {
                // The JS overflows M (tiny M, big body); we keep splitting until every chunk fits (CommandSplit).
                oversized++;
                Assert.All(ours, chunk => Assert.InRange(chunk.Length, CommandFrame.Overhead + 1, m));
                Check(ours.Length > js.Length, what);
            }

            // JS chunks into our joiner and decoder.
            var joiner = new CommandJoiner();
            for (var k = 0; k < js.Length; k++)
            {
                var (kind, decoded, pending, _) = OurEvent(joiner, Convert.FromHexString(js[k]));
                var last = k == js.Length - 1;
                Check(kind == (last ? "command" : "none") && pending == !last, () => $"{what()}: JS chunk {k} gave {kind} pending={pending}");
                if (last)
                {
                    Check(expected == decoded, () => $"{what()}: expected {expected}, ours decoded {decoded}");
                }
            }

            // Our chunks into the JS joiner and decoder.
            var events = answers[(2 * i) + 1].GetProperty("events").EnumerateArray().Select(JsEvent).ToArray();
            Assert.Equal(ours.Length, events.Length);
            for (var k = 0; k < events.Length; k++)
            {
                var last = k == events.Length - 1;
                Check(events[k].Kind == (last ? "command" : "none") && events[k].Pending == !last, () => $"{what()}: our chunk {k} gave JS {events[k]}");
            }

            Check(expected == events[^1].Command, () => $"{what()}: expected {expected}, JS decoded {events[^1].Command}");
        }

        output.WriteLine($"seed {Seed}: {count} commands, {sane} byte-exact ({split} split), {oversized} where the JS overflows M");

        // The run must have covered both domains and real splitting, else the comparison proves little.
        Assert.True(sane > count * 2 / 3 && split > count / 5 && oversized > count / 20, $"seed {Seed}: sane {sane}, split {split}, oversized {oversized}");
    }

    /// <summary>What a decoder of <paramref name="command"/> must return: the lists in grouped order (spec §4.3).</summary>
    private static IPeerCommand ExpectedDecoded(IPeerCommand command) => command is SegmentsAnnouncementCommand a
        ? new SegmentsAnnouncementCommand(RandomCommands.Grouped(a.Loaded.Span), RandomCommands.Grouped(a.Pending.Span))
        : command;

    [Fact]
    public async Task Outside_the_js_domain_we_follow_the_spec_rules_and_the_real_js_still_reads_us()
    {
        // Spec §4.3 overflow bugs, Ints past 2^53, and the byte offset rule: what the JS does there is wrong or lossy,
        // so instead of byte equality each case checks the rule the spec gives for our encoder and decoder.
        var random = new RandomCommands(Seed + 3);
        var lists = new List<long[]>();
        while (lists.Count < 300)
        {
            var ids = random.Ids(inJsDomain: false);
            if (!RandomCommands.InJsDomain(ids))
            {
                lists.Add(ids);
            }
        }

        long[] zeroTo255 = [.. Enumerable.Range(0, 256).Select(i => (long)i)];
        string[] huge = ["9007199254740992", "9007199254740993", "-9007199254740993", "1152921504606846976", "9223372036854775807"];
        var requests = new List<string>
        {
            P2pmlHarness.Encode(new SegmentsAnnouncementCommand(zeroTo255, Array.Empty<long>()), 65535),
            P2pmlHarness.EncodeRaw("{\"c\":1,\"i\":42,\"r\":7,\"b\":-1000}", 65535),
        };
        requests.AddRange(huge.Select(h => P2pmlHarness.EncodeRaw($"{{\"c\":4,\"i\":\"{h}\",\"r\":1}}", 65535)));
        requests.AddRange(lists.Select(ids => P2pmlHarness.Receive(OurChunks(new SegmentsAnnouncementCommand(ids, Array.Empty<long>()), 65535))));
        var answers = await P2pmlHarness.RunAsync(requests);

        // A JS peer's block of 256 ids writes a group count of 0: the JS drops its own announcement, we read 256 ids.
        var jsBlock = P2pmlHarness.HexArray(answers[0].GetProperty("chunks")).Select(Convert.FromHexString).ToArray();
        Assert.Equal(JoinResult.CommandCompleted, new CommandJoiner().Push(jsBlock.Single(), out var blockBody));
        Assert.Equal(PeerDecodeError.None, SegmentsAnnouncementCommand.TryRead(blockBody, out var block, out _));
        Assert.Equal(zeroTo255, block.Loaded.ToArray());
        var jsOwn = await P2pmlHarness.RunAsync([P2pmlHarness.Receive(jsBlock)]);
        Assert.Equal(("none", (string?)null, false), JsEvent(jsOwn[0].GetProperty("events")[0]));

        // The JS writes b whenever it is non-zero, also negative (spec §4.4 says "> 0"); we never send b <= 0 and read it as 0.
        var jsNegative = Convert.FromHexString(P2pmlHarness.HexArray(answers[1].GetProperty("chunks")).Single());
        Assert.Equal("637374720169012a720107620283e863656e64", Convert.ToHexStringLower(jsNegative));
        Assert.Equal(PeerDecodeError.None, SegmentRequestCommand.TryRead(jsNegative.AsSpan(4, jsNegative.Length - 8), out var request, out _));
        Assert.Equal(new SegmentRequestCommand(42, 7, 0), request);
        Assert.Equal("637374720169012a72010763656e64", Convert.ToHexStringLower(OurChunks(new SegmentRequestCommand(42, 7, -1000), 65535).Single()));

        // Ints the JS encodes from BigInt but cannot hold as a Number: we refuse to decode them rather than round.
        for (var h = 0; h < huge.Length; h++)
        {
            var chunk = Convert.FromHexString(P2pmlHarness.HexArray(answers[2 + h].GetProperty("chunks")).Single());
            Assert.Equal(PeerDecodeError.ValueOutOfRange, SegmentAbsentCommand.TryRead(chunk.AsSpan(4, chunk.Length - 8), out _, out _));
            Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentAbsentCommand(long.Parse(huge[h], System.Globalization.CultureInfo.InvariantCulture), 1).ToBody());
        }

        // Lists past 255 ids per block or 255 blocks: we split blocks into groups of <= 255 with a repeated key and keep
        // the first 255 groups (spec §4.3); the real JS decoder reads exactly the ids we keep.
        for (var i = 0; i < lists.Count; i++)
        {
            var ids = lists[i];
            var events = answers[2 + huge.Length + i].GetProperty("events").EnumerateArray().Select(JsEvent).ToArray();
            Assert.Equal(PeerDecodeError.None, SegmentsAnnouncementCommand.TryRead(Decode.Body(new SegmentsAnnouncementCommand(ids, Array.Empty<long>())), out var ours, out _));
            Assert.Equal(SimilarIntArrayItem.CountEncodable(ids), ours.Loaded.Length);
            Assert.True(ours.Loaded.ToArray().All(ids.Contains), $"seed {Seed + 3}, list {i}: decoded ids not in the input");
            Check(events[^1].Command == P2pmlHarness.Canonical(ours), () => $"seed {Seed + 3}, list {i}: JS {events[^1]}, ours {P2pmlHarness.Canonical(ours)}");
        }
    }

    [Fact]
    public async Task Streams_of_chunks_and_segment_data_classify_and_join_the_same_as_the_real_js()
    {
        // Spec §4.1/§4.2: segment data may sit between the chunks of a split command (the JS joiner keeps its state),
        // chunks may be lost or repeated, and the discard rules decide what survives. Compare every message's fate.
        const int count = 1500;
        var random = new RandomCommands(Seed + 1);
        var rng = random.Rng;
        var streams = new List<List<byte[]>>();
        for (var s = 0; s < count; s++)
        {
            var messages = new List<byte[]>();
            for (var action = rng.Next(1, 10); action > 0; action--)
            {
                switch (rng.Next(10))
                {
                    case < 5:
                    {
                        var m = rng.Next(3) == 0 ? random.MaxMessageSize() : rng.Next(CommandSplit.MinMaxMessageSize, 200);
                        var chunks = OurChunks(random.Command(), m).ToList();
                        if (chunks.Count > 1 && rng.Next(6) == 0)
                        {
                            chunks.RemoveAt(rng.Next(chunks.Count));
                        }

                        if (rng.Next(8) == 0)
                        {
                            var k = rng.Next(chunks.Count);
                            chunks.Insert(k, chunks[k]);
                        }

                        foreach (var chunk in chunks)
                        {
                            messages.Add(chunk);
                            if (rng.Next(3) == 0)
                            {
                                messages.Add(SegmentData(rng));
                            }
                        }

                        break;
                    }

                    case < 8:
                        messages.Add(SegmentData(rng));
                        break;
                    default:
                        // Framed but empty: no body bytes, so nothing becomes pending.
                        messages.Add(Encoding.ASCII.GetBytes(rng.Next(4) switch { 0 => "cstrdend", 1 => "dstrdend", 2 => "dstrcend", _ => "cstrcend" }));
                        break;
                }
            }

            streams.Add(messages);
        }

        var answers = await P2pmlHarness.RunAsync([.. streams.Select(P2pmlHarness.Receive)]);
        int commands = 0, data = 0, discarded = 0;
        var undecodable = new List<(string Where, byte[] Body, string? Js)>();
        for (var s = 0; s < count; s++)
        {
            var joiner = new CommandJoiner();
            var events = answers[s].GetProperty("events").EnumerateArray().Select(JsEvent).ToArray();
            Assert.Equal(streams[s].Count, events.Length);
            for (var k = 0; k < events.Length; k++)
            {
                var ours = OurEvent(joiner, streams[s][k]);
                var js = events[k];
                var message = streams[s][k];
                string where() => $"seed {Seed + 1}, stream {s}, message {k} ({Convert.ToHexStringLower(message.AsSpan(0, Math.Min(64, message.Length)))}…)";
                if (ours.Joined is not null && ours.Command is null)
                {
                    // A lost or repeated middle chunk joins into a corrupt body that we reject and the lenient JS decoder
                    // may still read; checked below: the JS decodes our joined bytes to exactly what its joiner produced.
                    Check(js.Pending == ours.Pending, () => $"{where()}: JS {js}, ours {ours}");
                    undecodable.Add((where(), ours.Joined, js.Command));
                }
                else
                {
                    Check((ours.Kind, ours.Command, ours.Pending) == js, () => $"{where()}: JS {js}, ours {ours}");
                }

                commands += ours.Kind == "command" ? 1 : 0;
                data += ours.Kind == "data" ? 1 : 0;
                discarded += ours.Kind == "none" && !ours.Pending && ours.Joined is null ? 1 : 0;
            }
        }

        var bodies = await P2pmlHarness.RunAsync([.. undecodable.Select(u => P2pmlHarness.Body(u.Body))]);
        for (var u = 0; u < undecodable.Count; u++)
        {
            var js = bodies[u].TryGetProperty("command", out var command) ? P2pmlHarness.Canonical(command) : null;
            Check(js == undecodable[u].Js, () => $"{undecodable[u].Where}: our joined body {Convert.ToHexStringLower(undecodable[u].Body)} reads in the JS as {js}, its joiner gave {undecodable[u].Js}");
        }

        output.WriteLine($"seed {Seed + 1}: {count} streams, {commands} commands, {data} data, {discarded} discarded chunks, {undecodable.Count} corrupt joined bodies");
        Assert.True(
            commands > count && data > count && discarded > count / 5 && undecodable.Count > 10,
            $"seed {Seed + 1}: commands {commands}, data {data}, discarded {discarded}, corrupt joined {undecodable.Count}");
    }

    /// <summary>A segment-data message: random bytes, sometimes with one marker at one end only, or too short for two.</summary>
    private static byte[] SegmentData(Random rng)
    {
        var bytes = new byte[rng.Next(150) == 0 ? 65535 : rng.Next(0, 300)];
        rng.NextBytes(bytes);
        var markers = new[] { "cstr", "dstr", "cend", "dend" };
        switch (rng.Next(5))
        {
            case 0 when bytes.Length >= 4:
                Encoding.ASCII.GetBytes(markers[rng.Next(2)]).CopyTo(bytes, 0);
                break;
            case 1 when bytes.Length >= 4:
                Encoding.ASCII.GetBytes(markers[2 + rng.Next(2)]).CopyTo(bytes, bytes.Length - 4);
                break;
            case 2:
                // 4..7 bytes: "cstr"/"dstr" and a partial end marker overlap; never a chunk.
                return Encoding.ASCII.GetBytes(markers[rng.Next(2)] + "cend"[..rng.Next(0, 4)]);
        }

        return bytes;
    }

    [Fact]
    public async Task Whatever_we_accept_from_a_hostile_body_the_real_js_reads_the_same()
    {
        // Soundness on hostile input: mutate valid bodies (bytes changed, cut, extended). Where our decoder accepts,
        // the JS deserializeCommand must give the same command; where the JS throws, ours must reject. Ours may reject
        // more (truncated items, 0-length Ints, values ≥ 2^53, missing or mistyped fields) — the JS reads those into
        // garbage that its Peer then mostly ignores. Announcements are only cut, never byte-mutated: a mutation can
        // create a group count of 0, which we read as 256 on purpose (spec §4.3) while the JS misparses it.
        const int count = 4000;
        var random = new RandomCommands(Seed + 2);
        var rng = random.Rng;
        var bodies = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            var command = random.Command();
            var body = Decode.Body(command).ToList();
            if (command is SegmentsAnnouncementCommand)
            {
                bodies.Add([.. body.Take(rng.Next(0, body.Count + 1))]);
                continue;
            }

            for (var n = rng.Next(1, 4); n > 0; n--)
            {
                switch (rng.Next(4))
                {
                    case 0 when body.Count > 0:
                        body[rng.Next(body.Count)] = (byte)rng.Next(256);
                        break;
                    case 1 when body.Count > 0:
                        body.RemoveRange(rng.Next(body.Count), 1);
                        break;
                    case 2:
                        body.Insert(rng.Next(body.Count + 1), (byte)rng.Next(256));
                        break;
                    default:
                        // A plausible field: a known or unknown name and a small Int.
                        body.AddRange([(byte)"irbslpx"[rng.Next(7)], 0x01, (byte)rng.Next(256)]);
                        break;
                }
            }

            bodies.Add([.. body]);
        }

        var answers = await P2pmlHarness.RunAsync([.. bodies.Select(b => P2pmlHarness.Body(b))]);
        int accepted = 0, rejected = 0, jsThrew = 0;
        for (var i = 0; i < count; i++)
        {
            string what() => $"seed {Seed + 2}, body {i}: {Convert.ToHexStringLower(bodies[i])}";
            var ours = Decode.Any(bodies[i], out var command);
            var threw = answers[i].TryGetProperty("error", out var error);
            jsThrew += threw ? 1 : 0;
            if (ours != PeerDecodeError.None)
            {
                rejected++;
                continue;
            }

            accepted++;
            Check(!threw, () => $"{what()}: we accept {P2pmlHarness.Canonical(command!)}, the JS throws {error}");
            var js = P2pmlHarness.Canonical(answers[i].GetProperty("command"), nonPositiveOffsetIsZero: true);
            Check(P2pmlHarness.Canonical(command!) == js, () => $"{what()}: ours {P2pmlHarness.Canonical(command!)}, JS {js}");
        }

        output.WriteLine($"seed {Seed + 2}: {count} bodies, {accepted} accepted by us, {rejected} rejected, {jsThrew} JS throws");
        Assert.True(accepted > count / 10 && rejected > count / 4 && jsThrew > count / 4, $"seed {Seed + 2}: accepted {accepted}, rejected {rejected}, JS threw {jsThrew}");
    }
}
