using System.CommandLine;
using HlsSwarm.WebRtc.Udp;

namespace HlsSwarm.Cli.Bench;

/// <summary>
/// <c>hlsswarm bench datachannel [--json] [--seconds N] [--bytes N] [--skip-chromium]</c>: our WebRTC data channels
/// against our own stack, raw DTLS, the virtual network and Chromium, in one run (issue 4). Exit codes: 0 measured
/// (Chromium figures may be null when it cannot run here); 1 a measurement failed; 2 bad command line.
/// </summary>
internal static class BenchCommand
{
    /// <summary>Builds <c>bench</c> with its <c>datachannel</c> subcommand.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table" };
        var seconds = new Option<double>("--seconds")
        {
            Description = "Upper bound of each throughput run in seconds, and the measured virtual seconds of each virtual-network case",
            DefaultValueFactory = _ => DataChannelBenchSettings.DefaultSeconds,
            HelpName = "N",
        };
        var bytes = new Option<long>("--bytes")
        {
            Description = "Bytes per loopback and raw-DTLS throughput run (Chromium runs: at most 100 MB of it)",
            DefaultValueFactory = _ => DataChannelBenchSettings.DefaultBytes,
            HelpName = "N",
        };
        var skipChromium = new Option<bool>("--skip-chromium") { Description = "Leave out the Chromium measurements (reported as null)" };
        var datachannel = new Command("datachannel",
            "Measure WebRTC data channels: ours to ours on loopback (256 and 64 KiB messages, CPU), raw DTLS as the ceiling, " +
            "set-up time, the virtual network at 50/100/200 ms RTT with 0 and 1 % loss, memory per idle connection, and " +
            "ours to/from Chromium and Chromium to Chromium (needs root and Debian's chromium). Progress goes to stderr.")
        {
            json, seconds, bytes, skipChromium,
        };
        datachannel.SetAction(async (result, ct) =>
        {
            var settings = new DataChannelBenchSettings(result.GetValue(seconds), result.GetValue(bytes), result.GetValue(skipChromium));
            if (!(settings.Seconds > 0) || settings.Seconds > 3600)
            {
                await error.WriteLineAsync($"hlsswarm bench datachannel: --seconds must be in (0, 3600], not {settings.Seconds}").ConfigureAwait(false);
                return HlsSwarmCli.UsageError;
            }
            if (settings.Bytes < DataChannelBenchSettings.LargeMessage)
            {
                await error.WriteLineAsync($"hlsswarm bench datachannel: --bytes must be at least {DataChannelBenchSettings.LargeMessage} (one message), not {settings.Bytes}").ConfigureAwait(false);
                return HlsSwarmCli.UsageError;
            }
            DataChannelReport report;
            try
            {
                report = await DataChannelBench.RunAsync(settings, error, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or InvalidDataException or PeerConnectionException
                                          or System.Net.Sockets.SocketException or TimeoutException
                                          or System.Threading.Channels.ChannelClosedException)
            {
                await error.WriteLineAsync($"hlsswarm bench datachannel: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
                return HlsSwarmCli.RuntimeError;
            }
            if (result.GetValue(json))
            {
                await output.WriteLineAsync(report.ToJson()).ConfigureAwait(false);
            }
            else
            {
                report.WriteText(output);
            }
            return report.Chromium.Failed ? HlsSwarmCli.RuntimeError : 0;
        });
        return new Command("bench", "Benchmarks that need no separate harness.") { datachannel };
    }
}
