using System.Text;
using HlsSwarm.WebRtc.Sctp;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Sctp;

public class SctpChecksumTests
{
    [Fact]
    public void Crc32c_check_value()
    {
        // The CRC-32C catalogue check value (RFC 3720 §B.4 algorithm, "123456789").
        Assert.Equal(0xE3069283u, SctpChecksum.Crc32C(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Crc32c_of_32_zero_bytes()
    {
        // RFC 3720 §B.4: 32 bytes of zeroes → aa 36 91 8a (bytes as transmitted, i.e. little-endian value).
        Assert.Equal(0x8A9136AAu, SctpChecksum.Crc32C(new byte[32]));
    }

    [Theory]
    [InlineData(SctpVectors.HeaderOnlyPacket)]
    [InlineData(SctpVectors.CapturedInitPacket)]
    public void Captured_packets_verify_and_rewrite_to_the_same_checksum(string hex)
    {
        var packet = Convert.FromHexString(hex);
        Assert.True(SctpChecksum.Verify(packet));
        var copy = (byte[])packet.Clone();
        copy.AsSpan(8, 4).Clear();
        SctpChecksum.Write(copy);
        Assert.Equal(packet, copy);
    }

    [Fact]
    public void A_flipped_bit_fails_verification()
    {
        var packet = Convert.FromHexString(SctpVectors.CapturedInitPacket);
        for (var i = 0; i < packet.Length * 8; i += 7)
        {
            packet[i / 8] ^= (byte)(1 << (i % 8));
            Assert.False(SctpChecksum.Verify(packet));
            packet[i / 8] ^= (byte)(1 << (i % 8));
        }
    }

    [Fact]
    public void Short_packets_do_not_verify() => Assert.False(SctpChecksum.Verify(new byte[11]));
}
