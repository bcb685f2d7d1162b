using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HlsSwarm.Protocol.Peer;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Peer;

public class SimilarIntArrayItemTests
{
    private static byte[] Encode(long[] values)
    {
        var item = new SimilarIntArrayItem(values);
        var buffer = new byte[item.GetSerializedLength()];
        Assert.Equal(buffer.Length, item.WriteTo(buffer));
        return buffer;
    }

    [Theory, MemberData(nameof(Vectors.SimilarIntArrays), MemberType = typeof(Vectors))]
    public void Spec_9_2_array_round_trips_byte_exact(long[] input, string hex, long[] decoded)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(Encode(input)));

        var bytes = Convert.FromHexString(hex + "00");
        Assert.Equal(PeerDecodeError.None, SimilarIntArrayItem.TryRead(bytes, out var read, out var consumed));
        Assert.Equal(decoded, read.Values.ToArray());
        Assert.Equal(bytes.Length - 1, consumed);

        Span<long> destination = stackalloc long[decoded.Length];
        Assert.Equal(PeerDecodeError.None, SimilarIntArrayItem.TryRead(bytes, destination, out var count, out _));
        Assert.Equal(decoded, destination[..count].ToArray());
    }

    [Fact]
    public void Spec_9_2_block_of_256_is_split_into_two_groups_with_the_same_key()
    {
        var all = Enumerable.Range(0, 256).Select(i => (long)i).ToArray();
        Assert.Equal(Vectors.ZeroTo255WorkaroundHex, Convert.ToHexStringLower(Encode(all)));
    }

    [Fact]
    public void Spec_9_2_count_byte_zero_from_a_js_peer_reads_as_256()
    {
        var bytes = Convert.FromHexString(Vectors.ZeroTo255JsOverflowHex);
        Assert.Equal(PeerDecodeError.None, SimilarIntArrayItem.TryRead(bytes, out var read, out var consumed));
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (long)i), read.Values.ToArray());
        Assert.Equal(bytes.Length, consumed);
    }

    [Fact]
    public void Encoder_never_writes_more_than_255_groups()
    {
        var ids = Enumerable.Range(0, 300).Select(i => (long)i * 256).ToArray();
        var bytes = Encode(ids);
        Assert.Equal(255, bytes[1]);
        Assert.Equal(255, SimilarIntArrayItem.CountEncodable(ids));
        Assert.Equal(PeerDecodeError.None, SimilarIntArrayItem.TryRead(bytes, out var read, out _));
        Assert.Equal(ids[..255], read.Values.ToArray());
    }

    [Fact]
    public void Empty_array_is_header_and_zero_groups()
    {
        Assert.Equal("1000", Convert.ToHexStringLower(Encode([])));
    }

    [Theory]
    [InlineData("", PeerDecodeError.TooShort)]
    [InlineData("10", PeerDecodeError.TooShort)]
    [InlineData("1001", PeerDecodeError.TooShort)]
    [InlineData("10010103", PeerDecodeError.TooShort)]
    [InlineData("100101030102", PeerDecodeError.TooShort)]
    [InlineData("0101", PeerDecodeError.UnknownItemType)]
    [InlineData("100120", PeerDecodeError.UnknownItemType)]
    public void Bad_arrays_fail_with_their_error(string hex, PeerDecodeError expected)
    {
        Assert.Equal(expected, SimilarIntArrayItem.TryRead(Convert.FromHexString(hex), out SimilarIntArrayItem _, out _));
    }

    [Fact]
    public void Too_small_destination_is_reported()
    {
        Span<long> destination = stackalloc long[2];
        Assert.Equal(PeerDecodeError.DestinationTooSmall, SimilarIntArrayItem.TryRead(Convert.FromHexString("10010103010203"), destination, out _, out _));
    }

    internal static long[] Ids(long[]? raw) => (raw ?? []).Select(IntItemTests.Safe).ToArray();

    /// <summary>The decoded list is the input grouped by key (first occurrence), lows in input order.</summary>
    internal static long[] Grouped(long[] ids) =>
        ids.GroupBy(v => v & ~0xFFL).SelectMany(g => g).ToArray();

    [Property]
    public void Decode_of_encode_is_the_grouped_input(long[] raw)
    {
        var ids = Ids(raw);
        var bytes = Encode(ids);
        Assert.Equal(PeerDecodeError.None, SimilarIntArrayItem.TryRead(bytes, out var read, out var consumed));
        Assert.Equal(Grouped(ids), read.Values.ToArray());
        Assert.Equal(bytes.Length, consumed);
    }

    [Property]
    public void Dense_blocks_round_trip(byte[] lows, byte block)
    {
        // Many ids in one 256-block: exercises the 255-per-group split.
        var ids = (lows ?? []).Select(l => (int)l).Concat(Enumerable.Range(0, block)).Select(l => (long)(l & 0xFF) + 4096).ToArray();
        var bytes = Encode(ids);
        Assert.Equal(PeerDecodeError.None, SimilarIntArrayItem.TryRead(bytes, out var read, out _));
        Assert.Equal(ids, read.Values.ToArray());
    }

    [Property]
    public void Truncation_at_every_offset_is_an_error(long[] raw)
    {
        var bytes = Encode(Ids(raw));
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            Assert.NotEqual(PeerDecodeError.None, SimilarIntArrayItem.TryRead(bytes.AsSpan(0, cut), out SimilarIntArrayItem _, out _));
        }
    }

    [Property]
    public void Random_bytes_never_throw(byte[] bytes)
    {
        _ = SimilarIntArrayItem.TryRead(bytes ?? [], out SimilarIntArrayItem _, out _);
    }
}
