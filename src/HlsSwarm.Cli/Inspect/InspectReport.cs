using System.Globalization;
using System.Text;
using System.Text.Json;
using HlsSwarm.Engine.Streams;
using HlsSwarm.Hls;
using HlsSwarm.Protocol.Swarm;

namespace HlsSwarm.Cli.Inspect;

/// <summary>
/// What <c>hlsswarm inspect</c> prints for one playlist: the streams a browser running hls.js 1.6 + p2p-media-loader 2.3
/// registers (in its order, with canonical string, streamIndex, streamSwarmId and info_hash), the segments of a media
/// playlist as p2p-media-loader numbers them (spec §1.3), and what our RFC 8216 parser finds wrong with the text.
/// The streams and segments come from <see cref="SwarmStreamCatalog"/> and <see cref="PlaylistSegments"/>, which read
/// the text the way hls.js does (quirks included), because those are the ids real viewers announce.
/// </summary>
internal sealed record InspectReport(
    PlaylistSource Source,
    SwarmStreamOptions Options,
    SwarmStreamCatalog Catalog,
    PlaylistSegments? Segments,
    Playlist? Parsed,
    PlaylistError? ParseError)
{
    /// <summary>Reads <paramref name="source"/> with both readings.</summary>
    public static InspectReport Create(PlaylistSource source, SwarmStreamOptions options)
    {
        var url = source.Url.AbsoluteUri;
        var catalog = SwarmStreamCatalog.FromManifest(source.Text, url, options);
        var segments = catalog.IsMediaPlaylist ? PlaylistSegments.Read(source.Text, url) : null;
        PlaylistParser.TryParse(source.Text, source.Url, out var parsed, out var error);
        return new InspectReport(source, options, catalog, segments, parsed, error);
    }

    /// <summary>Whether hls.js would load the playlist at all (if not, viewers get no swarm and the exit code is 1).</summary>
    public bool Accepted => Catalog.Error is null && Segments?.Error is null;

    /// <summary>The rule's name as printed.</summary>
    public string RuleName => Options.Rule == SwarmIdRule.Legacy22
        ? "p2p-media-loader 2.0-2.2 (legacy: position + MD5)"
        : "p2p-media-loader 2.3 (canonical string + SHA-1)";

    /// <summary>RFC 8216 problems: the parse error, or the tolerated violations (warnings).</summary>
    public IEnumerable<(string Severity, PlaylistError Problem)> Problems =>
        ParseError is not null
            ? [("error", ParseError)]
            : (Parsed?.Warnings ?? []).Select(w => ("warning", w));

    /// <summary>Writes the human-readable report.</summary>
    public void WriteText(TextWriter output)
    {
        var kind = Catalog.IsMediaPlaylist ? "media playlist" : "master playlist";
        output.WriteLine($"{Source.Url.AbsoluteUri}  ({kind}{(Source.FromFile ? ", read from a file" : "")})");
        output.WriteLine($"swarm id:  {Catalog.SwarmId}{(Options.SwarmId is null ? "" : "  (from --swarm-id)")}");
        output.WriteLine($"rule:      {RuleName}");
        if (Source.FromFile && Options.SwarmId is null)
        {
            output.WriteLine("note:      viewers derive the swarm id from the URL they load, not from this file: pass");
            output.WriteLine("           --swarm-id <that URL without its query> (or inspect the URL) to see their ids");
        }
        if (Catalog.Error is not null)
        {
            output.WriteLine($"hls.js rejects this manifest ({Catalog.Error}): viewers join no swarm");
        }

        output.WriteLine();
        var mains = Catalog.Streams.Count(s => s.Type == StreamType.Main);
        output.WriteLine($"streams: {Catalog.Streams.Count} ({mains} main, {Catalog.Streams.Count - mains} secondary)");
        var i = 0;
        foreach (var s in Catalog.Streams)
        {
            output.WriteLine($"[{i++}] {TypeName(s.Type)}  {(s.HasPlaylist ? s.PlaylistUrl : "(no playlist URL: audio inside the main stream)")}");
            if (s.Identity.Canonical is not null)
            {
                output.WriteLine($"    canonical      {s.Identity.Canonical}");
            }
            output.WriteLine($"    streamIndex    {s.Identity.StreamIndex}");
            output.WriteLine($"    streamSwarmId  {s.Identity.StreamSwarmId}");
            output.WriteLine($"    info_hash      {s.Identity.InfoHash}  (as sent)");
            output.WriteLine($"                   {s.InfoHashHex}  (hex)");
        }

        if (Segments is not null)
        {
            output.WriteLine();
            if (Segments.Error is not null)
            {
                output.WriteLine($"segments: none (hls.js rejects the playlist: {Segments.Error})");
            }
            else
            {
                var total = Segments.Segments.Sum(s => s.Duration);
                output.WriteLine($"segments: {Segments.Segments.Count}, {total.ToString("0.###", CultureInfo.InvariantCulture)} s, " +
                    (Segments.IsLive ? "live: id = media sequence number" : "VOD: id = position in the playlist"));
                output.WriteLine($"    {"id",12}  {"duration",9}  {"byte range",-24}  url");
                foreach (var s in Segments.Segments)
                {
                    var range = s.ByteRange is { } r ? $"{r.Start}-{r.End} ({r.Length} B)" : "whole";
                    output.WriteLine($"    {s.ExternalId,12}  {s.Duration.ToString("0.000", CultureInfo.InvariantCulture),9}  {range,-24}  {s.Url}");
                }
            }
        }

        var problems = Problems.ToList();
        output.WriteLine();
        if (problems.Count == 0)
        {
            output.WriteLine("RFC 8216: no problems found");
        }
        else
        {
            output.WriteLine($"RFC 8216: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}");
            foreach (var (severity, p) in problems)
            {
                output.WriteLine($"    {severity}: {p}");
            }
        }
    }

    /// <summary>The same report as one JSON document (UTF-8, indented).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("url", Source.Url.AbsoluteUri);
            json.WriteBoolean("fromFile", Source.FromFile);
            json.WriteString("kind", Catalog.IsMediaPlaylist ? "media" : "master");
            json.WriteString("swarmId", Catalog.SwarmId);
            json.WriteString("rule", Options.Rule == SwarmIdRule.Legacy22 ? "legacy-2.2" : "p2pml-2.3");
            json.WriteBoolean("accepted", Accepted);
            WriteNullable(json, "rejection", Catalog.Error ?? Segments?.Error);
            json.WriteStartArray("streams");
            foreach (var s in Catalog.Streams)
            {
                json.WriteStartObject();
                json.WriteString("type", TypeName(s.Type));
                WriteNullable(json, "playlistUrl", s.HasPlaylist ? s.PlaylistUrl : null);
                WriteNullable(json, "canonical", s.Identity.Canonical);
                json.WriteString("streamIndex", s.Identity.StreamIndex);
                json.WriteString("streamSwarmId", s.Identity.StreamSwarmId);
                json.WriteString("infoHash", s.Identity.InfoHash);
                json.WriteString("infoHashHex", s.InfoHashHex);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (Segments is not null && Segments.Error is null)
            {
                json.WriteBoolean("live", Segments.IsLive);
                json.WriteStartArray("segments");
                foreach (var s in Segments.Segments)
                {
                    json.WriteStartObject();
                    json.WriteNumber("id", s.ExternalId);
                    json.WriteString("url", s.Url);
                    json.WriteNumber("duration", s.Duration);
                    if (s.ByteRange is { } r)
                    {
                        json.WriteStartObject("byteRange");
                        json.WriteNumber("start", r.Start);
                        json.WriteNumber("end", r.End);
                        json.WriteNumber("length", r.Length);
                        json.WriteEndObject();
                    }
                    else
                    {
                        json.WriteNull("byteRange");
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteStartArray("problems");
            foreach (var (severity, p) in Problems)
            {
                json.WriteStartObject();
                json.WriteString("severity", severity);
                json.WriteNumber("line", p.LineNumber);
                json.WriteString("rule", p.Rule);
                json.WriteString("message", p.Message);
                json.WriteString("text", p.Line);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string TypeName(StreamType type) => type == StreamType.Main ? "main" : "secondary";

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
