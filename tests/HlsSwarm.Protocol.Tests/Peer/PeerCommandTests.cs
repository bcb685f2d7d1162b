using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HlsSwarm.Protocol.Peer;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Peer;

public class PeerCommandTests
{
    private static string Unframe(string messageHex) => messageHex[8..^8];

    [Theory, MemberData(nameof(Vectors.Commands), MemberType = typeof(Vectors))]
    public void Spec_9_3_command_body_round_trips_byte_exact(IPeerCommand command, string messageHex)
    {
        var bodyHex = Unframe(messageHex);
        Assert.StartsWith("63737472", messageHex);
        Assert.EndsWith("63656e64", messageHex);
        Assert.Equal(bodyHex, Convert.ToHexStringLower(Decode.Body(command)));

        Assert.Equal(PeerDecodeError.None, Decode.Any(Convert.FromHexString(bodyHex), out var read));
        Assert.Equal(command, read);
    }

    [Fact]
    public void Buffer_writer_encoding_matches_span_encoding()
    {
        var writer = new ArrayBufferWriter<byte>();
        var n = new SegmentDataCommand(7, 128, 3).WriteTo(writer);
        Assert.Equal("0269010773020080720103", Convert.ToHexStringLower(writer.WrittenSpan));
        Assert.Equal(n, writer.WrittenCount);
    }

    [Fact]
    public void Announcement_decodes_into_caller_buffers()
    {
        var body = Convert.FromHexString("006c100201020a0b0201012c");
        Assert.Equal(PeerDecodeError.None, SegmentsAnnouncementCommand.TryMeasure(body, out var lc, out var pc));
        Assert.Equal((3, 0), (lc, pc));
        Span<long> loaded = stackalloc long[3];
        Span<long> pending = stackalloc long[0];
        Assert.Equal(PeerDecodeError.None, SegmentsAnnouncementCommand.TryRead(body, loaded, pending, out lc, out pc));
        Assert.Equal(new long[] { 10, 11, 300 }, loaded[..lc].ToArray());
    }

    [Theory]
    [InlineData("", PeerDecodeError.TooShort)]
    [InlineData("06", PeerDecodeError.UnknownCommand)]
    [InlineData("ff", PeerDecodeError.UnknownCommand)]
    [InlineData("0169012a", PeerDecodeError.MissingField)] // request without r
    [InlineData("0172020205", PeerDecodeError.MissingField)] // request without i
    [InlineData("0269012a72020205", PeerDecodeError.MissingField)] // data header without s
    [InlineData("0369012a", PeerDecodeError.MissingField)]
    [InlineData("0169012a72", PeerDecodeError.TooShort)] // name without item
    [InlineData("0169012a7202", PeerDecodeError.TooShort)]
    [InlineData("0169012a723001", PeerDecodeError.UnknownItemType)]
    [InlineData("01691001010101720101", PeerDecodeError.WrongFieldType)] // i as an array
    [InlineData("006c0101", PeerDecodeError.WrongFieldType)] // l as an Int
    [InlineData("00700101", PeerDecodeError.WrongFieldType)] // p as an Int
    [InlineData("006c1001", PeerDecodeError.TooShort)]
    [InlineData("0169012a7200", PeerDecodeError.BadLength)]
    public void Bad_bodies_fail_with_their_error(string hex, PeerDecodeError expected)
    {
        Assert.Equal(expected, Decode.Any(Convert.FromHexString(hex), out _));
    }

    [Fact]
    public void Reading_the_wrong_command_is_reported()
    {
        var body = Convert.FromHexString("0369012a72020205");
        Assert.Equal(PeerDecodeError.UnexpectedCommand, SegmentAbsentCommand.TryRead(body, out _, out _));
        Assert.Equal(PeerDecodeError.UnexpectedCommand, SegmentRequestCommand.TryRead(body, out _, out _));
        Assert.Equal(PeerDecodeError.UnexpectedCommand, SegmentsAnnouncementCommand.TryRead(body, out _, out _));
    }

    [Fact]
    public void Unknown_fields_are_skipped_and_repeated_names_overwrite()
    {
        // i=1, x=5 (unknown Int), y=[1] (unknown array), z="ab" (String item), r=2, i=42 (overwrites).
        var body = Convert.FromHexString("05" + "690101" + "780105" + "791001010101" + "7a20026162" + "720102" + "69012a");
        Assert.Equal(PeerDecodeError.None, CancelSegmentRequestCommand.TryRead(body, out var cancel, out var consumed));
        Assert.Equal(new CancelSegmentRequestCommand(42, 2), cancel);
        Assert.Equal(body.Length, consumed);
    }

    [Fact]
    public void Fields_in_any_order_are_accepted()
    {
        var body = Convert.FromHexString("02" + "720103" + "73020080" + "690107");
        Assert.Equal(PeerDecodeError.None, SegmentDataCommand.TryRead(body, out var data, out _));
        Assert.Equal(new SegmentDataCommand(7, 128, 3), data);
    }

    [Fact]
    public void Zero_or_negative_offset_is_not_sent_and_reads_as_zero()
    {
        Assert.Equal("0169012a72020205", Convert.ToHexStringLower(new SegmentRequestCommand(42, 517, 0).ToBody()));
        Assert.Equal("0169012a72020205", Convert.ToHexStringLower(new SegmentRequestCommand(42, 517, -3).ToBody()));
        Assert.Equal(PeerDecodeError.None, SegmentRequestCommand.TryRead(Convert.FromHexString("0169012a72020205620181"), out var r, out _));
        Assert.Equal(0, r.ByteOffset);
    }

    /// <summary>Random commands of all six types with ids in the JS safe-integer range.</summary>
    public static Arbitrary<IPeerCommand> AnyCommand()
    {
        var safe = ArbMap.Default.GeneratorFor<long>().Select(IntItemTests.Safe);
        var ids = ArbMap.Default.GeneratorFor<long[]>().Select(SimilarIntArrayItemTests.Ids);
        var gen = Gen.OneOf(
            ids.Zip(ids).Select(t => (IPeerCommand)new SegmentsAnnouncementCommand(
                SimilarIntArrayItemTests.Grouped(t.Item1), SimilarIntArrayItemTests.Grouped(t.Item2))),
            safe.Zip(safe).Zip(safe).Select(t => (IPeerCommand)new SegmentRequestCommand(t.Item1.Item1, t.Item1.Item2, Math.Max(0, t.Item2))),
            safe.Zip(safe).Zip(safe).Select(t => (IPeerCommand)new SegmentDataCommand(t.Item1.Item1, t.Item1.Item2, t.Item2)),
            safe.Zip(safe).Select(t => (IPeerCommand)new SegmentDataSendingCompletedCommand(t.Item1, t.Item2)),
            safe.Zip(safe).Select(t => (IPeerCommand)new SegmentAbsentCommand(t.Item1, t.Item2)),
            safe.Zip(safe).Select(t => (IPeerCommand)new CancelSegmentRequestCommand(t.Item1, t.Item2)));
        return gen.ToArbitrary();
    }

    [Property(Arbitrary = [typeof(PeerCommandTests)])]
    public void Decode_of_encode_is_identity(IPeerCommand command)
    {
        var body = Decode.Body(command);
        Assert.Equal(PeerDecodeError.None, Decode.Any(body, out var read));
        Assert.Equal(command, read);
    }

    [Property(Arbitrary = [typeof(PeerCommandTests)])]
    public void Truncation_at_every_offset_is_an_error_or_a_shorter_valid_command(IPeerCommand command)
    {
        var body = Decode.Body(command);
        for (var cut = 0; cut < body.Length; cut++)
        {
            // A body cut exactly between fields is itself a well-formed body (e.g. a request without b, or an
            // announcement without p); every other cut must be an error. Never an exception.
            var error = Decode.Any(body.AsSpan(0, cut), out var read);
            if (error == PeerDecodeError.None)
            {
                Assert.NotEqual(command, read);
            }
        }
    }

    [Property]
    public void Random_bodies_never_throw(byte[] bytes)
    {
        _ = Decode.Any(bytes ?? [], out _);
    }

    [Property]
    public void Mutated_bodies_never_throw(byte position, byte value)
    {
        foreach (var (command, _) in Vectors.Commands.Select(row => ((IPeerCommand)row[0], (string)row[1])))
        {
            var body = Decode.Body(command);
            body[position % body.Length] = value;
            _ = Decode.Any(body, out _);
        }
    }
}

public class JsOverflowTests
{
    /// <summary>spec §9.2: what the JS writes for 256 groups (0, 256, 512, …): G = 00, then the 256 groups.</summary>
    private static byte[] JsAnnouncementWith256Groups()
    {
        var bytes = new List<byte> { 0x00, (byte)'l', 0x10, 0x00 };
        var buffer = new byte[IntItem.MaxSerializedLength];
        for (var k = 0; k < 256; k++)
        {
            var n = new IntItem(((long)k << 8) | 1).WriteTo(buffer);
            bytes.AddRange(buffer[..n]);
            bytes.Add(0);
        }

        return bytes.ToArray();
    }

    [Fact]
    public void Spec_9_2_js_256_groups_starts_like_the_vector()
    {
        Assert.StartsWith("006c10000101", Convert.ToHexStringLower(JsAnnouncementWith256Groups()));
    }

    [Fact]
    public void Spec_9_2_js_256_group_announcement_is_dropped_like_the_js()
    {
        Assert.NotEqual(PeerDecodeError.None, SegmentsAnnouncementCommand.TryRead(JsAnnouncementWith256Groups(), out _, out _));
    }
}
