using HlsSwarm.Cli;
using HlsSwarm.Server;
using HlsSwarm.Tracker;
using HlsSwarm.Tracker.AspNetCore;
using Xunit;

namespace HlsSwarm.Server.Tests;

public class CliTests
{
    private sealed record Outcome(int Exit, string Output, string Error, string? Command, ServerOptions? Options);

    private static async Task<Outcome> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string? command = null;
        ServerOptions? options = null;
        var exit = await HlsSwarmCli.RunAsync(args, output, error, (c, o, _) =>
        {
            command = c;
            options = o;
            return Task.FromResult(0);
        });
        return new Outcome(exit, output.ToString(), error.ToString(), command, options);
    }

    [Fact]
    public async Task Serve_defaults()
    {
        var r = await RunAsync("serve");
        Assert.Equal(0, r.Exit);
        Assert.Equal("serve", r.Command);
        Assert.Equal(["http://127.0.0.1:8080"], r.Options!.Urls);
        Assert.Equal(DemoOptions.DefaultLiveWindowSegments, r.Options.Demo!.LiveWindowSegments);
        Assert.Null(r.Options.Demo.MediaDirectory);
        Assert.True(r.Options.ServePlayer);
        Assert.Null(r.Options.Certificate);
        Assert.Equal(new TrackerOptions(), r.Options.Tracker);
        var endpoint = r.Options.TrackerEndpoint;
        var defaults = new TrackerEndpointOptions();
        Assert.Equal(defaults.MaxFrameBytes, endpoint.MaxFrameBytes);
        Assert.Equal(defaults.MaxConnectionsPerIp, endpoint.MaxConnectionsPerIp);
        Assert.Equal(defaults.IdleTimeout, endpoint.IdleTimeout);
        Assert.Empty(endpoint.AllowedOrigins);
    }

    [Fact]
    public async Task Tracker_defaults()
    {
        var r = await RunAsync("tracker");
        Assert.Equal(0, r.Exit);
        Assert.Equal("tracker", r.Command);
        Assert.Equal(["http://127.0.0.1:8000"], r.Options!.Urls);
        Assert.Null(r.Options.Demo);
        Assert.False(r.Options.ServePlayer);
    }

    [Fact]
    public async Task Every_flag_maps_to_its_option()
    {
        var r = await RunAsync("serve", "--urls", "http://0.0.0.0:9000;http://127.0.0.1:9001", "--live-window", "15",
            "--demo-media", RunningServer.DemoMediaDirectory,
            "--interval", "30", "--max-offers", "5", "--max-swarms-per-connection", "7", "--max-peer-ids-per-connection", "9",
            "--announce-burst", "11", "--announces-per-second", "2.5", "--max-frame-bytes", "131072",
            "--max-connections-per-ip", "0", "--idle-timeout", "90",
            "--allow-origin", "https://a.example", "--allow-origin", "http://b.example:8080");
        Assert.True(r.Exit == 0, r.Error);
        var o = r.Options!;
        Assert.Equal(["http://0.0.0.0:9000", "http://127.0.0.1:9001"], o.Urls);
        Assert.Equal(15, o.Demo!.LiveWindowSegments);
        Assert.Equal(RunningServer.DemoMediaDirectory, o.Demo.MediaDirectory);
        Assert.Equal(TimeSpan.FromSeconds(30), o.Tracker.AnnounceInterval);
        Assert.Equal(5, o.Tracker.MaxOffersPerAnnounce);
        Assert.Equal(7, o.Tracker.MaxSwarmsPerConnection);
        Assert.Equal(9, o.Tracker.MaxPeerIdsPerConnection);
        Assert.Equal(11, o.Tracker.AnnounceBurst);
        Assert.Equal(2.5, o.Tracker.AnnouncesPerSecond);
        Assert.Equal(131072, o.TrackerEndpoint.MaxFrameBytes);
        Assert.Equal(0, o.TrackerEndpoint.MaxConnectionsPerIp);
        Assert.Equal(TimeSpan.FromSeconds(90), o.TrackerEndpoint.IdleTimeout);
        Assert.Equal(["https://a.example", "http://b.example:8080"], o.TrackerEndpoint.AllowedOrigins);
    }

    [Fact]
    public async Task Https_with_a_certificate_maps_to_tls_options()
    {
        var r = await RunAsync("tracker", "--urls", "https://127.0.0.1:8443", "--certificate", "/etc/cert.pem",
            "--certificate-key", "/etc/key.pem", "--certificate-password", "secret");
        Assert.Equal(0, r.Exit);
        Assert.Equal(new TlsCertificateOptions("/etc/cert.pem", "secret", "/etc/key.pem"), r.Options!.Certificate);
    }

    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { [], "command" },
        { ["bogus"], "bogus" },
        { ["serve", "--nope"], "--nope" },
        { ["serve", "--interval", "abc"], "abc" },
        { ["serve", "--interval", "-1"], "--interval" },
        { ["serve", "--interval", "0"], "--interval" },
        { ["tracker", "--idle-timeout", "0"], "--idle-timeout" },
        { ["serve", "--live-window", "2"], "live window" },
        { ["serve", "--live-window", "many"], "many" },
        { ["serve", "--max-offers", "-3"], "--max-offers" },
        { ["tracker", "--max-frame-bytes", "10"], "frame" },
        { ["tracker", "--max-connections-per-ip", "-1"], "--max-connections-per-ip" },
        { ["tracker", "--announces-per-second", "0"], "announces per second" },
        { ["tracker", "--max-offers", "99999999999"], "99999999999" },
        { ["serve", "--urls", "ftp://example.com"], "ftp://example.com" },
        { ["serve", "--urls", "https://127.0.0.1:0"], "--certificate" },
        { ["serve", "--allow-origin", "not an origin"], "--allow-origin" },
        { ["serve", "--demo-media", "/nonexistent/dir"], "/nonexistent/dir" },
        { ["tracker", "--live-window", "12"], "--live-window" },
        { ["tracker", "--certificate-key", "k.pem"], "--certificate" },
        { ["tracker", "--redis", "127.0.0.1:6379"], "--node-id" },
        { ["serve", "--node-id", "n1"], "--redis" },
        { ["tracker", "--redis", "127.0.0.1:6379", "--node-id", "bad id!"], "NodeId" },
    };

    [Theory]
    [InlineData("tracker")]
    [InlineData("serve")]
    public async Task Redis_and_node_id_make_a_cluster_node(string command)
    {
        var r = await RunAsync(command, "--redis", "127.0.0.1:6390,password=x", "--node-id", "edge-1");
        Assert.True(r.Exit == 0, r.Error);
        Assert.Equal("127.0.0.1:6390,password=x", r.Options!.Cluster!.Redis);
        Assert.Equal("edge-1", r.Options.Cluster.NodeId);
        Assert.Null((await RunAsync(command)).Options!.Cluster);
    }

    [Theory, MemberData(nameof(BadCommandLines))]
    public async Task Bad_command_lines_exit_2_with_a_one_line_message(string[] args, string mentions)
    {
        var r = await RunAsync(args);
        Assert.Equal(HlsSwarmCli.UsageError, r.Exit);
        Assert.Null(r.Options);
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("hlsswarm", lines[0], StringComparison.Ordinal);
        Assert.Contains(mentions, lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_certificate_file_exits_2_before_listening()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HlsSwarmCli.RunAsync(
            ["tracker", "--urls", "https://127.0.0.1:0", "--certificate", "/nonexistent/cert.pfx"], output, error);
        Assert.Equal(HlsSwarmCli.UsageError, exit);
        Assert.Contains("/nonexistent/cert.pfx", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_port_in_use_exits_1_with_a_one_line_message()
    {
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HlsSwarmCli.RunAsync(["tracker", "--urls", $"http://127.0.0.1:{port}"], output, error);
        Assert.Equal(HlsSwarmCli.RuntimeError, exit);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("address already in use", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_help_lists_the_commands()
    {
        var r = await RunAsync("--help");
        Assert.Equal(0, r.Exit);
        Assert.Null(r.Command);
        Assert.Contains("serve", r.Output, StringComparison.Ordinal);
        Assert.Contains("tracker", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_help_lists_every_flag()
    {
        var r = await RunAsync("serve", "--help");
        Assert.Equal(0, r.Exit);
        Assert.Null(r.Command);
        foreach (var flag in new[]
                 {
                     "--urls", "--live-window", "--demo-media", "--interval", "--max-offers", "--max-swarms-per-connection",
                     "--max-peer-ids-per-connection", "--announce-burst", "--announces-per-second", "--max-frame-bytes",
                     "--max-connections-per-ip", "--idle-timeout", "--allow-origin", "--certificate",
                     "--certificate-password", "--certificate-key", "--redis", "--node-id",
                 })
            Assert.Contains(flag, r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tracker_help_has_no_demo_flags()
    {
        var r = await RunAsync("tracker", "--help");
        Assert.Equal(0, r.Exit);
        Assert.Contains("--interval", r.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("--live-window", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Banner_lists_player_tracker_and_demo_urls()
    {
        var lines = ServerAddresses.Describe("https://0.0.0.0:8443", player: true, demo: true);
        Assert.Contains(("player", "https://localhost:8443/"), lines);
        Assert.Contains(("tracker", "wss://localhost:8443/announce"), lines);
        Assert.Contains(("demo live", "https://localhost:8443/demo/live/master.m3u8"), lines);
        var trackerOnly = ServerAddresses.Describe("http://127.0.0.1:8000", player: false, demo: false);
        Assert.Equal("ws://127.0.0.1:8000/announce", trackerOnly.Single(l => l.What == "tracker").Url);
        Assert.DoesNotContain(trackerOnly, l => l.What == "player");
    }
}
