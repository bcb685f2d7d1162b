using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Xunit;
using HlsSwarm.WebRtc.Mdns;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Mdns;

public class MdnsMessageTests
{
    private const string ChromeName = "cbf55dcd-1234-4f5e-8a9b-0123456789ab.local";

    private static byte[] Hex(string hex) => Convert.FromHexString(string.Concat(hex.Where(Uri.IsHexDigit)));

    [Fact]
    public void Query_is_byte_exact()
    {
        Span<byte> buffer = stackalloc byte[512];
        var length = MdnsMessage.WriteQuery(buffer, "abc.local", MdnsRecordType.A);
        Assert.Equal(
            "000000000001000000000000" + "03616263" + "056c6f63616c" + "00" + "0001" + "0001",
            Convert.ToHexStringLower(buffer[..length]));
        length = MdnsMessage.WriteQuery(buffer, "abc.local.", MdnsRecordType.Aaaa, unicastResponse: true);
        Assert.EndsWith("001c8001", Convert.ToHexStringLower(buffer[..length]), StringComparison.Ordinal);
    }

    [Fact]
    public void Chromium_style_query_round_trips()
    {
        var buffer = new byte[512];
        var length = MdnsMessage.WriteQuery(buffer, ChromeName, MdnsRecordType.A);
        Assert.Equal(MdnsDecodeError.None, MdnsMessage.TryParse(buffer.AsSpan(0, length), out var message));
        Assert.False(message!.IsResponse);
        Assert.Equal(new MdnsQuestion(ChromeName, MdnsRecordType.A, false), Assert.Single(message.Questions));
        Assert.False(message.TryFindAddress(ChromeName, null, out _, out _));
    }

    // A response as a responder writes it: header (QR|AA), A answer with cache-flush, an AAAA additional
    // record whose name is a compression pointer to offset 12, and an unrelated TXT record.
    private const string Response = """
        0000 8400 0000 0001 0000 0002
        03 616263 05 6c6f63616c 00  0001 8001 00000078 0004 c0a80105
        c00c                        001c 8001 00000078 0010 fe800000000000000000000000000001
        c010                        0010 0001 00000078 0003 026869
        """;

    [Fact]
    public void Response_with_compression_gives_both_families()
    {
        Assert.Equal(MdnsDecodeError.None, MdnsMessage.TryParse(Hex(Response), out var message));
        Assert.True(message!.IsResponse);
        Assert.Equal(3, message.Records.Count);
        Assert.True(message.Records[0].CacheFlush);
        Assert.Equal(120u, message.Records[0].Ttl);
        Assert.Equal("abc.local", message.Records[1].Name);
        Assert.Equal("local", message.Records[2].Name);
        Assert.Null(message.Records[2].Address);

        Assert.True(message.TryFindAddress("ABC.local", AddressFamily.InterNetwork, out var v4, out var ttl));
        Assert.Equal(IPAddress.Parse("192.168.1.5"), v4);
        Assert.Equal(120u, ttl);
        Assert.True(message.TryFindAddress("abc.local.", AddressFamily.InterNetworkV6, out var v6, out _));
        Assert.Equal(IPAddress.Parse("fe80::1"), v6);
        Assert.False(message.TryFindAddress("abd.local", null, out _, out _));
    }

    // Captured from Chromium 156's mDNS responder answering our WriteQuery for its ICE host candidate name inside a
    // test network namespace (2026-11-25): an A answer (cache-flush, TTL 120) and an NSEC additional record whose
    // next-domain field is a compression pointer.
    private const string ChromiumName = "7dfd7ca2-9f48-4acf-86d9-6a9473da825c.local";

    private const string ChromiumQuery =
        "0000000000010000000000002437646664376361322d396634382d346163662d383664392d366139343733646138323563056c6f63616c0000010001";

    private const string ChromiumResponse =
        "0000840000000001000000012437646664376361322d396634382d346163662d383664392d366139343733646138323563056c6f63616c" +
        "00000180010000007800040a4d00012437646664376361322d396634382d346163662d383664392d366139343733646138323563056c6f63" +
        "616c00002f8001000000780005c046000140";

    [Fact]
    public void Query_for_a_chromium_name_is_byte_exact_and_its_answer_resolves()
    {
        var buffer = new byte[512];
        var length = MdnsMessage.WriteQuery(buffer, ChromiumName, MdnsRecordType.A);
        Assert.Equal(ChromiumQuery, Convert.ToHexStringLower(buffer.AsSpan(0, length)));

        Assert.Equal(MdnsDecodeError.None, MdnsMessage.TryParse(Hex(ChromiumResponse), out var message));
        Assert.True(message!.IsResponse);
        Assert.Empty(message.Questions);
        Assert.Equal(2, message.Records.Count);
        Assert.Equal((MdnsRecordType)47, message.Records[1].Type); // NSEC: "no AAAA" (RFC 6762 §6.1)
        Assert.True(message.TryFindAddress(ChromiumName, AddressFamily.InterNetwork, out var address, out var ttl));
        Assert.Equal(IPAddress.Parse("10.77.0.1"), address);
        Assert.Equal(120u, ttl);
        Assert.False(message.TryFindAddress(ChromiumName, AddressFamily.InterNetworkV6, out _, out _));
    }

    [Fact]
    public void Goodbye_records_do_not_resolve()
    {
        var buffer = new byte[512];
        var length = MdnsMessage.WriteAnswer(buffer, ChromeName, IPAddress.Parse("10.0.0.7"), ttl: 0);
        Assert.Equal(MdnsDecodeError.None, MdnsMessage.TryParse(buffer.AsSpan(0, length), out var message));
        Assert.False(message!.TryFindAddress(ChromeName, null, out _, out _));
    }

    [Fact]
    public void Answer_round_trips()
    {
        var buffer = new byte[512];
        var length = MdnsMessage.WriteAnswer(buffer, ChromeName, IPAddress.Parse("10.0.0.7"), ttl: 120);
        Assert.Equal(MdnsDecodeError.None, MdnsMessage.TryParse(buffer.AsSpan(0, length), out var message));
        Assert.True(message!.TryFindAddress(ChromeName, AddressFamily.InterNetwork, out var address, out _));
        Assert.Equal(IPAddress.Parse("10.0.0.7"), address);
    }

    public static TheoryData<string, string, MdnsDecodeError> Hostile => new()
    {
        { "short header", "0000840000", MdnsDecodeError.TooShort },
        { "pointer to itself", "000084000000000100000000 c00c 0001 0001 00000078 0004 01020304", MdnsDecodeError.BadPointer },
        { "forward pointer", "000084000000000100000000 c020 0001 0001 00000078 0004 01020304", MdnsDecodeError.BadPointer },
        { "pointer loop through two names", "000084000000000200000000 0161 c00e 0001 0001 00000000 0000 c00c 0001 0001 00000000 0000", MdnsDecodeError.BadPointer },
        { "reserved label type 0x40", "000084000000000100000000 41 00", MdnsDecodeError.BadName },
        { "label runs past end", "000084000000000100000000 05 6162", MdnsDecodeError.TooShort },
        { "name without end", "000084000000000100000000 01 61", MdnsDecodeError.TooShort },
        { "record header cut", "000084000000000100000000 00 0001 0001 0000", MdnsDecodeError.TooShort },
        { "rdata cut", "000084000000000100000000 00 0001 0001 00000078 0004 0102", MdnsDecodeError.TooShort },
        { "A with 5 bytes", "000084000000000100000000 00 0001 0001 00000078 0005 0102030405", MdnsDecodeError.BadRecord },
        { "AAAA with 4 bytes", "000084000000000100000000 00 001c 0001 00000078 0004 01020304", MdnsDecodeError.BadRecord },
        { "non-zero rcode", "000084030000000000000000", MdnsDecodeError.BadHeader },
        { "non-zero opcode", "000088000000000000000000", MdnsDecodeError.BadHeader },
        { "absurd counts", "00008400ffffffffffffffff", MdnsDecodeError.TooManyEntries },
        { "question cut", "000000000001000000000000 00 0001", MdnsDecodeError.TooShort },
        { "name over 255 bytes", "000084000000000100000000" + string.Concat(Enumerable.Repeat("3f" + new string('6', 126), 5)) + "00", MdnsDecodeError.BadName },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_messages_return_errors(string name, string hex, MdnsDecodeError expected)
    {
        Assert.True(expected == MdnsMessage.TryParse(Hex(hex), out var message), name);
        Assert.Null(message);
    }

    [Fact]
    public void Every_truncation_of_a_response_is_an_error()
    {
        var bytes = Hex(Response);
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            Assert.Equal(MdnsDecodeError.TooShort, MdnsMessage.TryParse(bytes.AsSpan(0, cut), out _));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..local")]
    [InlineData("under_score.local")]
    [InlineData("sp ace.local")]
    [InlineData("ünïcode.local")]
    public void Invalid_names_are_not_written(string name)
    {
        Assert.Equal(0, MdnsMessage.WriteQuery(new byte[512], name, MdnsRecordType.A));
        Assert.Equal(0, MdnsMessage.WriteQuery(new byte[512], new string('a', 64) + ".local", MdnsRecordType.A));
        Assert.Equal(0, MdnsMessage.WriteQuery(new byte[20], ChromeName, MdnsRecordType.A));
    }

    [Property(MaxTest = 3000)]
    public void Random_bytes_never_throw(byte[] bytes)
    {
        if (MdnsMessage.TryParse(bytes, out var message) == MdnsDecodeError.None)
        {
            message!.TryFindAddress("x.local", null, out _, out _);
        }
    }

    [Property(MaxTest = 2000)]
    public void Mutated_responses_never_throw(int position, byte value)
    {
        var bytes = Hex(Response);
        bytes[Math.Abs(position % bytes.Length)] = value;
        MdnsMessage.TryParse(bytes, out _);
    }

    [Property]
    public bool Generated_names_round_trip(Guid guid, bool v6)
    {
        var name = guid.ToString() + ".local";
        var address = v6 ? IPAddress.Parse("2001:db8::" + (guid.GetHashCode() & 0xffff).ToString("x")) : new IPAddress(guid.ToByteArray()[..4]);
        var buffer = new byte[512];
        var length = MdnsMessage.WriteAnswer(buffer, name, address, 120);
        return MdnsMessage.TryParse(buffer.AsSpan(0, length), out var message) == MdnsDecodeError.None
            && message!.TryFindAddress(name.ToUpperInvariant(), address.AddressFamily, out var found, out _)
            && found!.Equals(address);
    }
}
