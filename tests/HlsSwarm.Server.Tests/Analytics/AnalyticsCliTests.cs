using System.CommandLine;
using HlsSwarm.Cli;
using HlsSwarm.Server.Analytics;
using Xunit;

namespace HlsSwarm.Server.Tests.Analytics;

public class AnalyticsCliTests
{
    private static async Task<(int Exit, string Error, ServerOptions? Options)> ParseAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        ServerOptions? options = null;
        var exit = await HlsSwarmCli.RunAsync(args, output, error, (_, o, _) =>
        {
            options = o;
            return Task.FromResult(0);
        });
        return (exit, error.ToString(), options);
    }

    [Fact]
    public async Task Serve_has_analytics_on_by_default_in_a_file_and_tracker_has_none()
    {
        var serve = await ParseAsync("serve");
        Assert.Equal(AnalyticsOptions.DefaultDatabaseFile, serve.Options!.Analytics!.DatabasePath);
        Assert.Equal(TimeSpan.FromHours(168), serve.Options.Analytics.Retention);
        var tracker = await ParseAsync("tracker");
        Assert.Null(tracker.Options!.Analytics);
    }

    [Fact]
    public async Task Flags_map_to_the_options()
    {
        var r = await ParseAsync("serve", "--analytics-db", ":memory:", "--analytics-retention", "2.5", "--admin-token", "my-secret-token",
            "--beacon-rate", "100", "--beacon-burst", "500");
        Assert.Equal(0, r.Exit);
        Assert.Equal(":memory:", r.Options!.Analytics!.DatabasePath);
        Assert.Equal(TimeSpan.FromHours(2.5), r.Options.Analytics.Retention);
        Assert.Equal("my-secret-token", r.Options.Analytics.AdminToken);
        Assert.Equal((100.0, 500), (r.Options.Analytics.BeaconsPerSecondPerIp, r.Options.Analytics.BeaconBurstPerIp));
        Assert.Null((await ParseAsync("serve", "--no-analytics")).Options!.Analytics);
    }

    [Theory]
    [InlineData("--analytics-retention", "0", "--analytics-retention")]
    [InlineData("--analytics-retention", "-1", "--analytics-retention")]
    [InlineData("--admin-token", "short", "admin token")]
    [InlineData("--beacon-rate", "0", "beacons per second")]
    [InlineData("--beacon-burst", "0", "beacon burst")]
    public async Task Bad_values_are_usage_errors(string flag, string value, string message)
    {
        var r = await ParseAsync("serve", flag, value);
        Assert.Equal(HlsSwarmCli.UsageError, r.Exit);
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_token_comes_from_the_environment_when_the_flag_is_absent()
    {
        var flags = new AnalyticsFlags(name => name == AnalyticsFlags.AdminTokenVariable ? "from-the-environment" : null);
        var command = new Command("serve");
        flags.AddTo(command);
        var errors = new List<string>();
        Assert.Equal("from-the-environment", flags.Bind(command.Parse([]), errors)!.AdminToken);
        Assert.Equal("from-the-flag-1", flags.Bind(command.Parse(["--admin-token", "from-the-flag-1"]), errors)!.AdminToken);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_banner_prints_the_dashboard_url_with_a_generated_token_that_opens_the_api()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = HlsSwarmCli.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--analytics-db", ":memory:"], output, error, cancellationToken: cts.Token);
        string? line = null;
        while (line is null && !run.IsCompleted)
        {
            await Task.Delay(50);
            line = output.ToString().Split('\n').FirstOrDefault(l => l.StartsWith("Dashboard: ", StringComparison.Ordinal))?.Trim();
        }

        Assert.NotNull(line);
        var match = System.Text.RegularExpressions.Regex.Match(line, "^Dashboard: (http://127.0.0.1:[0-9]+)/dashboard#token=([0-9a-f]{32})$");
        Assert.True(match.Success, line);
        using (var client = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value) })
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", match.Groups[2].Value);
            using var response = await client.GetAsync("/api/dashboard/summary");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        await cts.CancelAsync();
        Assert.Equal(0, await run);
    }
}
