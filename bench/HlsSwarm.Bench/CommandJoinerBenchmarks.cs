using BenchmarkDotNet.Attributes;
using HlsSwarm.Protocol.Peer;

namespace HlsSwarm.Bench;

/// <summary>
/// <see cref="CommandJoiner"/> throughput on what a requester receives for one 2 MiB segment (spec §4.1, §4.5):
/// SegmentData header, 32 segment-data messages of 64 KiB with an announcement in the middle (announcements can
/// arrive at any time, §4.5), SegmentDataSendingCompleted. One operation = that whole sequence.
/// </summary>
/// <remarks>
/// GB/s = <see cref="BytesPerOperation"/> (every byte of every message pushed) ÷ mean ns per operation, i.e. bytes
/// per ns = 10^9 bytes/s (column <see cref="GigabytesPerSecondColumn"/>; bench/protocol-bench.sh computes the same from
/// the JSON export). <see cref="Classify"/> is the joiner alone: it reads 8 marker bytes per data message and never
/// touches the payload, so its GB/s says how little the framing costs per byte, not a memory bandwidth.
/// <see cref="ClassifyAndAssemble"/> also appends each data message to the segment buffer, as a requester does,
/// which makes it a copy-bound figure.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(JoinerConfig))]
public class CommandJoinerBenchmarks
{
    /// <summary>Segment size: 2 MiB.</summary>
    public const int SegmentBytes = 2 * 1024 * 1024;

    /// <summary>Data-channel message size: 64 KiB.</summary>
    public const int MessageBytes = 64 * 1024;

    private readonly CommandJoiner _joiner = new();
    private readonly long[] _loaded = new long[64];
    private readonly long[] _pending = new long[64];
    private readonly byte[] _segment = new byte[SegmentBytes];
    private byte[][] _messages = [];

    /// <summary>Bytes pushed per operation (all messages, commands included).</summary>
    public static long BytesPerOperation { get; } = Transfer().Sum(m => (long)m.Length);

    /// <summary>The received messages of one transfer, in order.</summary>
    public static byte[][] Transfer()
    {
        var random = new Random(42);
        var messages = new List<byte[]>
        {
            CommandSplit.Split(new SegmentDataCommand(1_700_000_003, SegmentBytes, 517), CommandSplit.DefaultMaxMessageSize).Single(),
        };
        for (var offset = 0; offset < SegmentBytes; offset += MessageBytes)
        {
            if (offset == SegmentBytes / 2)
            {
                long[] loaded = [.. Enumerable.Range(0, 20).Select(i => 1_700_000_000L + i)];
                messages.Add(CommandSplit.Split(new SegmentsAnnouncementCommand(loaded, new long[] { 1_700_000_020 }), CommandSplit.DefaultMaxMessageSize).Single());
            }

            var data = new byte[Math.Min(MessageBytes, SegmentBytes - offset)];
            random.NextBytes(data);
            if (CommandFrame.IsCommandChunk(data))
            {
                data[0] = 0;
            }

            messages.Add(data);
        }

        messages.Add(CommandSplit.Split(new SegmentDataSendingCompletedCommand(1_700_000_003, 517), CommandSplit.DefaultMaxMessageSize).Single());
        return [.. messages];
    }

    /// <summary>Builds the messages.</summary>
    [GlobalSetup]
    public void Setup() => _messages = Transfer();

    /// <summary>Joiner + command decoding; data messages are only classified and counted.</summary>
    [Benchmark]
    public long Classify() => Receive(assemble: false);

    /// <summary>As <see cref="Classify"/>, and each data message is appended to the segment buffer.</summary>
    [Benchmark]
    public long ClassifyAndAssemble() => Receive(assemble: true);

    private long Receive(bool assemble)
    {
        long received = 0;
        long expected = -1;
        foreach (var message in _messages)
        {
            switch (_joiner.Push(message, out var body))
            {
                case JoinResult.SegmentData:
                    if (assemble)
                    {
                        message.CopyTo(_segment.AsSpan((int)received));
                    }

                    received += message.Length;
                    break;
                case JoinResult.CommandCompleted:
                    if (PeerCommand.TryReadType(body, out var type) != PeerDecodeError.None)
                    {
                        throw new InvalidOperationException("bad command");
                    }

                    switch (type)
                    {
                        case PeerCommandType.SegmentData when SegmentDataCommand.TryRead(body, out var header, out _) == PeerDecodeError.None:
                            expected = header.Size;
                            break;
                        case PeerCommandType.SegmentsAnnouncement:
                            SegmentsAnnouncementCommand.TryRead(body, _loaded, _pending, out _, out _);
                            break;
                        case PeerCommandType.SegmentDataSendingCompleted:
                            SegmentDataSendingCompletedCommand.TryRead(body, out _, out _);
                            break;
                    }

                    break;
            }
        }

        return received == expected ? received : throw new InvalidOperationException($"received {received} of {expected}");
    }
}
