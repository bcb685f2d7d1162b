using System.Numerics;
using System.Text;
using System.Text.Json;
using HlsSwarm.Protocol.Beacons;
using HlsSwarm.Testing;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Beacons;

/// <summary>
/// BeaconReader against JavaScript: beacons built in Node the way the web player builds them (an object,
/// <c>JSON.stringify</c>, UTF-8) with hostile strings (controls, U+2028, HTML, astral characters) and integers up to
/// 2^53, in random key order; every string must come out with JavaScript's UTF-16 code units, every number exact.
/// </summary>
public class JsBeaconDifferentialTests
{
    private static readonly string Script =
        Path.Combine(HlsSwarmBuild.RepositoryRoot(), "tests", "HlsSwarm.Protocol.Tests", "Beacons", "js-beacons.mjs");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Beacons_from_JSON_stringify_read_back_exactly(int seed)
    {
        var output = await NodeScript.RunAsync(Script, "", TimeSpan.FromSeconds(120), "150", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(151, lines.Length);
        foreach (var line in lines[..^1])
        {
            using var doc = JsonDocument.Parse(line);
            var body = doc.RootElement.GetProperty("body").GetString()!;
            var ok = BeaconReader.TryRead(Encoding.UTF8.GetBytes(body), BeaconLimits.Default, out var b, out var error);
            Assert.True(ok, $"{error.Message}: {body[..Math.Min(body.Length, 300)]}");
            var units = doc.RootElement.GetProperty("units");
            AssertUnits(units.GetProperty("sessionId"), b!.SessionId);
            AssertUnits(units.GetProperty("stream"), b.Stream);
            AssertUnits(units.GetProperty("rendition"), b.Rendition);
            AssertUnits(units.GetProperty("clientVersion"), b.ClientVersion);
            if (units.GetProperty("peerId").ValueKind == JsonValueKind.Null)
                Assert.Null(b.PeerId);
            else
                AssertUnits(units.GetProperty("peerId"), b.PeerId!);
            var reasons = units.GetProperty("failureReasons").EnumerateArray().ToList();
            Assert.Equal(reasons.Count, b.Failures.Count);
            for (var i = 0; i < reasons.Count; i++)
                AssertUnits(reasons[i], b.Failures[i].Reason);
            var peers = units.GetProperty("transferPeers").EnumerateArray().ToList();
            Assert.Equal(peers.Count, b.Transfers.Count);
            for (var i = 0; i < peers.Count; i++)
                AssertUnits(peers[i], b.Transfers[i].PeerId);
            var messages = units.GetProperty("errorMessages").EnumerateArray().ToList();
            Assert.Equal(messages.Count, b.Errors.Count);
            for (var i = 0; i < messages.Count; i++)
                AssertUnits(messages[i], b.Errors[i].Message);

            var numbers = doc.RootElement.GetProperty("numbers");
            Assert.Equal(numbers.GetProperty("seq").GetString(), b.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(numbers.GetProperty("http").GetString(), b.HttpBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(numbers.GetProperty("uploaded").GetString(), b.UploadedBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(numbers.GetProperty("playingMs").GetString(), b.PlayingMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var startup = numbers.GetProperty("startupMs");
            Assert.Equal(startup.ValueKind == JsonValueKind.Null ? null : startup.GetString(), b.StartupMs?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(BigInteger.Parse(numbers.GetProperty("transferDownSum").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                b.Transfers.Aggregate(BigInteger.Zero, (s, t) => s + t.Down));

            // And our writer's bytes read back to the same beacon. Our writer escapes characters outside the BMP
            // (12 bytes against 4 raw) and U+2028/U+2029, so it may need up to 3 times the bytes for such text.
            var mine = BeaconWriter.ToUtf8(b);
            Assert.True(BeaconReader.TryRead(mine, BeaconLimits.Default with { MaxBytes = 1 << 20 }, out var again, out var againError), againError.Message);
            Assert.True(mine.Length <= Encoding.UTF8.GetByteCount(body) * 3, $"{mine.Length} bytes written for {Encoding.UTF8.GetByteCount(body)} sent by JS");
            Assert.Equal(BeaconWriter.ToUtf8(b), BeaconWriter.ToUtf8(again!));
        }

        // JSON.stringify of a lone surrogate: \ud83d. Valid JSON, not text: refused with the field named.
        using var lone = JsonDocument.Parse(lines[^1]);
        var loneBody = lone.RootElement.GetProperty("lone").GetString()!;
        Assert.Contains("\\ud83d", loneBody, StringComparison.Ordinal);
        Assert.False(BeaconReader.TryRead(Encoding.UTF8.GetBytes(loneBody), BeaconLimits.Default, out _, out var loneError));
        Assert.Equal(("rendition", BeaconRule.BadValue), (loneError.Field, loneError.Rule));
    }

    private static void AssertUnits(JsonElement expected, string actual)
    {
        var units = expected.EnumerateArray().Select(e => (char)e.GetInt32()).ToArray();
        Assert.Equal(new string(units), actual);
    }
}
