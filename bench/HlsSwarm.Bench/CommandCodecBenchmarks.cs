using BenchmarkDotNet.Attributes;
using HlsSwarm.Protocol.Peer;

namespace HlsSwarm.Bench;

/// <summary>
/// Encode and decode of each of the six peer commands (spec §4.4) as a peer does it, one command per operation:
/// encode = body into a reused buffer + frame it as one data-channel message (M = 65 535); decode = that message
/// through a <see cref="CommandJoiner"/> + the command's <c>TryRead</c> (announcements into reused id buffers).
/// The hot path must allocate nothing (style.md convention 12): see the Allocated column.
/// </summary>
[MemoryDiagnoser]
public class CommandCodecBenchmarks
{
    // A live peer announcing its window (20 stored, 2 loading over HTTP) and a VOD peer with 300 stored segments.
    private static readonly long[] LiveLoaded = [.. Enumerable.Range(0, 20).Select(i => 1_700_000_000L + i)];
    private static readonly long[] LivePending = [1_700_000_020L, 1_700_000_021L];
    private static readonly long[] VodLoaded = [.. Enumerable.Range(0, 300).Select(i => (long)i)];

    private readonly SegmentsAnnouncementCommand _liveAnnouncement = new(LiveLoaded, LivePending);
    private readonly SegmentsAnnouncementCommand _vodAnnouncement = new(VodLoaded, ReadOnlyMemory<long>.Empty);
    private readonly SegmentRequestCommand _request = new(1_700_000_003, 517, 65_536);
    private readonly SegmentDataCommand _data = new(1_700_000_003, 2_097_152, 517);
    private readonly SegmentDataSendingCompletedCommand _completed = new(1_700_000_003, 517);
    private readonly SegmentAbsentCommand _absent = new(1_700_000_003, 517);
    private readonly CancelSegmentRequestCommand _cancel = new(1_700_000_003, 517);

    private readonly byte[] _body = new byte[4096];
    private readonly byte[] _message = new byte[4096];
    private readonly long[] _loaded = new long[1024];
    private readonly long[] _pending = new long[1024];
    private readonly CommandJoiner _joiner = new();

    private byte[] _liveAnnouncementMessage = [];
    private byte[] _vodAnnouncementMessage = [];
    private byte[] _requestMessage = [];
    private byte[] _dataMessage = [];
    private byte[] _completedMessage = [];
    private byte[] _absentMessage = [];
    private byte[] _cancelMessage = [];

    /// <summary>Pre-encodes one message per command for the decode benchmarks.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _liveAnnouncementMessage = Message(_liveAnnouncement);
        _vodAnnouncementMessage = Message(_vodAnnouncement);
        _requestMessage = Message(_request);
        _dataMessage = Message(_data);
        _completedMessage = Message(_completed);
        _absentMessage = Message(_absent);
        _cancelMessage = Message(_cancel);
    }

    private static byte[] Message<T>(T command)
        where T : struct, IPeerCommand => CommandSplit.Split(command, CommandSplit.DefaultMaxMessageSize).Single();

    private int Encode<T>(T command)
        where T : struct, IPeerCommand
    {
        var length = command.WriteTo(_body);
        var plan = CommandSplit.Plan(length, CommandSplit.DefaultMaxMessageSize);
        return plan.WriteChunk(_body.AsSpan(0, length), 0, _message);
    }

    private ReadOnlySpan<byte> Join(byte[] message)
    {
        if (_joiner.Push(message, out var body) != JoinResult.CommandCompleted)
        {
            throw new InvalidOperationException("not a whole command");
        }

        return body;
    }

    private long DecodeAnnouncement(byte[] message)
    {
        var error = SegmentsAnnouncementCommand.TryRead(Join(message), _loaded, _pending, out var loaded, out var pending);
        return error == PeerDecodeError.None ? loaded + pending : -1;
    }

    /// <summary>Encode a live announcement (20 + 2 ids).</summary>
    [Benchmark]
    [BenchmarkCategory("Encode")]
    public int EncodeSegmentsAnnouncementLive() => Encode(_liveAnnouncement);

    /// <summary>Encode a VOD announcement (300 ids).</summary>
    [Benchmark]
    [BenchmarkCategory("Encode")]
    public int EncodeSegmentsAnnouncementVod() => Encode(_vodAnnouncement);

    /// <summary>Encode a SegmentRequest with a byte offset.</summary>
    [Benchmark]
    [BenchmarkCategory("Encode")]
    public int EncodeSegmentRequest() => Encode(_request);

    /// <summary>Encode a SegmentData header.</summary>
    [Benchmark]
    [BenchmarkCategory("Encode")]
    public int EncodeSegmentData() => Encode(_data);

    /// <summary>Encode a SegmentDataSendingCompleted.</summary>
    [Benchmark]
    [BenchmarkCategory("Encode")]
    public int EncodeSegmentDataSendingCompleted() => Encode(_completed);

    /// <summary>Encode a SegmentAbsent.</summary>
    [Benchmark]
    [BenchmarkCategory("Encode")]
    public int EncodeSegmentAbsent() => Encode(_absent);

    /// <summary>Encode a CancelSegmentRequest.</summary>
    [Benchmark]
    [BenchmarkCategory("Encode")]
    public int EncodeCancelSegmentRequest() => Encode(_cancel);

    /// <summary>Decode a live announcement (20 + 2 ids).</summary>
    [Benchmark]
    [BenchmarkCategory("Decode")]
    public long DecodeSegmentsAnnouncementLive() => DecodeAnnouncement(_liveAnnouncementMessage);

    /// <summary>Decode a VOD announcement (300 ids).</summary>
    [Benchmark]
    [BenchmarkCategory("Decode")]
    public long DecodeSegmentsAnnouncementVod() => DecodeAnnouncement(_vodAnnouncementMessage);

    /// <summary>Decode a SegmentRequest with a byte offset.</summary>
    [Benchmark]
    [BenchmarkCategory("Decode")]
    public long DecodeSegmentRequest() =>
        SegmentRequestCommand.TryRead(Join(_requestMessage), out var command, out _) == PeerDecodeError.None ? command.ByteOffset : -1;

    /// <summary>Decode a SegmentData header.</summary>
    [Benchmark]
    [BenchmarkCategory("Decode")]
    public long DecodeSegmentData() =>
        SegmentDataCommand.TryRead(Join(_dataMessage), out var command, out _) == PeerDecodeError.None ? command.Size : -1;

    /// <summary>Decode a SegmentDataSendingCompleted.</summary>
    [Benchmark]
    [BenchmarkCategory("Decode")]
    public long DecodeSegmentDataSendingCompleted() =>
        SegmentDataSendingCompletedCommand.TryRead(Join(_completedMessage), out var command, out _) == PeerDecodeError.None ? command.RequestId : -1;

    /// <summary>Decode a SegmentAbsent.</summary>
    [Benchmark]
    [BenchmarkCategory("Decode")]
    public long DecodeSegmentAbsent() =>
        SegmentAbsentCommand.TryRead(Join(_absentMessage), out var command, out _) == PeerDecodeError.None ? command.RequestId : -1;

    /// <summary>Decode a CancelSegmentRequest.</summary>
    [Benchmark]
    [BenchmarkCategory("Decode")]
    public long DecodeCancelSegmentRequest() =>
        CancelSegmentRequestCommand.TryRead(Join(_cancelMessage), out var command, out _) == PeerDecodeError.None ? command.RequestId : -1;
}
