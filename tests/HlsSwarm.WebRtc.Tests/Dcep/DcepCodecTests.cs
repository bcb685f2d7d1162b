using System.Text;
using FsCheck.Xunit;
using HlsSwarm.WebRtc.Dcep;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Dcep;

public class DcepCodecTests
{
    // RFC 8832 §5.1 layouts: type, channel type, priority, reliability parameter, label/protocol lengths, label, protocol.
    public static TheoryData<string, DataChannelType, ushort, uint, string, string> Vectors => new()
    {
        { "03000100000000000004000063686174", DataChannelType.Reliable, 256, 0, "chat", "" },
        { "038000000000000000000000", DataChannelType.ReliableUnordered, 0, 0, "", "" },
        { "0301008000000003000100026c6869", DataChannelType.PartialReliableRexmit, 128, 3, "l", "hi" },
        { "0382020000000bb800040000c3a9c3a9", DataChannelType.PartialReliableTimedUnordered, 512, 3000, "éé", "" },
        { "03020000000001f400000003776562", DataChannelType.PartialReliableTimed, 0, 500, "", "web" },
        { "038200000000000000010000" + "61", DataChannelType.PartialReliableTimedUnordered, 0, 0, "a", "" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Open_round_trips_byte_exact(string hex, DataChannelType type, ushort priority, uint parameter, string label, string protocol)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(DcepDecodeError.None, DcepOpen.TryRead(bytes, out var open, out var consumed));
        Assert.Equal(new DcepOpen(type, priority, parameter, label, protocol), open);
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(hex, Convert.ToHexStringLower(open.ToArray()));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Every_truncation_of_open_is_an_error(string hex, DataChannelType type, ushort priority, uint parameter, string label, string protocol)
    {
        _ = (type, priority, parameter, label, protocol);
        var bytes = Convert.FromHexString(hex);
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            Assert.Equal(DcepDecodeError.TooShort, DcepOpen.TryRead(bytes.AsSpan(0, cut), out _, out _));
        }
    }

    [Fact]
    public void Open_rejects_bad_type_channel_type_and_utf8()
    {
        Assert.Equal(DcepDecodeError.WrongType, DcepOpen.TryRead(Convert.FromHexString("020000000000000000000000"), out _, out _));
        Assert.Equal(DcepDecodeError.UnknownChannelType, DcepOpen.TryRead(Convert.FromHexString("030300000000000000000000"), out _, out _));
        Assert.Equal(DcepDecodeError.BadUtf8, DcepOpen.TryRead(Convert.FromHexString("03000000000000000001" + "0000ff"), out _, out _));
    }

    [Fact]
    public void Ack_is_one_byte()
    {
        Assert.Equal([0x02], DcepAck.Bytes.ToArray());
        Assert.Equal(DcepDecodeError.None, DcepAck.TryRead([0x02]));
        Assert.Equal(DcepDecodeError.TooShort, DcepAck.TryRead([]));
        Assert.Equal(DcepDecodeError.WrongType, DcepAck.TryRead([0x03]));
    }

    [Property(MaxTest = 500)]
    public void Open_round_trips(byte typeIndex, ushort priority, uint parameter, string? label, string? protocol)
    {
        var types = Enum.GetValues<DataChannelType>();
        var clean = (string? s) => s is null ? "" : new string(s.Where(c => !char.IsSurrogate(c)).ToArray());
        var open = new DcepOpen(types[typeIndex % types.Length], priority, parameter, clean(label), clean(protocol));
        Assert.Equal(DcepDecodeError.None, DcepOpen.TryRead(open.ToArray(), out var back, out _));
        Assert.Equal(open, back);
    }

    [Property(MaxTest = 1000)]
    public void Random_bytes_never_throw(byte[]? bytes)
    {
        _ = DcepOpen.TryRead(bytes ?? [], out _, out _);
        _ = DcepAck.TryRead(bytes ?? []);
        if (bytes is { Length: > 0 })
        {
            bytes[0] = 3;
            _ = DcepOpen.TryRead(bytes, out _, out _);
        }
    }

    [Theory]
    [InlineData(true, 0, true)]
    [InlineData(true, 2, true)]
    [InlineData(true, 1, false)]
    [InlineData(false, 1, true)]
    [InlineData(false, 4, false)]
    [InlineData(false, 65535, false)]
    public void Stream_id_parity_follows_the_dtls_role(bool client, int id, bool valid) =>
        Assert.Equal(valid, DataChannelStreamIds.IsValidFor(client, (ushort)id));

    [Fact]
    public void Ppids_are_the_registered_values() =>
        Assert.Equal([50u, 51u, 53u, 56u, 57u], new[] { DataChannelPpid.Dcep, DataChannelPpid.String, DataChannelPpid.Binary, DataChannelPpid.StringEmpty, DataChannelPpid.BinaryEmpty });

    [Fact]
    public void Label_is_utf8() =>
        Assert.Equal(Encoding.UTF8.GetByteCount("é") + 12, new DcepOpen(DataChannelType.Reliable, 0, 0, "é", "").GetSerializedLength());
}
