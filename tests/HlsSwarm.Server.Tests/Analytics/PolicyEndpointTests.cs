using System.Net;
using System.Text.Json.Nodes;
using HlsSwarm.Server.Analytics;
using Xunit;

namespace HlsSwarm.Server.Tests.Analytics;

public class PolicyEndpointTests
{
    private static async Task<JsonNode> PutAsync(AnalyticsServer server, string json, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await server.Admin.PutAsync("/api/admin/policy", AnalyticsServer.Json(json));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, text);
        return JsonNode.Parse(text)!;
    }

    private static async Task<JsonNode> PolicyAsync(AnalyticsServer server, string query)
    {
        using var response = await server.Client.GetAsync("/api/policy?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task The_default_policy_enables_p2p_for_everyone()
    {
        await using var server = await AnalyticsServer.StartAsync();
        var doc = await server.GetJsonAsync("/api/admin/policy");
        Assert.Equal(1, (long)doc["version"]!);
        Assert.True((bool)doc["global"]!["p2p"]!);
        Assert.Equal(1, (int)doc["global"]!["minViewers"]!);
        Assert.Equal(1.0, (double)doc["global"]!["p2pShare"]!);
        var p = await PolicyAsync(server, "stream=" + Uri.EscapeDataString(AnalyticsServer.Stream) + "&session=first-viewer");
        Assert.Equal(("enabled", true, "p2p"), ((string)p["reason"]!, (bool)p["p2p"]!, (string)p["group"]!));
        Assert.Null(p["uploadCapBytesPerSec"]);
        Assert.False((bool)p["uploadOnMetered"]!);
    }

    [Fact]
    public async Task Turning_p2p_off_for_a_stream_reaches_its_viewers_and_not_others()
    {
        await using var server = await AnalyticsServer.StartAsync();
        var stored = await PutAsync(server, """
            {"version":99,"global":{"p2p":true,"minViewers":1,"p2pShare":1.0,"uploadCapBytesPerSec":50000,"uploadOnMetered":false},
             "streams":{"STREAM":{"p2p":false}}}
            """.Replace("STREAM", AnalyticsServer.Stream, StringComparison.Ordinal));
        Assert.Equal(2, (long)stored["version"]!); // the server's version + 1, not the client's
        // The stream key ignores the query string.
        var off = await PolicyAsync(server, "stream=" + Uri.EscapeDataString(AnalyticsServer.Stream + "?token=abc") + "&session=viewer-0001");
        Assert.Equal((false, "disabled", 2L), ((bool)off["p2p"]!, (string)off["reason"]!, (long)off["version"]!));
        Assert.Equal(50000, (long)off["uploadCapBytesPerSec"]!);
        var other = await PolicyAsync(server, "stream=" + Uri.EscapeDataString("http://127.0.0.1:8080/demo/live/master.m3u8") + "&session=viewer-0001");
        Assert.True((bool)other["p2p"]!);

        using var beacon = await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-0001", 1));
        var answer = JsonNode.Parse(await beacon.Content.ReadAsStringAsync())!;
        Assert.Equal((false, "disabled"), ((bool)answer["p2p"]!, (string)answer["reason"]!));
        Assert.Equal(2, (long)(await server.GetJsonAsync("/api/admin/policy"))["version"]!);
    }

    [Fact]
    public async Task Min_viewers_holds_p2p_back_until_enough_viewers_are_live()
    {
        await using var server = await AnalyticsServer.StartAsync();
        await PutAsync(server, """{"global":{"minViewers":2}}""");
        using (var first = await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-0001", 1)))
            Assert.Equal("min-viewers", (string)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["reason"]!);
        using (var second = await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-0002", 1)))
            Assert.Equal("enabled", (string)JsonNode.Parse(await second.Content.ReadAsStringAsync())!["reason"]!);
        // The first viewer stops reporting: after 15 s it is no longer live, so the second is alone again.
        server.Time.Advance(TimeSpan.FromSeconds(16));
        using (var alone = await server.PostBeaconAsync(AnalyticsServer.BeaconJson("viewer-0002", 2)))
            Assert.Equal("min-viewers", (string)JsonNode.Parse(await alone.Content.ReadAsStringAsync())!["reason"]!);
    }

    [Fact]
    public async Task The_ab_split_is_stable_per_session_and_follows_the_share()
    {
        await using var server = await AnalyticsServer.StartAsync();
        await PutAsync(server, """{"global":{"p2pShare":0.5}}""");
        var groups = new Dictionary<string, string>();
        for (var i = 0; i < 200; i++)
        {
            var p = await PolicyAsync(server, $"session=ab-session-{i:D4}");
            groups[$"ab-session-{i:D4}"] = (string)p["group"]!;
            Assert.Equal((string)p["group"]! == "control" ? "ab-control" : "enabled", (string)p["reason"]!);
        }

        var control = groups.Values.Count(g => g == "control");
        Assert.InRange(control, 70, 130);
        foreach (var (session, group) in groups.Take(20))
            Assert.Equal(group, (string)(await PolicyAsync(server, "session=" + session))["group"]!);
    }

    [Theory]
    [InlineData("""{"global":{"p2pShare":1.5}}""", "global.p2pShare")]
    [InlineData("""{"global":{"minViewers":-1}}""", "global.minViewers")]
    [InlineData("""{"global":{"p2p":"yes"}}""", "global.p2p")]
    [InlineData("""{"global":{"p2P":true}}""", "global.p2P")]
    [InlineData("""{"global":{},"extra":1}""", "extra")]
    [InlineData("""{"streams":{}}""", "global")]
    [InlineData("""{"global":{},"global":{}}""", "policy")]
    [InlineData("""{"global":{},"streams":{"s":{"uploadCapBytesPerSec":1.5}}}""", "streams[s].uploadCapBytesPerSec")]
    [InlineData("not json", "policy")]
    public async Task An_invalid_document_is_400_and_changes_nothing(string json, string field)
    {
        await using var server = await AnalyticsServer.StartAsync();
        var error = (string)(await PutAsync(server, json, HttpStatusCode.BadRequest))["error"]!;
        Assert.StartsWith(field + ":", error, StringComparison.Ordinal);
        Assert.Equal(1, server.Analytics.Policy.Version);
    }
}
