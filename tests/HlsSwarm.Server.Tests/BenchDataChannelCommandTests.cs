using System.Diagnostics;
using System.Text.Json;
using HlsSwarm.Cli;
using Xunit;
using Xunit.Abstractions;

namespace HlsSwarm.Server.Tests;

/// <summary>
/// <c>hlsswarm bench datachannel</c> end to end with small sizes: every figure of our own stack is measured and
/// positive, Chromium is skipped and its figures are null, and the process's exit code says success.
/// </summary>
public sealed class BenchDataChannelCommandTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Json_run_without_Chromium_reports_positive_figures_for_every_measurement()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var clock = Stopwatch.StartNew();
        var exit = await HlsSwarmCli.RunAsync(
            ["bench", "datachannel", "--json", "--skip-chromium", "--seconds", "1", "--bytes", "4000000"],
            output, error, cancellationToken: cts.Token);
        log.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s\n{error}\n{output}");
        Assert.Equal(0, exit);

        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        foreach (var name in new[] { "oursToOursMbps", "oursToOurs64KiBMbps", "dtlsOnlyMbps", "dtlsInMemoryMbps", "oursToDtlsRatio", "coresPerGbps", "idleConnectionBytes", "idleConnectionWorkingSetBytes" })
        {
            Assert.True(root.GetProperty(name).GetDouble() > 0, $"{name} = {root.GetProperty(name)}");
        }
        // Two threads per idle connection: the socket's receive thread and the loop thread (the DTLS thread ends after
        // the handshake; records are then decrypted on the receive thread).
        Assert.InRange(root.GetProperty("idleConnectionThreads").GetDouble(), 1.5, 2.5);
        Assert.Equal(50, root.GetProperty("idleConnections").GetInt32());

        var setup = root.GetProperty("setupMs");
        Assert.True(setup.GetProperty("cold").GetDouble() > 0);
        Assert.True(setup.GetProperty("p50").GetDouble() > 0);
        Assert.True(setup.GetProperty("p95").GetDouble() >= setup.GetProperty("p50").GetDouble());
        Assert.Equal(20, setup.GetProperty("count").GetInt32());

        var cases = root.GetProperty("virtual").EnumerateArray()
            .Select(v => (Rtt: v.GetProperty("rttMs").GetInt32(), Loss: v.GetProperty("lossPercent").GetDouble(), Mbps: v.GetProperty("mbps").GetDouble()))
            .ToArray();
        Assert.Equal([(50, 0.0), (50, 1.0), (100, 0.0), (100, 1.0), (200, 0.0), (200, 1.0)], cases.Select(c => (c.Rtt, c.Loss)));
        Assert.All(cases, c => Assert.True(c.Mbps > 0, $"{c.Rtt} ms, {c.Loss} %: {c.Mbps} Mbit/s"));
        // Without loss a longer round trip can only be slower (the 1 MiB receive window per RTT caps it).
        var lossless = cases.Where(c => c.Loss == 0).Select(c => c.Mbps).ToArray();
        Assert.True(lossless[0] > lossless[1] && lossless[1] > lossless[2], string.Join(", ", lossless));

        foreach (var name in new[] { "oursToChromiumMbps", "chromiumToOursMbps", "chromiumToChromiumMbps", "chromiumSetupMs" })
        {
            Assert.Equal(JsonValueKind.Null, root.GetProperty(name).ValueKind);
        }
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("machine").GetProperty("cores").GetInt32());
        Assert.Contains("[bench] set-up on loopback", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seconds", "0")]
    [InlineData("--bytes", "1000")]
    public async Task Out_of_range_sizes_are_a_usage_error(string option, string value)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HlsSwarmCli.RunAsync(["bench", "datachannel", option, value], output, error);
        Assert.Equal(HlsSwarmCli.UsageError, exit);
        Assert.Contains(option, error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task A_value_that_does_not_parse_points_at_the_subcommand_s_help()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HlsSwarmCli.RunAsync(["bench", "datachannel", "--bytes", "lots"], output, error);
        Assert.Equal(HlsSwarmCli.UsageError, exit);
        Assert.Contains("(see 'hlsswarm bench datachannel --help')", error.ToString(), StringComparison.Ordinal);
    }
}
