using FsCheck.Xunit;
using HlsSwarm.WebRtc.Demux;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Demux;

public class PacketClassifierTests
{
    // RFC 7983 §7: the range boundaries, each side.
    [Theory]
    [InlineData(0, PacketKind.Stun)]
    [InlineData(3, PacketKind.Stun)]
    [InlineData(4, PacketKind.Unknown)]
    [InlineData(15, PacketKind.Unknown)]
    [InlineData(16, PacketKind.Zrtp)]
    [InlineData(19, PacketKind.Zrtp)]
    [InlineData(20, PacketKind.Dtls)]
    [InlineData(22, PacketKind.Dtls)]
    [InlineData(23, PacketKind.Dtls)]
    [InlineData(63, PacketKind.Dtls)]
    [InlineData(64, PacketKind.TurnChannel)]
    [InlineData(79, PacketKind.TurnChannel)]
    [InlineData(80, PacketKind.Unknown)]
    [InlineData(127, PacketKind.Unknown)]
    [InlineData(128, PacketKind.RtpRtcp)]
    [InlineData(191, PacketKind.RtpRtcp)]
    [InlineData(192, PacketKind.Unknown)]
    [InlineData(255, PacketKind.Unknown)]
    public void First_byte_ranges_follow_rfc_7983_section_7(int firstByte, PacketKind expected)
    {
        Assert.Equal(expected, PacketClassifier.Classify((byte)firstByte));
        Assert.Equal(expected, PacketClassifier.Classify([(byte)firstByte, 0xff, 0x00]));
    }

    [Fact]
    public void Empty_datagram_is_dropped() => Assert.Equal(PacketKind.Unknown, PacketClassifier.Classify(ReadOnlySpan<byte>.Empty));

    [Theory]
    // RFC 5769 §2.1 sample request header: Binding request, magic cookie.
    [InlineData("000100582112a442", PacketKind.Stun)]
    // Binding success response.
    [InlineData("0101003c2112a442", PacketKind.Stun)]
    // DTLS 1.2 handshake record (content type 22, version fefd) and application data (23).
    [InlineData("16fefd00000000000000000020", PacketKind.Dtls)]
    [InlineData("17fefd00010000000000050030", PacketKind.Dtls)]
    // DTLS alert (21) and change cipher spec (20).
    [InlineData("15fefd", PacketKind.Dtls)]
    [InlineData("14fefd", PacketKind.Dtls)]
    // RTP version 2 (0x80).
    [InlineData("80e0", PacketKind.RtpRtcp)]
    public void Real_packet_headers_are_sorted_by_protocol(string hex, PacketKind expected) =>
        Assert.Equal(expected, PacketClassifier.Classify(Convert.FromHexString(hex)));

    [Property]
    public bool Every_byte_gets_exactly_the_range_of_its_kind(byte b)
    {
        var kind = PacketClassifier.Classify(b);
        var inRanges = b <= 3 || b is >= 16 and <= 79 || b is >= 128 and <= 191;
        return inRanges == (kind != PacketKind.Unknown);
    }
}
