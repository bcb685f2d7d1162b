using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HlsSwarm.Protocol.Beacons;

/// <summary>Writes a <see cref="Beacon"/> as the version-1 JSON body that <see cref="BeaconReader"/> reads.</summary>
/// <remarks>
/// Non-ASCII text is written as UTF-8, not as <c>\uXXXX</c> escapes (only quotes, backslashes, controls and characters
/// outside the BMP are escaped), like <c>JSON.stringify</c>: the body then has about the size the web player's has,
/// and stays within <see cref="BeaconLimits.MaxBytes"/> for the same content. The body is sent as
/// <c>application/json</c>, never embedded in HTML, so HTML-sensitive characters need no escaping here.
/// </remarks>
public static class BeaconWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="beacon"/> to <paramref name="output"/> (every field, in the contract's order).</summary>
    public static void Write(Beacon beacon, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(beacon);
        ArgumentNullException.ThrowIfNull(output);
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        w.WriteNumber("v"u8, Beacon.CurrentVersion);
        w.WriteString("sessionId"u8, beacon.SessionId);
        w.WriteNumber("seq"u8, beacon.Seq);
        w.WriteStartObject("client"u8);
        w.WriteString("kind"u8, beacon.ClientKind == BeaconClientKind.Engine ? "engine"u8 : "web"u8);
        w.WriteString("version"u8, beacon.ClientVersion);
        w.WriteEndObject();
        w.WriteString("stream"u8, beacon.Stream);
        w.WriteString("rendition"u8, beacon.Rendition);
        if (beacon.PeerId is null)
            w.WriteNull("peerId"u8);
        else
            w.WriteString("peerId"u8, beacon.PeerId);
        w.WriteStartObject("p2p"u8);
        w.WriteBoolean("enabled"u8, beacon.P2pEnabled);
        w.WriteString("group"u8, beacon.Group == BeaconGroup.Control ? "control"u8 : "p2p"u8);
        w.WriteEndObject();
        w.WriteStartObject("bytes"u8);
        w.WriteNumber("http"u8, beacon.HttpBytes);
        w.WriteNumber("p2p"u8, beacon.P2pBytes);
        w.WriteNumber("uploaded"u8, beacon.UploadedBytes);
        w.WriteEndObject();
        w.WriteStartObject("peers"u8);
        w.WriteNumber("connected"u8, beacon.PeersConnected);
        w.WriteNumber("attempts"u8, beacon.PeerAttempts);
        w.WriteStartObject("failures"u8);
        foreach (var f in beacon.Failures)
            w.WriteNumber(f.Reason, f.Count);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("transfers"u8);
        foreach (var t in beacon.Transfers)
        {
            w.WriteStartObject();
            w.WriteString("peerId"u8, t.PeerId);
            w.WriteNumber("down"u8, t.Down);
            w.WriteNumber("up"u8, t.Up);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteNullable(w, "startupMs"u8, beacon.StartupMs);
        w.WriteStartObject("stalls"u8);
        w.WriteNumber("count"u8, beacon.StallCount);
        w.WriteNumber("ms"u8, beacon.StallMs);
        w.WriteEndObject();
        w.WriteNumber("playingMs"u8, beacon.PlayingMs);
        WriteNullable(w, "liveLatencyMs"u8, beacon.LiveLatencyMs);
        w.WriteStartArray("errors"u8);
        foreach (var e in beacon.Errors)
        {
            w.WriteStartObject();
            w.WriteString("kind"u8, e.Kind);
            w.WriteString("message"u8, e.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("metered"u8, beacon.Metered);
        w.WriteEndObject();
    }

    /// <summary>Returns <paramref name="beacon"/> as a new UTF-8 byte array.</summary>
    public static byte[] ToUtf8(Beacon beacon)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(beacon, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } v)
            w.WriteNumber(name, v);
        else
            w.WriteNull(name);
    }
}
