using System.Text.Json.Nodes;
using Xunit;

namespace HlsSwarm.Server.Tests.Analytics;

public class DashboardDataTests
{
    private static readonly string StreamQuery = Uri.EscapeDataString(AnalyticsServer.Stream);

    [Fact]
    public async Task Summary_counts_live_viewers_renditions_bytes_share_qoe_and_failures()
    {
        await using var server = await AnalyticsServer.StartAsync();
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-p2p-1", 1, http: 100, p2p: 300, uploaded: 50, startupMs: 600,
            playingMs: 9000, stallMs: 1000, stallCount: 1, failures: "{\"timeout\":2}"))).Dispose();
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-p2p-2", 1, http: 100, p2p: 100, startupMs: 800, rendition: "426x240 400000",
            failures: "{\"timeout\":1,\"ice-failed\":1}"))).Dispose();
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-ctl-1", 1, http: 400, group: "control", startupMs: 500, playingMs: 10000))).Dispose();

        var summary = await server.GetJsonAsync("/api/dashboard/summary");
        Assert.Equal("2026-11-25T10:00:00Z", (string)summary["now"]!);
        var s = summary["streams"]![0]!;
        Assert.Equal(AnalyticsServer.Stream, (string)s["stream"]!);
        Assert.Equal(3, (int)s["viewers"]!);
        Assert.Equal(2, (int)s["renditions"]!["640x360 800000"]!);
        Assert.Equal(1, (int)s["renditions"]!["426x240 400000"]!);
        Assert.Equal((600L, 400L, 50L), ((long)s["bytes"]!["http"]!, (long)s["bytes"]!["p2p"]!, (long)s["bytes"]!["uploaded"]!));
        Assert.Equal(0.4, (double)s["p2pShare"]!);
        Assert.Equal(400, (long)s["originBytesSaved"]!);
        Assert.Equal(2, (int)s["qoe"]!["p2p"]!["sessions"]!);
        Assert.Equal(600, (long)s["qoe"]!["p2p"]!["startupMsP50"]!);
        Assert.Equal(0.1, (double)s["qoe"]!["p2p"]!["rebufferRatio"]!);
        Assert.Equal((1, 500L, 0.0), ((int)s["qoe"]!["control"]!["sessions"]!, (long)s["qoe"]!["control"]!["startupMsP50"]!, (double)s["qoe"]!["control"]!["rebufferRatio"]!));
        Assert.Equal((3L, 1L), ((long)s["failures"]!["timeout"]!, (long)s["failures"]!["ice-failed"]!));
        Assert.Equal(3, (int)summary["totals"]!["viewers"]!);
        Assert.Equal(0.4, (double)summary["totals"]!["p2pShare"]!);

        // 15 s without a beacon: nobody is live, the bytes stay.
        server.Time.Advance(TimeSpan.FromSeconds(15));
        summary = await server.GetJsonAsync("/api/dashboard/summary");
        Assert.Equal(0, (int)summary["totals"]!["viewers"]!);
        Assert.Equal(600, (long)summary["totals"]!["bytes"]!["http"]!);
    }

    [Fact]
    public async Task Series_has_per_step_deltas_and_a_counter_going_backwards_adds_nothing()
    {
        await using var server = await AnalyticsServer.StartAsync();
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-0001", 1, http: 1000, p2p: 0))).Dispose();
        server.Time.Advance(TimeSpan.FromSeconds(5));
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-0001", 2, http: 1500, p2p: 200))).Dispose();
        server.Time.Advance(TimeSpan.FromSeconds(5));
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-0001", 3, http: 1700, p2p: 900))).Dispose();
        server.Time.Advance(TimeSpan.FromSeconds(10));
        // A reload reused the session id: counters restart. That is a new baseline, not negative bytes.
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-0001", 4, http: 100, p2p: 50))).Dispose();
        server.Time.Advance(TimeSpan.FromSeconds(10));
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-0001", 5, http: 300, p2p: 50))).Dispose();

        var series = await server.GetJsonAsync($"/api/dashboard/series?stream={StreamQuery}&minutes=1");
        Assert.Equal(10, (int)series["stepSeconds"]!);
        var points = series["points"]!.AsArray();
        Assert.Equal(6, points.Count);
        var byTime = points.ToDictionary(p => (string)p!["t"]!, p => p!);
        Assert.Equal((1, 1500L, 200L), Step(byTime["2026-11-25T10:00:00Z"]));
        Assert.Equal((1, 200L, 700L), Step(byTime["2026-11-25T10:00:10Z"]));
        Assert.Equal((1, 0L, 0L), Step(byTime["2026-11-25T10:00:20Z"]));
        Assert.Equal((1, 200L, 0L), Step(byTime["2026-11-25T10:00:30Z"]));
        Assert.All(points, p => Assert.True((long)p!["http"]! >= 0 && (long)p["p2p"]! >= 0));
        var session = await server.GetJsonAsync("/api/dashboard/sessions/viewer-0001");
        Assert.Equal(1900, (long)session["bytes"]!["http"]!);
        Assert.Equal(5, session["timeline"]!.AsArray().Count);
        Assert.Equal(0, (long)session["timeline"]![3]!["http"]!);
        Assert.Equal(200, (long)session["timeline"]![4]!["http"]!);

        static (int, long, long) Step(JsonNode p) => ((int)p["viewers"]!, (long)p["http"]!, (long)p["p2p"]!);
    }

    [Fact]
    public async Task Graph_shows_who_uploads_to_whom_in_the_last_minute_without_double_counting()
    {
        await using var server = await AnalyticsServer.StartAsync();
        // A downloads 1000 from B; B reports uploading the same 1000 to A; C downloads 300 from B.
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("session-A", 1, peerId: "peer-A",
            transfers: """[{"peerId":"peer-B","down":1000,"up":0}]"""))).Dispose();
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("session-B", 1, peerId: "peer-B",
            transfers: """[{"peerId":"peer-A","down":0,"up":1000},{"peerId":"peer-C","down":0,"up":300}]"""))).Dispose();
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("session-C", 1, peerId: "peer-C",
            transfers: """[{"peerId":"peer-X","down":70,"up":0}]"""))).Dispose();

        var sessionB = await server.GetJsonAsync("/api/dashboard/sessions/session-B");
        Assert.Equal(2, sessionB["transfers"]!.AsArray().Count);
        Assert.Equal(300, (long)sessionB["transfers"]![1]!["up"]!);
        var graph = await server.GetJsonAsync($"/api/dashboard/graph?stream={StreamQuery}");
        var nodes = graph["nodes"]!.AsArray().Select(n => ((string)n!["peerId"]!, (string?)n["sessionId"])).ToHashSet();
        Assert.Equal([("peer-A", "session-A"), ("peer-B", "session-B"), ("peer-C", "session-C"), ("peer-X", null)], nodes);
        var edges = graph["edges"]!.AsArray().ToDictionary(e => ((string)e!["from"]!, (string)e["to"]!), e => (long)e!["bytes"]!);
        Assert.Equal(3, edges.Count);
        Assert.Equal(1000, edges[("peer-B", "peer-A")]);
        Assert.Equal(300, edges[("peer-B", "peer-C")]);
        Assert.Equal(70, edges[("peer-X", "peer-C")]);

        // Cumulative counters: the second beacon of A adds only its delta (500).
        server.Time.Advance(TimeSpan.FromSeconds(5));
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("session-A", 2, peerId: "peer-A",
            transfers: """[{"peerId":"peer-B","down":1500,"up":0}]"""))).Dispose();
        graph = await server.GetJsonAsync($"/api/dashboard/graph?stream={StreamQuery}");
        Assert.Equal(1500, graph["edges"]!.AsArray().Where(e => (string)e!["to"]! == "peer-A").Sum(e => (long)e!["bytes"]!));

        // After a minute without transfers the edges are gone.
        server.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Empty((await server.GetJsonAsync($"/api/dashboard/graph?stream={StreamQuery}"))["edges"]!.AsArray());
    }

    [Fact]
    public async Task Sessions_list_newest_first_with_limit_and_stream_filter()
    {
        await using var server = await AnalyticsServer.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            (await server.PostBeaconAsync(AnalyticsServer.BeaconJson($"viewer-000{i}", 1))).Dispose();
            server.Time.Advance(TimeSpan.FromSeconds(1));
        }

        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("live-viewer", 1, stream: "http://127.0.0.1:8080/demo/live/master.m3u8"))).Dispose();
        var list = (await server.GetJsonAsync($"/api/dashboard/sessions?stream={StreamQuery}&limit=3"))["sessions"]!.AsArray();
        Assert.Equal(["viewer-0004", "viewer-0003", "viewer-0002"], list.Select(s => (string)s!["sessionId"]!));
        Assert.True((bool)list[0]!["live"]!);
        Assert.Equal("web", (string)list[0]!["client"]!["kind"]!);
        Assert.Equal(6, (await server.GetJsonAsync("/api/dashboard/sessions"))["sessions"]!.AsArray().Count);
        using var unknown = await server.Admin.GetAsync("/api/dashboard/sessions/nobody-here");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        using var badLimit = await server.Admin.GetAsync("/api/dashboard/sessions?limit=0");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badLimit.StatusCode);
    }
}
