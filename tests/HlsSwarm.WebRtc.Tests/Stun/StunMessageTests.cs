using System.Net;
using System.Security.Cryptography;
using System.Text;
using HlsSwarm.WebRtc.Stun;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Stun;

public class StunMessageTests
{
    private static readonly byte[] ShortTermKey = Encoding.UTF8.GetBytes(StunVectors.ShortTermPassword);

    [Fact]
    public void Rfc5769_sample_request_decodes()
    {
        var bytes = StunVectors.Bytes(StunVectors.SampleRequest);
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(bytes, out var message));
        Assert.Equal(StunClass.Request, message.Class);
        Assert.Equal(StunMethod.Binding, message.Method);
        Assert.Equal(StunVectors.TransactionId, Convert.ToHexStringLower(message.TransactionId));
        Assert.Equal("STUN test client", Encoding.UTF8.GetString(message.Software));
        Assert.Equal("evtj:h6vY", message.GetUsernameString());
        Assert.Equal(0x6e0001ffu, message.Priority);
        Assert.Equal(0x932ff9b151263b36ul, message.IceControlled);
        Assert.Null(message.IceControlling);
        Assert.False(message.UseCandidate);
        Assert.True(message.VerifyMessageIntegrity(ShortTermKey));
        Assert.False(message.VerifyMessageIntegrity("wrong"u8));
        Assert.True(message.VerifyFingerprint());
        Assert.False(message.HasUnknownComprehensionRequired);
    }

    [Fact]
    public void Rfc5769_sample_request_encodes_byte_exact()
    {
        Span<byte> buffer = stackalloc byte[200];
        var writer = new StunWriter(buffer, StunClass.Request, StunMethod.Binding, Convert.FromHexString(StunVectors.TransactionId))
        {
            PaddingByte = 0x20,
        };
        writer.AddSoftware("STUN test client");
        writer.AddPriority(0x6e0001ff);
        writer.AddIceControlled(0x932ff9b151263b36);
        writer.AddUsername("evtj:h6vY");
        writer.AddMessageIntegrity(ShortTermKey);
        writer.AddFingerprint();
        Assert.Equal(Convert.ToHexStringLower(StunVectors.Bytes(StunVectors.SampleRequest)), Convert.ToHexStringLower(writer.Written));
    }

    [Theory]
    [InlineData(StunVectors.Ipv4Response, "192.0.2.1", 32853)]
    [InlineData(StunVectors.Ipv6Response, "2001:db8:1234:5678:11:2233:4455:6677", 32853)]
    public void Rfc5769_responses_round_trip_byte_exact(string hex, string address, int port)
    {
        var bytes = StunVectors.Bytes(hex);
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(bytes, out var message));
        Assert.Equal(StunClass.SuccessResponse, message.Class);
        Assert.Equal("test vector", Encoding.UTF8.GetString(message.Software));
        Assert.True(message.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), mapped);
        Assert.True(message.VerifyMessageIntegrity(ShortTermKey));
        Assert.True(message.VerifyFingerprint());

        Span<byte> buffer = stackalloc byte[200];
        var writer = new StunWriter(buffer, StunClass.SuccessResponse, StunMethod.Binding, message.TransactionId) { PaddingByte = 0x20 };
        writer.AddSoftware("test vector");
        writer.AddXorMappedAddress(mapped!);
        writer.AddMessageIntegrity(ShortTermKey);
        writer.AddFingerprint();
        Assert.Equal(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(writer.Written));
    }

    [Fact]
    public void Rfc5769_long_term_request_verifies_and_encodes_byte_exact()
    {
        var bytes = StunVectors.Bytes(StunVectors.LongTermRequest);
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(bytes, out var message));
        Assert.Equal("マトリックス", message.GetUsernameString());
        Assert.True(message.TryGetAttribute(StunAttributeType.Nonce, out var nonce));
        Assert.Equal("f//499k954d6OL34oL9FSTvy64sA", Encoding.UTF8.GetString(nonce));
        Assert.True(message.TryGetAttribute(StunAttributeType.Realm, out var realm));
        Assert.Equal("example.org", Encoding.UTF8.GetString(realm));
        Assert.False(message.HasFingerprint);

        // RFC 8489 §9.2.2: key = MD5(username ":" realm ":" SASLprep(password)); SASLprep("TheMªtrⅨ") = "TheMatrIX".
        var key = MD5.HashData(Encoding.UTF8.GetBytes("マトリックス:example.org:TheMatrIX"));
        Assert.True(message.VerifyMessageIntegrity(key));
        Assert.False(message.VerifyMessageIntegrity(MD5.HashData("マトリックス:example.org:thematrix"u8)));

        Span<byte> buffer = stackalloc byte[200];
        var writer = new StunWriter(buffer, StunClass.Request, StunMethod.Binding, message.TransactionId);
        writer.AddUsername("マトリックス");
        writer.AddAttribute(StunAttributeType.Nonce, "f//499k954d6OL34oL9FSTvy64sA"u8);
        writer.AddAttribute(StunAttributeType.Realm, "example.org"u8);
        writer.AddMessageIntegrity(key);
        Assert.Equal(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(writer.Written));
    }

    public static TheoryData<string, string, StunDecodeError> Malformed => new()
    {
        { "empty", "", StunDecodeError.TooShort },
        { "19 header bytes", "000100002112a442b7e7a701bc34d686fa87df", StunDecodeError.TooShort },
        { "top bits set (RTP)", "800100002112a442b7e7a701bc34d686fa87dfae", StunDecodeError.NotStun },
        { "RFC 3489 cookie", "000100000000000000000000bc34d686fa87dfae", StunDecodeError.BadMagicCookie },
        { "length not multiple of 4", "000100022112a442b7e7a701bc34d686fa87dfae0000", StunDecodeError.BadLength },
        { "length beyond datagram", "000100082112a442b7e7a701bc34d686fa87dfae00000000", StunDecodeError.TooShort },
        { "attribute overruns", "000100082112a442b7e7a701bc34d686fa87dfae0006000900000000", StunDecodeError.AttributeOverrun },
        { "PRIORITY of 3 bytes", "000100082112a442b7e7a701bc34d686fa87dfae0024000301020300", StunDecodeError.BadAttribute },
        { "USE-CANDIDATE with value", "000100082112a442b7e7a701bc34d686fa87dfae0025000400000000", StunDecodeError.BadAttribute },
        { "ICE-CONTROLLING of 4", "000100082112a442b7e7a701bc34d686fa87dfae802a000400000000", StunDecodeError.BadAttribute },
        { "MESSAGE-INTEGRITY of 4", "000100082112a442b7e7a701bc34d686fa87dfae0008000400000000", StunDecodeError.BadAttribute },
        { "FINGERPRINT of 8", "0001000c2112a442b7e7a701bc34d686fa87dfae802800080000000000000000", StunDecodeError.BadAttribute },
        { "ERROR-CODE class 7", "000100082112a442b7e7a701bc34d686fa87dfae0009000400000701", StunDecodeError.BadAttribute },
        { "ERROR-CODE number 100", "000100082112a442b7e7a701bc34d686fa87dfae0009000400000464", StunDecodeError.BadAttribute },
        { "XOR-MAPPED-ADDRESS of 12", "000100102112a442b7e7a701bc34d686fa87dfae0020000c000000000000000000000000", StunDecodeError.BadAttribute },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_messages_return_errors(string name, string hex, StunDecodeError expected)
    {
        Assert.True(expected == StunMessage.TryParse(Convert.FromHexString(hex), out _), name);
    }

    [Fact]
    public void Trailing_datagram_bytes_are_ignored()
    {
        var bytes = StunVectors.Bytes(StunVectors.Ipv4Response).Concat(new byte[] { 1, 2, 3 }).ToArray();
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(bytes, out var message));
        Assert.Equal(bytes.Length - 3, message.Raw.Length);
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Attributes_after_message_integrity_are_ignored_except_fingerprint()
    {
        Span<byte> buffer = stackalloc byte[200];
        var writer = new StunWriter(buffer, StunClass.Request, StunMethod.Binding, new byte[12]);
        writer.AddUsername("a:b");
        writer.AddMessageIntegrity("k"u8);
        writer.AddPriority(7);
        writer.AddUseCandidate();
        writer.AddFingerprint();
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(writer.Written, out var message));
        Assert.Null(message.Priority);
        Assert.False(message.UseCandidate);
        Assert.False(message.TryGetAttribute(StunAttributeType.Priority, out _));
        Assert.True(message.VerifyMessageIntegrity("k"u8));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Only_the_first_occurrence_of_an_attribute_counts()
    {
        Span<byte> buffer = stackalloc byte[200];
        var writer = new StunWriter(buffer, StunClass.Request, StunMethod.Binding, new byte[12]);
        writer.AddPriority(1);
        writer.AddPriority(2);
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(writer.Written, out var message));
        Assert.Equal(1u, message.Priority);
    }

    [Fact]
    public void Unknown_comprehension_required_attributes_are_reported_and_optional_ones_ignored()
    {
        Span<byte> buffer = stackalloc byte[200];
        var writer = new StunWriter(buffer, StunClass.Request, StunMethod.Binding, new byte[12]);
        writer.AddAttribute((StunAttributeType)0x7777, "x"u8);
        writer.AddAttribute(StunAttributeType.GoogNetworkInfo, new byte[4]);
        writer.AddAttribute((StunAttributeType)0xC001, new byte[3]);
        writer.AddAttribute((StunAttributeType)0x0031, default);
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(writer.Written, out var message));
        Assert.True(message.HasUnknownComprehensionRequired);
        Span<ushort> unknown = stackalloc ushort[8];
        var count = message.CopyUnknownComprehensionRequired(unknown);
        Assert.Equal(new ushort[] { 0x7777, 0x0031 }, unknown[..count].ToArray());

        var response = new StunWriter(new byte[100], StunClass.ErrorResponse, StunMethod.Binding, message.TransactionId);
        response.AddErrorCode(420, "Unknown Attribute");
        response.AddUnknownAttributes(unknown[..count]);
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(response.Written, out var parsed));
        Assert.Equal(StunClass.ErrorResponse, parsed.Class);
        Assert.Equal(420, parsed.ErrorCode);
        Assert.Equal("Unknown Attribute", Encoding.UTF8.GetString(parsed.ErrorReason));
        Assert.Equal("77770031", Convert.ToHexStringLower(parsed.UnknownAttributes));
    }

    [Theory]
    [InlineData(StunClass.Request, 0x001, 0x0001)]
    [InlineData(StunClass.Indication, 0x001, 0x0011)]
    [InlineData(StunClass.SuccessResponse, 0x001, 0x0101)]
    [InlineData(StunClass.ErrorResponse, 0x001, 0x0111)]
    [InlineData(StunClass.ErrorResponse, 0x003, 0x0113)]
    [InlineData(StunClass.Indication, 0x006, 0x0016)]
    [InlineData(StunClass.ErrorResponse, 0xFFF, 0x3FFF)]
    public void Message_type_interleaves_class_and_method_bits(StunClass messageClass, int method, int type)
    {
        var writer = new StunWriter(new byte[20], messageClass, (StunMethod)method, new byte[12]);
        Assert.Equal(type, (writer.Written[0] << 8) | writer.Written[1]);
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(writer.Written, out var message));
        Assert.Equal(messageClass, message.Class);
        Assert.Equal((StunMethod)method, message.Method);
    }

    [Fact]
    public void Mapped_address_and_sha256_integrity_round_trip()
    {
        var writer = new StunWriter(new byte[200], StunClass.SuccessResponse, StunMethod.Binding, RandomNumberGenerator.GetBytes(12));
        writer.AddMappedAddress(new IPEndPoint(IPAddress.Parse("::ffff:10.1.2.3"), 9));
        writer.AddMessageIntegrity("key"u8);
        writer.AddMessageIntegritySha256("key"u8);
        writer.AddFingerprint();
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(writer.Written, out var message));
        Assert.True(message.TryGetMappedAddress(out var mapped));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.1.2.3"), 9), mapped);
        Assert.True(message.VerifyMessageIntegrity("key"u8));
        Assert.True(message.VerifyMessageIntegritySha256("key"u8));
        Assert.False(message.VerifyMessageIntegritySha256("kez"u8));
        Assert.True(message.VerifyFingerprint());
    }

    [Theory]
    [MemberData(nameof(StunVectors.All), MemberType = typeof(StunVectors))]
    public void Any_flipped_bit_breaks_parse_integrity_or_fingerprint(string hex)
    {
        var original = StunVectors.Bytes(hex);
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(original, out var parsed));
        var integrityEnd = IntegrityEnd(parsed);
        var hasFingerprint = parsed.HasFingerprint;
        var key = original.Length == 116 ? MD5.HashData(Encoding.UTF8.GetBytes("マトリックス:example.org:TheMatrIX")) : ShortTermKey;
        for (var bit = 0; bit < original.Length * 8; bit++)
        {
            var bytes = (byte[])original.Clone();
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            if (StunMessage.TryParse(bytes, out var message) != StunDecodeError.None)
            {
                continue;
            }

            if (hasFingerprint)
            {
                Assert.False(message.VerifyFingerprint(), $"fingerprint survived flipping bit {bit}");
            }

            // A smaller header length can cut FINGERPRINT off as trailing bytes; MESSAGE-INTEGRITY then still
            // verifies (it hashes the adjusted length), which is why ICE requires FINGERPRINT too.
            var lengthCutsFingerprint = hasFingerprint && bit / 8 is 2 or 3;
            if (bit / 8 < integrityEnd && !lengthCutsFingerprint)
            {
                Assert.False(message.VerifyMessageIntegrity(key), $"integrity survived flipping bit {bit}");
            }
        }
    }

    private static int IntegrityEnd(StunMessage message)
    {
        Assert.True(message.TryGetAttribute(StunAttributeType.MessageIntegrity, out _));
        return message.Raw.Length - (message.HasFingerprint ? 8 : 0);
    }
}
