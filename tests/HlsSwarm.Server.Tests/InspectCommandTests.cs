using System.Text;
using System.Text.Json;
using HlsSwarm.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace HlsSwarm.Server.Tests;

/// <summary>
/// <c>hlsswarm inspect</c> on files and on real HTTP (Kestrel on loopback, redirects included), checked against the
/// swarm-id vectors of spec §9.7, which the real hls.js + p2p-media-loader produced.
/// </summary>
public sealed class InspectCommandTests : IAsyncLifetime
{
    /// <summary>The §9.7 master playlist.</summary>
    private const string SpecMaster = """
        #EXTM3U
        #EXT-X-VERSION:6
        #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",LANGUAGE="en",NAME="English",CHANNELS="2",DEFAULT=YES,AUTOSELECT=YES,URI="audio/en/index.m3u8"
        #EXT-X-STREAM-INF:BANDWIDTH=2000000,AVERAGE-BANDWIDTH=1800000,RESOLUTION=1280x720,FRAME-RATE=30.000,CODECS="avc1.64001f,mp4a.40.2",AUDIO="aud"
        video/720p/index.m3u8
        #EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,FRAME-RATE=29.970,CODECS="avc1.66.30,mp4a.40.2",VIDEO-RANGE=SDR,AUDIO="aud"
        video/360p/index.m3u8

        """;

    private const string SpecSwarmId = "https://cdn.example.com/live/channel1/master.m3u8";

    private const string LiveMedia = """
        #EXTM3U
        #EXT-X-VERSION:4
        #EXT-X-TARGETDURATION:4
        #EXT-X-MEDIA-SEQUENCE:1700000000
        #EXTINF:4.000,
        #EXT-X-BYTERANGE:1000@0
        chunk.mp4
        #EXTINF:3.5,
        #EXT-X-BYTERANGE:500
        chunk.mp4

        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("hlsswarm-inspect-").FullName;
    private WebApplication? _origin;
    private string _base = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _origin = builder.Build();
        _origin.MapGet("/live/channel1/master.m3u8", () => Results.Text(SpecMaster, "application/vnd.apple.mpegurl"));
        _origin.MapGet("/go", () => Results.Redirect("/live/channel1/master.m3u8?token=abc"));
        _origin.MapGet("/media/live.m3u8", () => Results.Text(LiveMedia, "application/vnd.apple.mpegurl"));
        _origin.MapGet("/not-hls", () => Results.Text("<html>hello</html>", "text/html"));
        _origin.MapGet("/huge", (HttpContext c) => c.Response.Body.WriteAsync(new byte[17 * 1024 * 1024]).AsTask());
        await _origin.StartAsync();
        _base = _origin.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_origin is not null)
        {
            await _origin.StopAsync();
            await _origin.DisposeAsync();
        }
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HlsSwarmCli.RunAsync(args, output, error, (_, _, _) => throw new InvalidOperationException("no server here"));
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public async Task A_file_with_the_configured_swarm_id_gives_the_spec_streams_in_p2pml_order()
    {
        var (exit, output, error) = await RunAsync("inspect", Write("master.m3u8", SpecMaster), "--swarm-id", SpecSwarmId, "--json");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("master", root.GetProperty("kind").GetString());
        Assert.Equal(SpecSwarmId, root.GetProperty("swarmId").GetString());
        Assert.True(root.GetProperty("fromFile").GetBoolean());
        var streams = root.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(3, streams.Count);
        (string Type, string Canonical, string Index, string Hash)[] expected =
        [
            ("main", "2000000-avc1.64001f-1280-720----30-", "NqsTkWHiCF+FGmHQvwp+Aigq4Tk=", "xl6WOGtRneL9dH1/MEP1"),
            ("main", "800000-avc1.42001e-640-360----29.97-SDR", "0ZGGpJgeqqalaejVvmBFBfAjW/k=", "FFZayrSd086GasyKDz2/"),
            ("secondary", "0-mp4a.40.2---en-2-english--", "bdjQ1B4N2yrcTDHyU5j7iDGV9sY=", "uWFQFdlv6qob5M/FwaE0"),
        ];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Type, streams[i].GetProperty("type").GetString());
            Assert.Equal(expected[i].Canonical, streams[i].GetProperty("canonical").GetString());
            Assert.Equal(expected[i].Index, streams[i].GetProperty("streamIndex").GetString());
            Assert.Equal(expected[i].Hash, streams[i].GetProperty("infoHash").GetString());
            Assert.Equal($"v2-{SpecSwarmId}-{expected[i].Type}-{expected[i].Index}", streams[i].GetProperty("streamSwarmId").GetString());
        }
        // §9.7: the bytes on the wire of the first info_hash.
        Assert.Equal("786c36574f4774526e654c396448312f4d455031", streams[0].GetProperty("infoHashHex").GetString());
        Assert.Empty(root.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task The_text_report_shows_every_identity_and_warns_that_a_file_is_not_the_viewers_url()
    {
        var path = Write("master.m3u8", SpecMaster);
        var (exit, output, _) = await RunAsync("inspect", path);
        Assert.Equal(0, exit);
        Assert.Contains("(master playlist, read from a file)", output);
        Assert.Contains("--swarm-id <that URL without its query>", output);
        Assert.Contains("streams: 3 (2 main, 1 secondary)", output);
        Assert.Contains("canonical      800000-avc1.42001e-640-360----29.97-SDR", output);
        Assert.Contains($"streamSwarmId  v2-{new Uri(path).AbsoluteUri}-main-NqsTkWHiCF+FGmHQvwp+Aigq4Tk=", output);
        Assert.Contains("RFC 8216: no problems found", output);
    }

    [Fact]
    public async Task A_url_is_identified_by_its_final_address_after_redirects_without_the_query()
    {
        var (exit, output, error) = await RunAsync("inspect", _base + "/go", "--json");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var swarmId = _base + "/live/channel1/master.m3u8";
        Assert.Equal(swarmId, root.GetProperty("swarmId").GetString());
        Assert.False(root.GetProperty("fromFile").GetBoolean());
        var streams = root.GetProperty("streams").EnumerateArray().ToList();
        // Relative URIs resolve against the final URL; its query is not carried over.
        Assert.Equal(_base + "/live/channel1/video/720p/index.m3u8", streams[0].GetProperty("playlistUrl").GetString());
        Assert.Equal(_base + "/live/channel1/audio/en/index.m3u8", streams[2].GetProperty("playlistUrl").GetString());
        // Same streamIndexes as under the spec's URL (2.3.x ids don't depend on the URL), other swarm ids and hashes.
        Assert.Equal("NqsTkWHiCF+FGmHQvwp+Aigq4Tk=", streams[0].GetProperty("streamIndex").GetString());
        Assert.Equal($"v2-{swarmId}-main-NqsTkWHiCF+FGmHQvwp+Aigq4Tk=", streams[0].GetProperty("streamSwarmId").GetString());
        Assert.NotEqual("xl6WOGtRneL9dH1/MEP1", streams[0].GetProperty("infoHash").GetString());
    }

    [Fact]
    public async Task Legacy_rule_numbers_streams_by_position()
    {
        var (exit, output, _) = await RunAsync("inspect", Write("master.m3u8", SpecMaster), "--swarm-id", SpecSwarmId, "--legacy", "--json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var streams = doc.RootElement.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal("legacy-2.2", doc.RootElement.GetProperty("rule").GetString());
        Assert.Equal(["0", "1", "0"], streams.Select(s => s.GetProperty("streamIndex").GetString()));
        Assert.All(streams, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("canonical").ValueKind));
        Assert.Equal($"v2-{SpecSwarmId}-secondary-0", streams[2].GetProperty("streamSwarmId").GetString());
    }

    [Fact]
    public async Task A_live_media_playlist_lists_segment_ids_by_media_sequence_with_implicit_byte_ranges()
    {
        var (exit, output, _) = await RunAsync("inspect", _base + "/media/live.m3u8", "--json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("media", root.GetProperty("kind").GetString());
        Assert.True(root.GetProperty("live").GetBoolean());
        var main = Assert.Single(root.GetProperty("streams").EnumerateArray());
        Assert.Equal("0--------", main.GetProperty("canonical").GetString());
        var segments = root.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal([1700000000L, 1700000001L], segments.Select(s => s.GetProperty("id").GetInt64()));
        Assert.Equal([4.0, 3.5], segments.Select(s => s.GetProperty("duration").GetDouble()));
        Assert.Equal(1000, segments[1].GetProperty("byteRange").GetProperty("start").GetInt64());
        Assert.Equal(1499, segments[1].GetProperty("byteRange").GetProperty("end").GetInt64());
        Assert.Equal(_base + "/media/chunk.mp4", segments[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_vod_playlist_numbers_segments_from_zero_in_the_text_report()
    {
        var vod = LiveMedia.Replace("#EXT-X-MEDIA-SEQUENCE:1700000000", "#EXT-X-MEDIA-SEQUENCE:5") + "#EXT-X-ENDLIST\n";
        var (exit, output, _) = await RunAsync("inspect", Write("vod.m3u8", vod));
        Assert.Equal(0, exit);
        Assert.Contains("segments: 2, 7.5 s, VOD: id = position in the playlist", output);
        Assert.Matches(@"\n\s+0\s+4\.000\s+0-999 \(1000 B\)\s+file://", output);
        Assert.Matches(@"\n\s+1\s+3\.500\s+1000-1499 \(500 B\)\s+file://", output);
    }

    [Fact]
    public async Task Rfc_problems_name_the_line_and_the_rule()
    {
        // hls.js accepts a variant without BANDWIDTH (and so do viewers), RFC 8216 §4.3.4.2 requires it.
        var text = "#EXTM3U\n#EXT-X-STREAM-INF:RESOLUTION=640x360\nv.m3u8\n";
        var (exit, output, _) = await RunAsync("inspect", Write("m.m3u8", text), "--json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var problem = Assert.Single(doc.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
        Assert.Contains("BANDWIDTH", problem.GetProperty("rule").GetString());
        Assert.Contains("§4.3.4.2", problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Text_hls_js_rejects_exits_1_and_says_viewers_join_no_swarm()
    {
        var (exit, output, _) = await RunAsync("inspect", _base + "/not-hls");
        Assert.Equal(1, exit);
        Assert.Contains("hls.js rejects this manifest", output);
        Assert.Contains("streams: 0", output);
        Assert.Contains("RFC 8216: 1 problem", output);
    }

    [Theory]
    [InlineData("/nope", "answered 404")]
    [InlineData("/huge", "playlists that large are refused")]
    public async Task Http_failures_are_one_line_and_exit_1(string path, string message)
    {
        var (exit, output, error) = await RunAsync("inspect", _base + path);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("hlsswarm inspect: GET ", error);
        Assert.Contains(message, error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task An_unreachable_host_is_reported_not_thrown()
    {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        var (exit, _, error) = await RunAsync("inspect", "http://127.0.0.1:1/master.m3u8");
        Assert.Equal(1, exit);
        Assert.StartsWith("hlsswarm inspect: GET http://127.0.0.1:1/master.m3u8: ", error);
    }

    [Theory]
    [InlineData("no-such-file.m3u8", "no such file")]
    [InlineData("ftp://example.com/x.m3u8", "unsupported URL scheme 'ftp:'")]
    public async Task Bad_locations_exit_1_with_a_reason(string location, string message)
    {
        var (exit, _, error) = await RunAsync("inspect", location);
        Assert.Equal(1, exit);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        Assert.Equal(HlsSwarmCli.UsageError, (await RunAsync("inspect")).Exit);
        var (exit, _, error) = await RunAsync("inspect", Write("m.m3u8", SpecMaster), "--swarm-id", "");
        Assert.Equal(HlsSwarmCli.UsageError, exit);
        Assert.Contains("--swarm-id must not be empty", error);
    }

    [Fact]
    public async Task Binary_garbage_is_reported_as_a_rejected_playlist()
    {
        var path = Path.Combine(_dir, "garbage.m3u8");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);
        var (exit, output, error) = await RunAsync("inspect", path, "--json");
        Assert.Equal(1, exit);
        Assert.Equal("", error);
        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.GetProperty("accepted").GetBoolean());
        Assert.Equal(JsonValueKind.String, doc.RootElement.GetProperty("rejection").ValueKind);
    }
}
