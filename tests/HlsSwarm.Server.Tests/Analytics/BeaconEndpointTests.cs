using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HlsSwarm.Server.Analytics;
using Xunit;

namespace HlsSwarm.Server.Tests.Analytics;

public class BeaconEndpointTests
{
    private static async Task<long> StoredAsync(AnalyticsServer server)
    {
        await server.Analytics.Store.FlushAsync();
        return await server.Analytics.Store.CountAsync();
    }

    [Fact]
    public async Task A_valid_beacon_is_answered_with_the_policy_and_stored()
    {
        await using var server = await AnalyticsServer.StartAsync();
        using var response = await server.PostBeaconAsync(AnalyticsServer.BeaconJson("session-0001", 1, http: 100, p2p: 300));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var policy = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True((bool)policy["p2p"]!);
        Assert.Equal("p2p", (string)policy["group"]!);
        Assert.Equal("enabled", (string)policy["reason"]!);
        Assert.Equal(5000, (int)policy["refreshMs"]!);
        Assert.Equal(1, await StoredAsync(server));
    }

    [Fact]
    public async Task SendBeacon_text_plain_is_accepted()
    {
        await using var server = await AnalyticsServer.StartAsync();
        using var content = new StringContent(AnalyticsServer.BeaconJson("session-0001", 1), Encoding.UTF8, "text/plain");
        using var response = await server.Client.PostAsync("/api/beacon", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/html")]
    [InlineData("application/json; charset=latin1")]
    [InlineData(null)]
    public async Task A_wrong_content_type_is_415_and_not_stored(string? mediaType)
    {
        await using var server = await AnalyticsServer.StartAsync();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(AnalyticsServer.BeaconJson("session-0001", 1)));
        if (mediaType is not null)
            content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        using var response = await server.Client.PostAsync("/api/beacon", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, await StoredAsync(server));
        Assert.Equal(0, server.Analytics.Aggregates.SessionCount);
    }

    [Fact]
    public async Task An_oversized_beacon_is_413_and_not_stored_with_or_without_content_length()
    {
        await using var server = await AnalyticsServer.StartAsync();
        var big = AnalyticsServer.BeaconJson("session-0001", 1).Replace("\"metered\":false", "\"metered\":false,\"pad\":\"" + new string('x', 17_000) + "\"");
        using (var response = await server.PostBeaconAsync(big))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        // Chunked: no Content-Length, so the limit is enforced while reading.
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/beacon") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using (var response = await server.Client.SendAsync(request))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await StoredAsync(server));
    }

    [Theory]
    [InlineData("{", "")]
    [InlineData("{\"v\":1}", "sessionId")]
    [InlineData("{\"v\":2,\"sessionId\":\"session-0001\"}", "v")]
    [InlineData("[]", "")]
    public async Task A_malformed_beacon_is_400_naming_the_field_and_not_stored(string body, string field)
    {
        await using var server = await AnalyticsServer.StartAsync();
        using var response = await server.PostBeaconAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        if (field.Length > 0)
            Assert.StartsWith(field + ": ", error, StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(server));
    }

    [Fact]
    public async Task A_wrongly_typed_counter_is_400()
    {
        await using var server = await AnalyticsServer.StartAsync();
        using var response = await server.PostBeaconAsync(AnalyticsServer.BeaconJson("session-0001", 1).Replace("\"http\":0", "\"http\":-1"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bytes.http: must be an integer in range", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!);
    }

    [Fact]
    public async Task A_stale_or_duplicate_seq_is_409_and_not_stored()
    {
        await using var server = await AnalyticsServer.StartAsync();
        using (var ok = await server.PostBeaconAsync(AnalyticsServer.BeaconJson("session-0001", 5, http: 10)))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var same = await server.PostBeaconAsync(AnalyticsServer.BeaconJson("session-0001", 5, http: 999)))
            Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        using (var older = await server.PostBeaconAsync(AnalyticsServer.BeaconJson("session-0001", 4, http: 999)))
            Assert.Equal(HttpStatusCode.Conflict, older.StatusCode);
        Assert.Equal(1, await StoredAsync(server));
        var summary = await server.GetJsonAsync("/api/dashboard/summary");
        Assert.Equal(10, (long)summary["totals"]!["bytes"]!["http"]!);
    }

    [Fact]
    public async Task A_flooding_address_is_rate_limited_while_another_address_passes()
    {
        await using var server = await AnalyticsServer.StartAsync();
        using var flooder = server.ClientFrom("127.0.0.1");
        using var neighbour = server.ClientFrom("127.0.0.2");
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 40; i++)
        {
            using var r = await server.PostBeaconAsync(AnalyticsServer.BeaconJson("flooding-1", i), flooder);
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.True(int.Parse(r.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        }

        // The clock is fake and does not move: exactly the burst (20) passes.
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        for (var i = 1; i <= 10; i++)
        {
            using var r = await server.PostBeaconAsync(AnalyticsServer.BeaconJson("neighbour-1", i), neighbour);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        // Refill: 10 per second.
        server.Time.Advance(TimeSpan.FromSeconds(1));
        using (var again = await server.PostBeaconAsync(AnalyticsServer.BeaconJson("flooding-1", 100), flooder))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(31, await StoredAsync(server));
    }

    [Fact]
    public async Task Html_in_beacon_strings_is_stored_verbatim_and_served_only_as_json()
    {
        await using var server = await AnalyticsServer.StartAsync();
        const string Script = "<script>alert('x')</script>";
        const string Img = "<img src=x onerror=alert(1)>&amp;\"";
        var errors = $"[{{\"kind\":\"<b>kind</b>\",\"message\":{AnalyticsServer.Quote(Img)}}}]";
        using (var r = await server.PostBeaconAsync(AnalyticsServer.BeaconJson("session-0001", 1, rendition: Script, errors: errors,
                   stream: "http://127.0.0.1/<svg onload=alert(1)>.m3u8")))
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        foreach (var path in new[] { "/api/dashboard/summary", "/api/dashboard/sessions", "/api/dashboard/sessions/session-0001" })
        {
            using var response = await server.Admin.GetAsync(path);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>", text, StringComparison.Ordinal); // escaped as \u003C inside JSON strings
        }

        var session = await server.GetJsonAsync("/api/dashboard/sessions/session-0001");
        Assert.Equal(Script, (string)session["rendition"]!);
        Assert.Equal(Img, (string)session["errors"]![0]!["message"]!);
        Assert.Equal("<b>kind</b>", (string)session["errors"]![0]!["kind"]!);
        Assert.Equal(Img, (string)session["timeline"]![0]!["errors"]![0]!["message"]!);
        Assert.Equal("2026-11-25T10:00:00Z", (string)session["errors"]![0]!["t"]!);
        var listed = (await server.GetJsonAsync("/api/dashboard/sessions"))["sessions"]![0]!;
        Assert.Equal(Img, (string)listed["errors"]![0]!["message"]!);
        var summary = await server.GetJsonAsync("/api/dashboard/summary");
        Assert.Equal(1, (int)summary["streams"]![0]!["renditions"]![Script]!);
        Assert.Equal("http://127.0.0.1/<svg onload=alert(1)>.m3u8", (string)summary["streams"]![0]!["stream"]!);
        var stored = await server.Analytics.Store.ReadSessionAsync("session-0001", 10);
        Assert.Contains(Script, stored.Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_carry_beacon_results_bytes_and_viewers()
    {
        await using var server = await AnalyticsServer.StartAsync();
        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("session-0001", 1, http: 100, p2p: 50, failures: "{\"timeout\":2}", stallCount: 1))).Dispose();
        (await server.PostBeaconAsync("{")).Dispose();
        var text = await server.Client.GetStringAsync("/metrics");
        Assert.Contains("hlsswarm_beacons_total{result=\"accepted\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("hlsswarm_beacons_total{result=\"invalid\"} 1", text, StringComparison.Ordinal);
        Assert.Contains($"hlsswarm_viewers{{stream=\"{AnalyticsServer.Stream}\"}} 1", text, StringComparison.Ordinal);
        Assert.Contains($"hlsswarm_viewer_bytes_total{{stream=\"{AnalyticsServer.Stream}\",source=\"p2p\"}} 50", text, StringComparison.Ordinal);
        Assert.Contains("hlsswarm_peer_failures_total{reason=\"timeout\"} 2", text, StringComparison.Ordinal);
        Assert.Contains($"hlsswarm_stalls_total{{stream=\"{AnalyticsServer.Stream}\"}} 1", text, StringComparison.Ordinal);
        Assert.Contains("hlsswarm_startup_seconds_count 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_analytics_the_api_is_404()
    {
        await using var app = HlsSwarmServer.Build(new ServerOptions { Urls = ["http://127.0.0.1:0"], Demo = null, ServePlayer = false, Analytics = null }, []);
        await app.StartAsync();
        var address = app.Urls.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var beacon = await client.PostAsync("/api/beacon", AnalyticsServer.Json(AnalyticsServer.BeaconJson("session-0001", 1)));
        Assert.Equal(HttpStatusCode.NotFound, beacon.StatusCode);
        using var policy = await client.GetAsync("/api/policy");
        Assert.Equal(HttpStatusCode.NotFound, policy.StatusCode);
        await app.StopAsync();
    }
}
