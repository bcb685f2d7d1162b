using System.CommandLine;
using HlsSwarm.Engine.Streams;
using HlsSwarm.Protocol.Swarm;

namespace HlsSwarm.Cli.Inspect;

/// <summary>
/// <c>hlsswarm inspect &lt;m3u8 url or file&gt; [--swarm-id ID] [--legacy] [--json]</c>: the tool an operator reaches for
/// when viewers don't meet. Exit codes: 0 printed; 1 the playlist could not be loaded or hls.js would reject it
/// (the report is still printed when there is one); 2 bad command line.
/// </summary>
internal static class InspectCommand
{
    /// <summary>Builds the command, writing its report to <paramref name="output"/> and failures to <paramref name="error"/>.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var location = new Argument<string>("playlist")
        {
            Description = "The m3u8 URL (http:// or https://, redirects followed) or a file path: master or media playlist",
        };
        var swarmId = new Option<string?>("--swarm-id")
        {
            Description = "The swarmId configured in the players (p2p-media-loader `swarmId`); default: the manifest URL without its query",
            HelpName = "id",
        };
        var legacy = new Option<bool>("--legacy")
        {
            Description = "Use the p2p-media-loader 2.0-2.2 rule (stream position + MD5) instead of 2.3's",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of text" };
        var command = new Command("inspect",
            "Print every stream of a playlist with its swarm ids and info_hashes as p2p-media-loader 2.3 computes them, " +
            "and the segment ids of a media playlist.")
        {
            location, swarmId, legacy, json,
        };
        command.SetAction(async (result, ct) =>
        {
            var id = result.GetValue(swarmId);
            if (id is { Length: 0 })
            {
                await error.WriteLineAsync("hlsswarm inspect: --swarm-id must not be empty").ConfigureAwait(false);
                return HlsSwarmCli.UsageError;
            }
            var (source, problem) = await PlaylistSource.LoadAsync(result.GetValue(location)!, ct).ConfigureAwait(false);
            if (source is null)
            {
                await error.WriteLineAsync($"hlsswarm inspect: {problem}").ConfigureAwait(false);
                return HlsSwarmCli.RuntimeError;
            }
            var options = new SwarmStreamOptions(id, result.GetValue(legacy) ? SwarmIdRule.Legacy22 : SwarmIdRule.P2pml23);
            var report = InspectReport.Create(source, options);
            if (result.GetValue(json))
            {
                await output.WriteLineAsync(report.ToJson()).ConfigureAwait(false);
            }
            else
            {
                report.WriteText(output);
            }
            return report.Accepted ? 0 : HlsSwarmCli.RuntimeError;
        });
        return command;
    }
}
