using System.CommandLine;
using HlsSwarm.Cli.Inspect;
using HlsSwarm.Server;
using HlsSwarm.Server.Analytics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HlsSwarm.Cli;

/// <summary>
/// The <c>hlsswarm</c> command line: <c>serve</c> (tracker + demo origin + player), <c>tracker</c> (tracker
/// only) and <c>inspect</c> (a playlist's streams, swarm ids and segment ids). Exit codes: 0 clean shutdown or help, 1 the server failed at run time, 2 bad command line or options.
/// </summary>
public static class HlsSwarmCli
{
    /// <summary>Exit code for a bad command line or invalid option values.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for a failure while starting or running.</summary>
    public const int RuntimeError = 1;

    /// <summary>Default listen URL of <c>serve</c>.</summary>
    public const string ServeDefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Default listen URL of <c>tracker</c>.</summary>
    public const string TrackerDefaultUrl = "http://127.0.0.1:8000";

    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="output">Where help and the start-up banner go.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="host">
    /// Runs a server with the parsed options and returns the exit code; null runs it for real until Ctrl+C.
    /// Tests pass a delegate that records the options.
    /// </param>
    /// <param name="cancellationToken">Stops the server.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error,
        Func<string, ServerOptions, CancellationToken, Task<int>>? host = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        host ??= (command, options, ct) => HostAsync(command, options, output, error, ct);

        var serveFlags = new HostFlags(ServeDefaultUrl, demo: true);
        var trackerFlags = new HostFlags(TrackerDefaultUrl, demo: false);
        var serve = new Command("serve", "Run the all-in-one server: tracker, demo origin (VOD + live) and web player.");
        serveFlags.AddTo(serve);
        var tracker = new Command("tracker", "Run only the WebSocket tracker (with /healthz, /stats, /metrics).");
        trackerFlags.AddTo(tracker);
        var root = new RootCommand("HlsSwarm: peer-to-peer HLS delivery, wire-compatible with p2p-media-loader 2.3.")
        {
            serve,
            tracker,
            InspectCommand.Create(output, error),
        };

        serve.SetAction((result, ct) => BindAndRun("serve", serveFlags, result, ct));
        tracker.SetAction((result, ct) => BindAndRun("tracker", trackerFlags, result, ct));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = parsed.CommandResult.Command;
            var name = command == root ? "hlsswarm" : "hlsswarm " + command.Name;
            var messages = string.Join(" ", parsed.Errors.Select(e => e.Message.ReplaceLineEndings(" ")));
            await error.WriteLineAsync($"hlsswarm: {messages} (see '{name} --help')").ConfigureAwait(false);
            return UsageError;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken)
            .ConfigureAwait(false);

        async Task<int> BindAndRun(string command, HostFlags flags, ParseResult result, CancellationToken ct)
        {
            var (options, problems) = flags.Bind(result);
            if (options is null)
            {
                await error.WriteLineAsync($"hlsswarm {command}: {string.Join("; ", problems)}").ConfigureAwait(false);
                return UsageError;
            }
            return await host(command, options, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Builds and runs the server until <paramref name="cancellationToken"/> fires or the host stops.</summary>
    private static async Task<int> HostAsync(string command, ServerOptions options, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = HlsSwarmServer.Build(options, []);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            await error.WriteLineAsync($"hlsswarm {command}: {e.Message}").ConfigureAwait(false);
            return UsageError;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                await error.WriteLineAsync($"hlsswarm {command}: cannot start: {e.Message}").ConfigureAwait(false);
                return RuntimeError;
            }
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                ?? (ICollection<string>)[.. options.Urls];
            await output.WriteLineAsync($"hlsswarm {command} is running. Press Ctrl+C to stop.").ConfigureAwait(false);
            foreach (var address in addresses)
            {
                foreach (var (what, url) in ServerAddresses.Describe(address, options.ServePlayer, options.Demo is not null))
                    await output.WriteLineAsync($"  {what,-13} {url}").ConfigureAwait(false);
            }
            if (app.Services.GetService<AnalyticsService>() is { } analytics && addresses.Count > 0)
                await output.WriteLineAsync(DashboardLine(addresses.First(), analytics, options)).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return 0;
    }

    /// <summary>
    /// The banner line of the dashboard. A generated token is printed once, here, in the URL fragment (never sent to
    /// the server in a request line or a Referer); a token the operator gave is not repeated.
    /// </summary>
    private static string DashboardLine(string address, AnalyticsService analytics, ServerOptions options)
    {
        var stats = ServerAddresses.Describe(address, player: false, demo: false).First(d => d.What == "stats").Url;
        var dashboard = stats[..^"/stats".Length] + "/dashboard";
        return options.Analytics?.AdminToken is null
            ? $"Dashboard: {dashboard}#token={analytics.Token.Value}"
            : $"Dashboard: {dashboard} (token from --admin-token or ${AnalyticsFlags.AdminTokenVariable})";
    }
}
