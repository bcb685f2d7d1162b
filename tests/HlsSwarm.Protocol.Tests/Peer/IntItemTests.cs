using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HlsSwarm.Protocol.Peer;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Peer;

public class IntItemTests
{
    [Theory, MemberData(nameof(Vectors.Ints), MemberType = typeof(Vectors))]
    public void Spec_9_1_int_round_trips_byte_exact(long n, string hex)
    {
        var item = new IntItem(n);
        var buffer = new byte[IntItem.MaxSerializedLength];
        var written = item.WriteTo(buffer);
        Assert.Equal(hex, Convert.ToHexStringLower(buffer, 0, written));
        Assert.Equal(written, item.GetSerializedLength());

        var bytes = Convert.FromHexString(hex + "ff");
        Assert.Equal(PeerDecodeError.None, IntItem.TryRead(bytes, out var read, out var consumed));
        Assert.Equal(n, read.Value);
        Assert.Equal(bytes.Length - 1, consumed);
    }

    [Theory]
    [InlineData("", PeerDecodeError.TooShort)]
    [InlineData("01", PeerDecodeError.TooShort)]
    [InlineData("0300ff", PeerDecodeError.TooShort)]
    [InlineData("00", PeerDecodeError.BadLength)]
    [InlineData("1001", PeerDecodeError.UnknownItemType)]
    [InlineData("3001", PeerDecodeError.UnknownItemType)]
    [InlineData("0720000000000000", PeerDecodeError.ValueOutOfRange)]
    [InlineData("0f7fffffffffffffffffffffffffffff", PeerDecodeError.ValueOutOfRange)]
    public void Bad_int_items_fail_with_their_error(string hex, PeerDecodeError expected)
    {
        Assert.Equal(expected, IntItem.TryRead(Convert.FromHexString(hex), out _, out _));
    }

    [Fact]
    public void Lone_sign_bit_reads_as_zero_like_the_js()
    {
        Assert.Equal(PeerDecodeError.None, IntItem.TryRead([0x01, 0x80], out var v, out _));
        Assert.Equal(0, v.Value);
    }

    [Fact]
    public void Leading_zero_bytes_are_accepted()
    {
        Assert.Equal(PeerDecodeError.None, IntItem.TryRead([0x03, 0x00, 0x00, 0x05], out var v, out var consumed));
        Assert.Equal(5, v.Value);
        Assert.Equal(4, consumed);
    }

    [Fact]
    public void Encoding_beyond_2_pow_53_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntItem(1L << 53).WriteTo(new byte[16]));
    }

    internal static long Safe(long x) => x % (IntItem.MaxSafeInteger + 1);

    [Property]
    public void Decode_of_encode_is_identity(long raw)
    {
        var item = new IntItem(Safe(raw));
        var buffer = new byte[IntItem.MaxSerializedLength];
        var n = item.WriteTo(buffer);
        Assert.Equal(PeerDecodeError.None, IntItem.TryRead(buffer.AsSpan(0, n), out var read, out var consumed));
        Assert.Equal(item, read);
        Assert.Equal(n, consumed);
    }

    [Property]
    public void Truncation_at_every_offset_is_an_error(long raw)
    {
        var buffer = new byte[IntItem.MaxSerializedLength];
        var n = new IntItem(Safe(raw)).WriteTo(buffer);
        for (var cut = 0; cut < n; cut++)
        {
            Assert.Equal(PeerDecodeError.TooShort, IntItem.TryRead(buffer.AsSpan(0, cut), out _, out _));
        }
    }

    [Property]
    public void Random_bytes_never_throw(byte[] bytes)
    {
        _ = IntItem.TryRead(bytes ?? [], out _, out _);
    }
}
