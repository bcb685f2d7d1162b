using System.Text;
using FsCheck.Xunit;
using HlsSwarm.WebRtc.Sctp;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Sctp;

public class SctpChunkCodecTests
{
    /// <summary>Decodes a chunk with its typed decoder and encodes it again; null when decoding fails.</summary>
    internal static byte[]? Reencode(ReadOnlySpan<byte> bytes, out SctpDecodeError error)
    {
        error = SctpChunk.TryRead(bytes, out var chunk, out _);
        if (error != SctpDecodeError.None)
        {
            return null;
        }

        var buffer = new byte[70000];
        int written;
        switch ((SctpChunkType)chunk.Type)
        {
            case SctpChunkType.Data:
                error = DataChunk.TryRead(chunk, out var data);
                written = error == 0 ? data.WriteTo(buffer) : 0;
                break;
            case SctpChunkType.Init:
                error = InitChunk.TryRead(chunk, out var init);
                written = error == 0 ? init.WriteTo(buffer) : 0;
                break;
            case SctpChunkType.InitAck:
                error = InitAckChunk.TryRead(chunk, out var initAck);
                written = error == 0 ? initAck.WriteTo(buffer) : 0;
                break;
            case SctpChunkType.Sack:
                error = SackChunk.TryRead(chunk, out var sack);
                written = error == 0 ? sack.WriteTo(buffer) : 0;
                break;
            case SctpChunkType.Heartbeat or SctpChunkType.HeartbeatAck:
                error = HeartbeatChunk.TryRead(chunk, out var hb);
                written = error == 0 ? hb.WriteTo(buffer) : 0;
                break;
            case SctpChunkType.Abort:
                error = AbortChunk.TryRead(chunk, out var abort);
                written = error == 0 ? abort.WriteTo(buffer) : 0;
                break;
            case SctpChunkType.Error:
                error = ErrorChunk.TryRead(chunk, out var err);
                written = error == 0 ? err.WriteTo(buffer) : 0;
                break;
            case SctpChunkType.Shutdown:
                error = ShutdownChunk.TryRead(chunk, out var shutdown);
                written = error == 0 ? shutdown.WriteTo(buffer) : 0;
                break;
            case SctpChunkType.ShutdownAck or SctpChunkType.CookieAck or SctpChunkType.ShutdownComplete:
                error = SctpEmptyChunk.TryRead(chunk, out var empty);
                written = error == 0 ? empty.WriteTo(buffer) : 0;
                break;
            case SctpChunkType.CookieEcho:
                error = CookieEchoChunk.TryRead(chunk, out var echo);
                written = error == 0 ? echo.WriteTo(buffer) : 0;
                break;
            case SctpChunkType.ForwardTsn:
                error = ForwardTsnChunk.TryRead(chunk, out var fwd);
                written = error == 0 ? fwd.WriteTo(buffer) : 0;
                break;
            case SctpChunkType.ReConfig:
                error = ReConfigChunk.TryRead(chunk, out var reconfig);
                written = error == 0 ? reconfig.WriteTo(buffer) : 0;
                break;
            default:
                return null;
        }

        return error == SctpDecodeError.None ? buffer[..written] : null;
    }

    [Theory]
    [MemberData(nameof(SctpVectors.AllChunks), MemberType = typeof(SctpVectors))]
    public void Chunk_round_trips_byte_exact(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var again = Reencode(bytes, out var error);
        Assert.Equal(SctpDecodeError.None, error);
        Assert.Equal(hex, Convert.ToHexStringLower(again!));
    }

    [Theory]
    [MemberData(nameof(SctpVectors.AllChunks), MemberType = typeof(SctpVectors))]
    public void Every_truncation_is_an_error(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var declared = (bytes[2] << 8) | bytes[3];
        for (var cut = 0; cut < declared; cut++)
        {
            Assert.Null(Reencode(bytes.AsSpan(0, cut), out var error));
            Assert.NotEqual(SctpDecodeError.None, error);
        }
    }

    [Property(MaxTest = 3000)]
    public void Mutated_chunks_never_throw(int vector, int position, byte value)
    {
        var all = SctpVectors.All;
        var bytes = Convert.FromHexString(all[(int)((uint)vector % all.Length)]);
        bytes[(int)((uint)position % bytes.Length)] = value;
        _ = Reencode(bytes, out _);
    }

    [Property(MaxTest = 2000)]
    public void Random_bytes_never_throw(byte[] bytes, byte type)
    {
        if (bytes is null || bytes.Length < 4)
        {
            return;
        }

        bytes[0] = type;
        bytes[2] = (byte)(bytes.Length >> 8);
        bytes[3] = (byte)bytes.Length;
        _ = Reencode(bytes, out _);
    }

    [Fact]
    public void Data_fields_and_flags()
    {
        Assert.Equal(SctpDecodeError.None, SctpChunk.TryRead(Convert.FromHexString(SctpVectors.DataUnorderedImmediate), out var chunk, out var consumed));
        Assert.Equal(20, consumed);
        Assert.Equal(SctpDecodeError.None, DataChunk.TryRead(chunk, out var d));
        Assert.Equal((10u, (ushort)0, 51u, true, true, true, true), (d.Tsn, d.StreamId, d.Ppid, d.Unordered, d.Beginning, d.Ending, d.Immediate));
        Assert.Equal("a", Encoding.ASCII.GetString(d.Payload.Span));
    }

    [Fact]
    public void Data_without_user_data_is_rejected()
    {
        Assert.Equal(SctpDecodeError.None, SctpChunk.TryRead(Convert.FromHexString("00030010000000010001000200000035"), out var chunk, out _));
        Assert.Equal(SctpDecodeError.BadValue, DataChunk.TryRead(chunk, out _));
    }

    [Fact]
    public void Sack_fields()
    {
        SctpChunk.TryRead(Convert.FromHexString(SctpVectors.Sack), out var chunk, out _);
        Assert.Equal(SctpDecodeError.None, SackChunk.TryRead(chunk, out var s));
        Assert.Equal(100u, s.CumulativeTsnAck);
        Assert.Equal(1u << 20, s.AdvertisedReceiverWindowCredit);
        Assert.Equal([new GapAckBlock(2, 3)], s.GapAckBlocks);
        Assert.Equal([99u], s.DuplicateTsns);
    }

    [Fact]
    public void Sack_counts_beyond_the_length_are_rejected()
    {
        SctpChunk.TryRead(Convert.FromHexString("030000100000006400100000000500000"[..32]), out var chunk, out _);
        Assert.Equal(SctpDecodeError.BadLength, SackChunk.TryRead(chunk, out _));
    }

    [Fact]
    public void Init_with_zero_tag_is_rejected()
    {
        var bytes = Convert.FromHexString(SctpVectors.Init);
        bytes.AsSpan(4, 4).Clear();
        SctpChunk.TryRead(bytes, out var chunk, out _);
        Assert.Equal(SctpDecodeError.BadValue, InitChunk.TryRead(chunk, out _));
    }

    [Fact]
    public void Init_ack_without_cookie_is_rejected()
    {
        SctpChunk.TryRead(Convert.FromHexString("0200001487654321001000000001000100000064"), out var chunk, out _);
        Assert.Equal(SctpDecodeError.BadValue, InitAckChunk.TryRead(chunk, out _));
    }

    [Fact]
    public void Init_reports_unknown_parameters_by_their_upper_bits()
    {
        // 0x4001 (01: stop, report) after 0x8005 (10: skip silently) and 0xC00A (11: skip, report); then a cookie
        // that must not be read because processing stopped.
        var hex = "01000029" + "12345678001000000001000100000001" + "80050004" + "c00a0005ab000000" + "40010004" + "00070005cc000000";
        SctpChunk.TryRead(Convert.FromHexString(hex), out var chunk, out _);
        Assert.Equal(SctpDecodeError.None, InitChunk.TryRead(chunk, out var init));
        Assert.Null(init.Fields.StateCookie);
        Assert.Equal(["c00a0005ab", "40010004"], init.Fields.UnrecognizedParameters!.Select(Convert.ToHexStringLower));
    }

    [Fact]
    public void Captured_init_is_read_and_its_auth_parameters_ignored()
    {
        var packet = Convert.FromHexString(SctpVectors.CapturedInitPacket);
        Assert.True(SctpChecksum.Verify(packet));
        Assert.Equal(SctpDecodeError.None, SctpCommonHeader.TryRead(packet, out var header));
        Assert.Equal(new SctpCommonHeader(5000, 5000, 0), header);
        Assert.Equal(SctpDecodeError.None, SctpChunk.TryRead(packet.AsSpan(SctpCommonHeader.Length), out var chunk, out var consumed));
        Assert.Equal(88, consumed);
        Assert.Equal(SctpDecodeError.None, InitChunk.TryRead(chunk, out var init));
        var f = init.Fields;
        Assert.Equal((0x55b964a5u, 0x20000u, (ushort)1024, (ushort)2048, 0xe86d1030u), (f.InitiateTag, f.AdvertisedReceiverWindowCredit, f.OutboundStreams, f.InboundStreams, f.InitialTsn));
        Assert.True(f.ForwardTsnSupported);
        Assert.True(f.Supports(SctpChunkType.ReConfig));
        Assert.True(f.Supports(SctpChunkType.ForwardTsn));
        Assert.Null(f.UnrecognizedParameters);
    }

    [Fact]
    public void Unknown_chunk_actions_follow_the_upper_bits()
    {
        Assert.Equal(SctpUnknownAction.Stop, SctpChunk.UnknownAction(0x3f));
        Assert.Equal(SctpUnknownAction.StopAndReport, SctpChunk.UnknownAction(0x40));
        Assert.Equal(SctpUnknownAction.Skip, SctpChunk.UnknownAction(0x80));
        Assert.Equal(SctpUnknownAction.SkipAndReport, SctpChunk.UnknownAction(0xc1));
    }

    [Fact]
    public void Reconfig_fields()
    {
        SctpChunk.TryRead(Convert.FromHexString(SctpVectors.ReConfigRequest), out var chunk, out _);
        Assert.Equal(SctpDecodeError.None, ReConfigChunk.TryRead(chunk, out var r));
        Assert.Equal((1u, 0u, 9u), (r.Request!.Value.RequestSequence, r.Request.Value.ResponseSequence, r.Request.Value.SenderLastTsn));
        Assert.Equal([(ushort)1], r.Request.Value.Streams);
        Assert.Null(r.Response);
    }
}
