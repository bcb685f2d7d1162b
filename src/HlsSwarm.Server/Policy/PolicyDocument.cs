using System.Buffers;
using System.Text.Json;

namespace HlsSwarm.Server.Policy;

/// <summary>
/// The stored P2P policy: global settings plus per-stream overrides, versioned. Read and written by
/// <c>GET/PUT /api/admin/policy</c>, persisted by the analytics store so it survives a restart.
/// </summary>
/// <remarks>
/// <code>
/// { "version": 3,
///   "global": { "p2p": true, "minViewers": 1, "p2pShare": 1.0, "uploadCapBytesPerSec": null, "uploadOnMetered": false },
///   "streams": { "http://127.0.0.1:8080/demo/vod/master.m3u8": { "p2p": false } } }
/// </code>
/// Unknown keys and duplicate keys are refused (a misspelt field must not silently do nothing).
/// </remarks>
public sealed record PolicyDocument
{
    /// <summary>Most per-stream entries.</summary>
    public const int MaxStreams = 1000;

    /// <summary>Longest stream key.</summary>
    public const int MaxStreamLength = 2048;

    /// <summary>Largest <c>minViewers</c>.</summary>
    public const int MaxMinViewers = 1_000_000;

    /// <summary>Increases by one on every stored change.</summary>
    public long Version { get; init; }

    /// <summary>The settings of every stream without an override.</summary>
    public PolicySettings Global { get; init; } = new();

    /// <summary>Overrides by stream key (URL without query string; see <see cref="PolicyDecider.StreamKey"/>).</summary>
    public IReadOnlyDictionary<string, PolicyOverride> Streams { get; init; } = new Dictionary<string, PolicyOverride>();

    /// <summary>The settings that apply to <paramref name="stream"/>.</summary>
    public PolicySettings For(string? stream) =>
        stream is not null && Streams.TryGetValue(PolicyDecider.StreamKey(stream), out var o) ? o.ApplyTo(Global) : Global;

    /// <summary>
    /// Reads a document from JSON. <c>version</c> is optional (the store assigns it); missing global fields take their
    /// defaults; every value is range-checked.
    /// </summary>
    /// <returns>True and the document, or false and <c>field: reason</c> in <paramref name="error"/>.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out PolicyDocument? document, out string error)
    {
        document = null;
        try
        {
            using var json = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 8, AllowDuplicateProperties = false });
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "policy: must be an object";
                return false;
            }

            long version = 0;
            PolicySettings? global = null;
            var streams = new Dictionary<string, PolicyOverride>(StringComparer.Ordinal);
            foreach (var p in root.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "version":
                        if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt64(out version) || version < 0)
                        {
                            error = "version: must be a non-negative integer";
                            return false;
                        }

                        break;
                    case "global":
                        if (!TryReadOverride(p.Value, "global", out var g, out error))
                            return false;
                        if (g!.RemoveUploadCap && g.UploadCapBytesPerSec is null)
                            g = g with { RemoveUploadCap = false };
                        global = g.ApplyTo(new PolicySettings());
                        break;
                    case "streams":
                        if (p.Value.ValueKind != JsonValueKind.Object)
                        {
                            error = "streams: must be an object";
                            return false;
                        }

                        foreach (var s in p.Value.EnumerateObject())
                        {
                            if (s.Name.Length == 0 || s.Name.Length > MaxStreamLength)
                            {
                                error = "streams: a stream key must be 1..2048 characters";
                                return false;
                            }

                            if (streams.Count == MaxStreams)
                            {
                                error = $"streams: at most {MaxStreams} entries";
                                return false;
                            }

                            if (!TryReadOverride(s.Value, "streams[" + s.Name + "]", out var o, out error))
                                return false;
                            if (!streams.TryAdd(PolicyDecider.StreamKey(s.Name), o!))
                            {
                                error = $"streams[{s.Name}]: two keys name the same stream";
                                return false;
                            }
                        }

                        break;
                    default:
                        error = $"{p.Name}: unknown field";
                        return false;
                }
            }

            if (global is null)
            {
                error = "global: required";
                return false;
            }

            document = new PolicyDocument { Version = version, Global = global, Streams = streams };
            error = "";
            return true;
        }
        catch (JsonException)
        {
            error = "policy: not well-formed JSON (or a duplicate key)";
            return false;
        }
    }

    /// <summary>Writes the document as JSON (the same shape <see cref="TryParse"/> reads).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("version"u8, Version);
        writer.WriteStartObject("global"u8);
        writer.WriteBoolean("p2p"u8, Global.P2p);
        writer.WriteNumber("minViewers"u8, Global.MinViewers);
        writer.WriteNumber("p2pShare"u8, Global.P2pShare);
        if (Global.UploadCapBytesPerSec is { } cap)
            writer.WriteNumber("uploadCapBytesPerSec"u8, cap);
        else
            writer.WriteNull("uploadCapBytesPerSec"u8);
        writer.WriteBoolean("uploadOnMetered"u8, Global.UploadOnMetered);
        writer.WriteEndObject();
        writer.WriteStartObject("streams"u8);
        foreach (var (key, o) in Streams.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject(key);
            if (o.P2p is { } p2p)
                writer.WriteBoolean("p2p"u8, p2p);
            if (o.MinViewers is { } min)
                writer.WriteNumber("minViewers"u8, min);
            if (o.P2pShare is { } share)
                writer.WriteNumber("p2pShare"u8, share);
            if (o.UploadCapBytesPerSec is { } streamCap)
                writer.WriteNumber("uploadCapBytesPerSec"u8, streamCap);
            else if (o.RemoveUploadCap)
                writer.WriteNull("uploadCapBytesPerSec"u8);
            if (o.UploadOnMetered is { } metered)
                writer.WriteBoolean("uploadOnMetered"u8, metered);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The document as UTF-8 JSON.</summary>
    public byte[] ToUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
            WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }

    private static bool TryReadOverride(JsonElement e, string at, out PolicyOverride? value, out string error)
    {
        value = null;
        if (e.ValueKind != JsonValueKind.Object)
        {
            error = at + ": must be an object";
            return false;
        }

        var o = new PolicyOverride();
        foreach (var p in e.EnumerateObject())
        {
            var field = at + "." + p.Name;
            var v = p.Value;
            switch (p.Name)
            {
                case "p2p":
                case "uploadOnMetered":
                    if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        error = field + ": must be true or false";
                        return false;
                    }

                    o = p.Name == "p2p" ? o with { P2p = v.GetBoolean() } : o with { UploadOnMetered = v.GetBoolean() };
                    break;
                case "minViewers":
                    if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var min) || min is < 0 or > MaxMinViewers)
                    {
                        error = field + $": must be an integer 0..{MaxMinViewers}";
                        return false;
                    }

                    o = o with { MinViewers = min };
                    break;
                case "p2pShare":
                    if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var share) || !(share is >= 0 and <= 1))
                    {
                        error = field + ": must be a number 0..1";
                        return false;
                    }

                    o = o with { P2pShare = share };
                    break;
                case "uploadCapBytesPerSec":
                    if (v.ValueKind == JsonValueKind.Null)
                    {
                        o = o with { UploadCapBytesPerSec = null, RemoveUploadCap = true };
                        break;
                    }

                    if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var cap) || cap is < 0 or > 1L << 53)
                    {
                        error = field + ": must be null or a non-negative integer";
                        return false;
                    }

                    o = o with { UploadCapBytesPerSec = cap, RemoveUploadCap = false };
                    break;
                default:
                    error = field + ": unknown field";
                    return false;
            }
        }

        value = o;
        error = "";
        return true;
    }
}
