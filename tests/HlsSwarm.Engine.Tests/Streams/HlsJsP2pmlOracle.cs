using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using HlsSwarm.Testing;

namespace HlsSwarm.Engine.Tests.Streams;

/// <summary>
/// Runs the whole corpus once through js/p2pml-streams.mjs (real hls.js 1.6.19 + p2p-media-loader-hlsjs 2.3.1 in one
/// Node process) and keeps what the JS registered for each case.
/// </summary>
public sealed class HlsJsP2pmlOracle
{
    /// <summary>The corpus, in the order of <see cref="Results"/>.</summary>
    public IReadOnlyList<PlaylistCase> Cases { get; }

    /// <summary>One JSON object per case: {swarmId, streams, errors}.</summary>
    public IReadOnlyList<JsonObject> Results { get; }

    /// <summary>Runs the corpus through Node.</summary>
    public HlsJsP2pmlOracle()
    {
        Cases = Environment.GetEnvironmentVariable("HLSSWARM_P2PML_SEED") is { Length: > 0 } seed
            ? PlaylistCorpus.All(2000, 2000, 6000, int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture))
            : PlaylistCorpus.All();
        var input = new StringBuilder();
        foreach (var c in Cases)
        {
            input.Append(JsonSerializer.Serialize(new { manifestUrl = c.ManifestUrl, text = c.Text })).Append('\n');
        }

        // To rerun the oracle by hand: HLSSWARM_P2PML_CORPUS=/tmp/corpus.jsonl dotnet test …, then
        // HLSSWARM_NODE_MODULES=web/node_modules node tests/HlsSwarm.Engine.Tests/js/p2pml-streams.mjs < /tmp/corpus.jsonl
        if (Environment.GetEnvironmentVariable("HLSSWARM_P2PML_CORPUS") is { Length: > 0 } dump)
        {
            File.WriteAllText(dump, input.ToString());
        }

        var script = Path.Combine(HlsSwarmBuild.RepositoryRoot(), "tests", "HlsSwarm.Engine.Tests", "js", "p2pml-streams.mjs");
        var output = NodeScript.RunAsync(script, input.ToString(), TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        Results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
    }
}
