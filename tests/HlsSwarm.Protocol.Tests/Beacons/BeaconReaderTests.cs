using System.Text;
using FsCheck.Xunit;
using HlsSwarm.Protocol.Beacons;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Beacons;

public class BeaconReaderTests
{
    private static Beacon Read(string json)
    {
        Assert.True(BeaconReader.TryRead(Encoding.UTF8.GetBytes(json), BeaconLimits.Default, out var beacon, out var error), error.Message);
        Assert.Equal(BeaconRule.None, error.Rule);
        return beacon!;
    }

    private static BeaconError Refuse(byte[] body, BeaconLimits? limits = null)
    {
        Assert.False(BeaconReader.TryRead(body, limits ?? BeaconLimits.Default, out var beacon, out var error));
        Assert.Null(beacon);
        Assert.NotEqual(BeaconRule.None, error.Rule);
        return error;
    }

    private static BeaconError Refuse(string json) => Refuse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void The_contract_example_reads_every_field()
    {
        var b = Read(BeaconVectors.Full);
        Assert.Equal("s3ss10n-ABC_def", b.SessionId);
        Assert.Equal(12, b.Seq);
        Assert.Equal(BeaconClientKind.Web, b.ClientKind);
        Assert.Equal("0.5.0", b.ClientVersion);
        Assert.Equal("http://127.0.0.1:8080/demo/vod/master.m3u8", b.Stream);
        Assert.Equal("640x360 800000", b.Rendition);
        Assert.Equal("-PM0203-AAAAAAAAAAAA", b.PeerId);
        Assert.True(b.P2pEnabled);
        Assert.Equal(BeaconGroup.P2p, b.Group);
        Assert.Equal((1000, 2000, 3000), (b.HttpBytes, b.P2pBytes, b.UploadedBytes));
        Assert.Equal((2, 5), (b.PeersConnected, b.PeerAttempts));
        Assert.Equal([new BeaconFailureCount("timeout", 1), new BeaconFailureCount("ice-failed", 0)], b.Failures);
        Assert.Equal([new BeaconTransfer("-PM0203-BBBBBBBBBBBB", 123, 456)], b.Transfers);
        Assert.Equal(812, b.StartupMs);
        Assert.Equal((1, 250), (b.StallCount, b.StallMs));
        Assert.Equal(42000, b.PlayingMs);
        Assert.Equal(6100, b.LiveLatencyMs);
        Assert.Equal([new BeaconPlayerError("networkError", "<script>alert(1)</script>")], b.Errors);
        Assert.False(b.Metered);
    }

    [Fact]
    public void Only_the_required_fields_give_the_defaults()
    {
        var b = Read(BeaconVectors.Minimal);
        Assert.Equal(BeaconClientKind.Engine, b.ClientKind);
        Assert.Equal("", b.Rendition);
        Assert.Null(b.PeerId);
        Assert.Null(b.StartupMs);
        Assert.Null(b.LiveLatencyMs);
        Assert.Empty(b.Failures);
        Assert.Empty(b.Transfers);
        Assert.Empty(b.Errors);
        Assert.Equal(0, b.HttpBytes + b.P2pBytes + b.UploadedBytes + b.PlayingMs);
    }

    [Fact]
    public void Writer_output_reads_back_and_writes_the_same_bytes()
    {
        var first = Read(BeaconVectors.Full);
        var bytes = BeaconWriter.ToUtf8(first);
        Assert.True(BeaconReader.TryRead(bytes, BeaconLimits.Default, out var second, out _));
        Assert.Equal(bytes, BeaconWriter.ToUtf8(second!));
        Assert.Equal(first.Errors, second!.Errors);
        Assert.Equal(first.Transfers, second.Transfers);
    }

    [Fact]
    public void Nulls_are_accepted_where_the_contract_allows_them()
    {
        var b = Read(BeaconVectors.Full.Replace("\"startupMs\":812", "\"startupMs\":null").Replace("\"liveLatencyMs\":6100", "\"liveLatencyMs\":null")
            .Replace("\"peerId\":\"-PM0203-AAAAAAAAAAAA\"", "\"peerId\":null"));
        Assert.Null(b.StartupMs);
        Assert.Null(b.LiveLatencyMs);
        Assert.Null(b.PeerId);
    }

    [Fact]
    public void Unknown_fields_are_skipped_and_the_largest_counter_fits()
    {
        var b = Read(BeaconVectors.Full.Replace("\"metered\":false", "\"metered\":true,\"future\":{\"a\":[1,2,{\"b\":null}]}")
            .Replace("\"http\":1000", "\"http\":9007199254740992"));
        Assert.True(b.Metered);
        Assert.Equal(1L << 53, b.HttpBytes);
    }

    [Theory, MemberData(nameof(BeaconVectors.Invalid), MemberType = typeof(BeaconVectors))]
    public void Each_rule_names_its_field(string find, string replace, string field, BeaconRuleName rule)
    {
        Assert.Contains(find, BeaconVectors.Full, StringComparison.Ordinal);
        var json = ReplaceFirst(BeaconVectors.Full, find, replace);
        var error = Refuse(json);
        Assert.Equal((field, rule.ToString()), (error.Field, error.Rule.ToString()));
        Assert.StartsWith(field + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncation_at_every_offset_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes(BeaconVectors.Full.Trim());
        for (var n = 0; n < bytes.Length; n++)
        {
            Assert.False(BeaconReader.TryRead(bytes.AsSpan(0, n), BeaconLimits.Default, out _, out var error), $"prefix of {n} bytes was accepted");
            Assert.True(Enum.IsDefined(error.Rule) && error.Rule != BeaconRule.None);
        }
    }

    [Fact]
    public void Whole_body_errors_have_an_empty_field()
    {
        Assert.Equal(BeaconRule.InvalidJson, Refuse("").Rule);
        Assert.Equal(BeaconRule.InvalidJson, Refuse(BeaconVectors.Minimal + " x").Rule);
        Assert.Equal(BeaconRule.InvalidJson, Refuse(BeaconVectors.Minimal + "{}").Rule);
        Assert.Equal(BeaconRule.WrongType, Refuse("[1,2]").Rule);
        Assert.Equal(BeaconRule.WrongType, Refuse("\"beacon\"").Rule);
        Assert.Equal("", Refuse("null").Field);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_recursion()
    {
        var deep = "{\"v\":1,\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
        Assert.Equal(BeaconRule.TooLarge, Refuse(Encoding.UTF8.GetBytes(deep)).Rule);
        var nested = "{\"v\":1,\"x\":" + new string('[', 20) + new string(']', 20) + "}";
        Assert.Equal(BeaconRule.InvalidJson, Refuse(nested).Rule);
    }

    [Fact]
    public void Oversized_bodies_are_refused_before_parsing()
    {
        var padded = BeaconVectors.Full.Replace("\"metered\":false", "\"metered\":false,\"pad\":\"" + new string('x', 16 * 1024) + "\"");
        Assert.Equal(BeaconRule.TooLarge, Refuse(padded).Rule);
        Assert.Equal(BeaconRule.TooLarge, Refuse(Encoding.UTF8.GetBytes(BeaconVectors.Full), BeaconLimits.Default with { MaxBytes = 100 }).Rule);
    }

    [Theory]
    [InlineData("123456789012345678901234567890")]
    [InlineData("1e308")]
    [InlineData("-0.0")]
    [InlineData("18446744073709551616")]
    public void Huge_and_odd_numbers_are_out_of_range(string number)
    {
        var error = Refuse(BeaconVectors.Full.Replace("\"playingMs\":42000", "\"playingMs\":" + number));
        Assert.Equal(("playingMs", BeaconRule.OutOfRange), (error.Field, error.Rule));
    }

    [Fact]
    public void Invalid_utf8_and_a_byte_order_mark_are_refused()
    {
        var body = Encoding.UTF8.GetBytes(BeaconVectors.Full);
        var bad = (byte[])body.Clone();
        bad[Array.IndexOf(bad, (byte)'<')] = 0xC3; // a lead byte followed by ASCII
        Assert.Equal(BeaconRule.InvalidUtf8, Refuse(bad).Rule);
        Assert.Equal(BeaconRule.InvalidUtf8, Refuse([0xEF, 0xBB, 0xBF, .. body]).Rule);
        Assert.Equal(BeaconRule.InvalidUtf8, Refuse([.. "{\"v\":1,\"a\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8]).Rule);
    }

    [Fact]
    public void An_escaped_lone_surrogate_is_a_bad_value_of_its_field()
    {
        var error = Refuse(BeaconVectors.Full.Replace("\"640x360 800000\"", "\"\\ud800\""));
        Assert.Equal(("rendition", BeaconRule.BadValue), (error.Field, error.Rule));
    }

    [Fact]
    public void Non_ascii_text_counts_utf16_units_like_javascript()
    {
        // 128 × U+00E9 is 256 bytes but 128 characters: fits. 65 × U+1F600 is 130 UTF-16 units: too long.
        Assert.Equal(new string('é', 128), Read(BeaconVectors.Full.Replace("640x360 800000", new string('é', 128))).Rendition);
        var emoji = string.Concat(Enumerable.Repeat("😀", 65));
        Assert.Equal(("rendition", BeaconRule.BadLength), (Refuse(BeaconVectors.Full.Replace("640x360 800000", emoji)).Field, Refuse(BeaconVectors.Full.Replace("640x360 800000", emoji)).Rule));
    }

    [Property(MaxTest = 2000)]
    public bool Random_bytes_never_throw(byte[] bytes)
    {
        var ok = BeaconReader.TryRead(bytes, BeaconLimits.Default, out var beacon, out var error);
        return ok == (beacon is not null) && ok == (error.Rule == BeaconRule.None) && Enum.IsDefined(error.Rule);
    }

    [Property(MaxTest = 3000)]
    public bool Mutated_valid_beacons_never_throw_and_accepted_ones_round_trip(int seed, FsCheck.PositiveInt edits)
    {
        var rng = new Random(seed);
        var bytes = Encoding.UTF8.GetBytes(rng.Next(2) == 0 ? BeaconVectors.Full : BeaconVectors.Minimal);
        for (var i = 0; i < 1 + (edits.Get % 6); i++)
            bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
        if (!BeaconReader.TryRead(bytes, BeaconLimits.Default, out var beacon, out var error))
            return error.Rule != BeaconRule.None && Enum.IsDefined(error.Rule);
        var again = BeaconWriter.ToUtf8(beacon!);
        return BeaconReader.TryRead(again, BeaconLimits.Default, out var second, out _)
               && BeaconWriter.ToUtf8(second!).AsSpan().SequenceEqual(again);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var i = text.IndexOf(find, StringComparison.Ordinal);
        return text[..i] + replace + text[(i + find.Length)..];
    }
}
