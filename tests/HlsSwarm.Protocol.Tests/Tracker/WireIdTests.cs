using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HlsSwarm.Protocol.Tracker;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Tracker;

public class WireIdTests
{
    [Theory]
    [InlineData(Vectors.BinaryStringJsonHex, Vectors.BinaryStringBytesHex)]
    public void Spec_9_8_json_decodes_to_exactly_the_20_bytes(string jsonHex, string bytesHex)
    {
        var request = new TrackerRequest();
        // Wrap the JS bytes' value into an answer message so the real parser reads it.
        var js = Convert.FromHexString(jsonHex);
        var value = Encoding.UTF8.GetString(js)["{\"offer_id\":".Length..^1];
        var message = $"{{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\",\"to_peer_id\":\"-PM0203-BBBBBBBBBBBB\",\"answer\":{{\"type\":\"answer\",\"sdp\":\"x\"}},\"offer_id\":{value}}}";

        var error = TrackerRequestParser.Parse(Encoding.UTF8.GetBytes(message), request);

        Assert.Equal(TrackerParseError.None, error);
        Assert.Equal(bytesHex, Convert.ToHexStringLower(request.OfferId.ToArray()));
    }

    [Theory]
    [InlineData(Vectors.BinaryStringBytesHex, Vectors.BinaryStringJsonHex)]
    public void Spec_9_8_our_encoding_matches_js_byte_for_byte(string bytesHex, string jsonHex)
    {
        var id = WireId.FromBytes(Convert.FromHexString(bytesHex));
        var buffer = new byte[WireId.MaxJsonLength];
        var n = id.WriteJsonString(buffer);
        var json = "{\"offer_id\":"u8.ToArray().Concat(buffer[..n]).Append((byte)'}').ToArray();

        Assert.Equal(jsonHex, Convert.ToHexStringLower(json));
    }

    [Theory]
    [InlineData(Vectors.CapturedOfferIdHex, Vectors.CapturedOfferIdLatin1)]
    [InlineData("2d504d303230332d414141414141414141414141", "-PM0203-AAAAAAAAAAAA")]
    public void Latin1_string_and_bytes_correspond(string hex, string latin1)
    {
        var id = WireId.FromLatin1(latin1);
        Assert.Equal(hex, id.ToHex());
        Assert.Equal(latin1, id.ToLatin1String());
        Assert.Equal(id, WireId.FromBytes(Convert.FromHexString(hex)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-PM0203-AAAAAAAAAAA")]
    [InlineData("-PM0203-AAAAAAAAAAAAA")]
    [InlineData("-PM0203-AAAAAAAAAAA\u0100")]
    [InlineData("-PM0203-AAAAAAAAAAA\u20ac")]
    public void Wrong_length_or_char_above_ff_is_rejected(string chars)
    {
        Assert.False(WireId.TryFromLatin1(chars, out _));
    }

    [Property(MaxTest = 500)]
    public bool Any_20_bytes_round_trip_through_json_and_the_parser(byte[] seed)
    {
        var bytes = new byte[20];
        seed.AsSpan(0, Math.Min(seed.Length, 20)).CopyTo(bytes);
        var id = WireId.FromBytes(bytes);
        var buffer = new byte[WireId.MaxJsonLength];
        var n = id.WriteJsonString(buffer);
        var message = Encoding.UTF8.GetBytes("{\"action\":\"scrape\",\"info_hash\":").Concat(buffer[..n]).Append((byte)'}').ToArray();
        var request = new TrackerRequest();

        var error = TrackerRequestParser.Parse(message, request);

        return error == TrackerParseError.None && request.ScrapeInfoHashes.Count == 1 && request.ScrapeInfoHashes[0] == id
               && request.ScrapeInfoHashes[0].ToArray().AsSpan().SequenceEqual(bytes);
    }

    [Property(MaxTest = 500)]
    public bool Our_json_for_any_id_is_what_System_Text_Json_reads_as_the_latin1_string(byte[] seed)
    {
        var bytes = new byte[20];
        seed.AsSpan(0, Math.Min(seed.Length, 20)).CopyTo(bytes);
        var id = WireId.FromBytes(bytes);
        var buffer = new byte[WireId.MaxJsonLength];
        var n = id.WriteJsonString(buffer);
        var text = System.Text.Json.JsonSerializer.Deserialize<string>(buffer.AsSpan(0, n));
        return text == id.ToLatin1String() && text!.Select(c => (byte)c).SequenceEqual(bytes);
    }

    [Property(MaxTest = 300)]
    public bool Any_latin1_string_of_20_chars_round_trips(NonNull<string> s)
    {
        var chars = new string(s.Get.Select(c => (char)(c & 0xFF)).Concat(Enumerable.Repeat('x', 20)).Take(20).ToArray());
        var id = WireId.FromLatin1(chars);
        return id.ToLatin1String() == chars && WireId.FromBytes(id.ToArray()) == id;
    }

    [Fact]
    public void Escaped_and_raw_forms_of_the_same_id_are_equal()
    {
        var request = new TrackerRequest();
        var raw = "{\"action\":\"scrape\",\"info_hash\":\"é23456789012345678901\"}".Replace("é2", "é", StringComparison.Ordinal);
        var escaped = "{\"action\":\"scrape\",\"info_hash\":\"\\u00e93456789012345678901\"}";
        Assert.Equal(TrackerParseError.None, TrackerRequestParser.Parse(Encoding.UTF8.GetBytes(raw), request));
        var a = request.ScrapeInfoHashes[0];
        Assert.Equal(TrackerParseError.None, TrackerRequestParser.Parse(Encoding.UTF8.GetBytes(escaped), request));
        Assert.Equal(a, request.ScrapeInfoHashes[0]);
        Assert.Equal(0xE9, a.ToArray()[0]);
    }
}
