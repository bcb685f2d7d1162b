using System.Globalization;
using System.Text;
using System.Text.Json;
using HlsSwarm.Protocol.Peer;
using HlsSwarm.Testing;

namespace HlsSwarm.Protocol.Tests.Peer;

/// <summary>
/// Talks to <c>p2pml-commands.mjs</c> (the real p2p-media-loader-core 2.3.1 peer protocol code in Node): one Node
/// process per batch, JSON lines in and out. Also renders decoded commands of both sides in one canonical text form
/// so that they compare as strings (and print readably in a failed assertion).
/// </summary>
internal static class P2pmlHarness
{
    private static string Script =>
        Path.Combine(HlsSwarmBuild.RepositoryRoot(), "tests", "HlsSwarm.Protocol.Tests", "Peer", "p2pml-commands.mjs");

    /// <summary>Runs one Node process over all <paramref name="requests"/>; returns one answer per request.</summary>
    public static async Task<JsonElement[]> RunAsync(IReadOnlyList<string> requests)
    {
        var output = await NodeScript.RunAsync(Script, string.Join('\n', requests) + "\n", TimeSpan.FromSeconds(120));
        var answers = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToArray();
        if (answers.Length != requests.Count)
        {
            throw new InvalidOperationException($"node answered {answers.Length} lines for {requests.Count} requests");
        }

        return answers;
    }

    /// <summary>An <c>encode</c> request for the JS's <c>PeerProtocol.sendCommand</c> at max message size <paramref name="m"/>.</summary>
    public static string Encode(IPeerCommand command, int m) => $"{{\"op\":\"encode\",\"m\":{m},\"cmd\":{JsCommand(command)}}}";

    /// <summary>An <c>encode</c> request with a hand-written JS command object (numbers as decimal strings become BigInt).</summary>
    public static string EncodeRaw(string jsCommand, int m) => $"{{\"op\":\"encode\",\"m\":{m},\"cmd\":{jsCommand}}}";

    /// <summary>A <c>receive</c> request: the messages arrive on one fresh JS data channel, in order.</summary>
    public static string Receive(IEnumerable<byte[]> messages) =>
        $"{{\"op\":\"receive\",\"messages\":[{string.Join(',', messages.Select(m => $"\"{Convert.ToHexStringLower(m)}\""))}]}}";

    /// <summary>A <c>body</c> request: <c>deserializeCommand</c> on one joined body.</summary>
    public static string Body(ReadOnlySpan<byte> body) => $"{{\"op\":\"body\",\"hex\":\"{Convert.ToHexStringLower(body)}\"}}";

    /// <summary>The command as the JS <c>PeerCommand</c> object that <c>serializePeerCommand</c> takes.</summary>
    public static string JsCommand(IPeerCommand command) => command switch
    {
        SegmentsAnnouncementCommand a => $"{{\"c\":0,\"l\":{Numbers(a.Loaded.Span)},\"p\":{Numbers(a.Pending.Span)}}}",
        SegmentRequestCommand q => $"{{\"c\":1,\"i\":{q.SegmentId},\"r\":{q.RequestId},\"b\":{q.ByteOffset}}}",
        SegmentDataCommand d => $"{{\"c\":2,\"i\":{d.SegmentId},\"s\":{d.Size},\"r\":{d.RequestId}}}",
        SegmentDataSendingCompletedCommand x => $"{{\"c\":3,\"i\":{x.SegmentId},\"r\":{x.RequestId}}}",
        SegmentAbsentCommand x => $"{{\"c\":4,\"i\":{x.SegmentId},\"r\":{x.RequestId}}}",
        CancelSegmentRequestCommand x => $"{{\"c\":5,\"i\":{x.SegmentId},\"r\":{x.RequestId}}}",
        _ => throw new ArgumentException(command.GetType().Name, nameof(command)),
    };

    private static string Numbers(ReadOnlySpan<long> values)
    {
        var text = new StringBuilder("[");
        foreach (var v in values)
        {
            text.Append(text.Length > 1 ? "," : string.Empty).Append(v.ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }

    /// <summary>
    /// Canonical text of one of our decoded commands, as the JS object it stands for: lists in decoded order,
    /// <c>b</c> only when &gt; 0 (our encoder writes nothing else).
    /// </summary>
    public static string Canonical(IPeerCommand command) => command switch
    {
        SegmentsAnnouncementCommand a => $"c=0 l={Numbers(a.Loaded.Span)} p={Numbers(a.Pending.Span)}",
        SegmentRequestCommand q => $"c=1 i={q.SegmentId} r={q.RequestId} b={q.ByteOffset}",
        SegmentDataCommand d => $"c=2 i={d.SegmentId} s={d.Size} r={d.RequestId}",
        SegmentDataSendingCompletedCommand x => $"c=3 i={x.SegmentId} r={x.RequestId}",
        SegmentAbsentCommand x => $"c=4 i={x.SegmentId} r={x.RequestId}",
        CancelSegmentRequestCommand x => $"c=5 i={x.SegmentId} r={x.RequestId}",
        _ => throw new ArgumentException(command.GetType().Name, nameof(command)),
    };

    /// <summary>
    /// Canonical text of a command object the JS decoded, in the form of <see cref="Canonical(IPeerCommand)"/>:
    /// only the fields the command's handler in <c>peer.js</c> reads; absent <c>l</c>/<c>p</c> are empty lists,
    /// absent <c>b</c> is 0. With <paramref name="nonPositiveOffsetIsZero"/>, a <c>b</c> ≤ 0 also reads as 0
    /// (our documented decoding of a nonsensical offset). A code the JS peer ignores (not 0..5) gives null.
    /// </summary>
    public static string? Canonical(JsonElement js, bool nonPositiveOffsetIsZero = false)
    {
        if (!js.TryGetProperty("c", out var c) || c.ValueKind != JsonValueKind.Number || !c.TryGetInt32(out var code) || code is < 0 or > 5)
        {
            return null;
        }

        string Int(string name) => js.TryGetProperty(name, out var v) ? v.GetRawText() : "undefined";
        string List(string name) => js.TryGetProperty(name, out var v) ? v.GetRawText() : "[]";
        string Offset()
        {
            if (!js.TryGetProperty("b", out var b))
            {
                return "0";
            }

            return nonPositiveOffsetIsZero && b.ValueKind == JsonValueKind.Number && b.GetDouble() <= 0 ? "0" : b.GetRawText();
        }

        return code switch
        {
            0 => $"c=0 l={List("l")} p={List("p")}",
            1 => $"c=1 i={Int("i")} r={Int("r")} b={Offset()}",
            2 => $"c=2 i={Int("i")} s={Int("s")} r={Int("r")}",
            _ => $"c={code} i={Int("i")} r={Int("r")}",
        };
    }

    /// <summary>The hex strings of a JSON array.</summary>
    public static string[] HexArray(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
