using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

using HlsSwarm.Engine.Streams;
using HlsSwarm.Protocol.Swarm;

using Xunit;

namespace HlsSwarm.Engine.Tests.Streams;

/// <summary>
/// Our <see cref="SwarmStreamCatalog"/> and <see cref="PlaylistSegments"/> against the real hls.js + p2p-media-loader-hlsjs
/// on every corpus case: same streams in the same order, same runtime ids, streamIndexes, streamSwarmIds and info_hashes,
/// and for media playlists the same segment ids, URLs, byte ranges and durations. No known differences are tolerated.
/// </summary>
[Collection(OracleCollection.Name)]
public sealed class StreamCatalogDifferentialTests(HlsJsP2pmlOracle oracle)
{
    [Fact]
    public void The_oracle_answered_every_case_without_a_harness_error()
    {
        Assert.Equal(oracle.Cases.Count, oracle.Results.Count);
        var harnessErrors = oracle.Results.SelectMany(r => r["errors"]!.AsArray()).Select(e => e!.GetValue<string>())
            .Where(e => e.StartsWith("harness:", StringComparison.Ordinal)).ToList();
        Assert.True(harnessErrors.Count == 0, string.Join("\n", harnessErrors));
    }

    [Theory]
    [InlineData("hls.js", "1.6.19")]
    [InlineData("p2p-media-loader-hlsjs", "2.3.1")]
    [InlineData("p2p-media-loader-core", "2.3.1")]
    public void The_oracle_runs_the_versions_the_findings_were_read_from(string package, string version)
    {
        // src/HlsSwarm.Engine/README.md describes these versions; an upgrade must re-read the JS, not only re-run this.
        var json = File.ReadAllText(Path.Combine(HlsSwarm.Testing.NodeScript.NodeModules(), package, "package.json"));
        Assert.Equal(version, System.Text.Json.Nodes.JsonNode.Parse(json)!["version"]!.GetValue<string>());
    }

    [Fact]
    public void The_corpus_exercises_what_it_claims()
    {
        // Several hundred cases, with duplicates dropped, implicit main tracks, media playlists with and without segments.
        Assert.True(oracle.Cases.Count >= 500, $"{oracle.Cases.Count} cases");
        var streams = oracle.Results.SelectMany(r => r["streams"]!.AsArray()).Select(s => s!.AsObject()).ToList();
        Assert.Contains(streams, s => s["runtimeId"]!.GetValue<string>() == "" && s["type"]!.GetValue<string>() == "secondary");
        Assert.True(streams.Count(s => s["segments"] is JsonArray) >= 150, "media playlists with segments");
        Assert.Contains(streams, s => s["segments"] is JsonArray a && a.Any(g => g!["byteRange"] is JsonObject));
        Assert.True(oracle.Results.Count(r => r["streams"]!.AsArray().Count == 0) >= 2, "rejected manifests");
    }

    [Fact]
    public void Streams_and_segments_match_hls_js_and_p2p_media_loader_on_every_case()
    {
        var failures = new List<string>();
        for (int i = 0; i < oracle.Cases.Count; i++)
        {
            var c = oracle.Cases[i];
            var problem = Compare(c, oracle.Results[i]);
            if (problem is not null)
            {
                failures.Add($"--- {c.Name}: {problem}\nmanifest URL: {c.ManifestUrl}\n{c.Text}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {oracle.Cases.Count} cases differ:\n" + string.Join("\n", failures.Take(8)));
    }

    private static string? Compare(PlaylistCase c, JsonObject js)
    {
        var ours = SwarmStreamCatalog.FromManifest(c.Text, c.ManifestUrl);
        var jsStreams = js["streams"]!.AsArray().Select(s => s!.AsObject()).ToList();
        if (jsStreams.Count > 0 && js["swarmId"]!.GetValue<string>() != ours.SwarmId)
        {
            return $"swarmId: JS {js["swarmId"]}, ours {ours.SwarmId}";
        }

        var theirs = string.Join("\n", jsStreams.Select(s => $"{s["type"]} [{s["runtimeId"]}] {s["streamIndex"]} {s["streamSwarmId"]} {s["infoHash"]}"));
        var mine = string.Join("\n", ours.Streams.Select(s => $"{(s.Type == StreamType.Main ? "main" : "secondary")} [{s.PlaylistUrl}] {s.Identity.StreamIndex} {s.Identity.StreamSwarmId} {s.Identity.InfoHash}"));
        if (theirs != mine)
        {
            return $"streams differ\nJS (errors {js["errors"]?.ToJsonString()}):\n{theirs}\nours (error {ours.Error ?? "none"}):\n{mine}\ncanonical: {string.Join(" | ", ours.Streams.Select(s => s.Identity.Canonical))}";
        }

        if (!ours.IsMediaPlaylist || ours.Streams.Count == 0)
        {
            return jsStreams.Any(s => s["segments"] is JsonArray) ? "JS recorded segments for a master playlist" : null;
        }

        var segments = PlaylistSegments.Read(c.Text, c.ManifestUrl);
        var jsSegments = jsStreams[0]["segments"] as JsonArray;
        var expected = jsSegments is null ? "(none)" : string.Join("\n", jsSegments.Select(g => Describe(g!.AsObject())));
        var actual = segments.Error is not null ? "(none)" : string.Join("\n", segments.Segments.Select(Describe));
        return expected == actual ? null : $"segments differ\nJS:\n{expected}\nours (error {segments.Error ?? "none"}):\n{actual}";
    }

    private static string Describe(JsonObject g)
    {
        var range = g["byteRange"] is JsonObject r ? $"{r["start"]}-{r["end"]}" : "-";
        return $"{g["externalId"]!.GetValue<double>().ToString("R", CultureInfo.InvariantCulture)} {g["runtimeId"]} {g["url"]} {range} {g["duration"]!.GetValue<double>().ToString("R", CultureInfo.InvariantCulture)}";
    }

    private static string Describe(SwarmSegment s) =>
        $"{((double)s.ExternalId).ToString("R", CultureInfo.InvariantCulture)} {s.RuntimeId} {s.Url} {(s.ByteRange is { } r ? r.ToString() : "-")} {s.Duration.ToString("R", CultureInfo.InvariantCulture)}";
}
