using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HlsSwarm.Server.Analytics;
using Xunit;

namespace HlsSwarm.Server.Tests.Analytics;

public class AdminAccessTests
{
    public static TheoryData<string, string> Protected => new()
    {
        { "GET", "/api/admin/policy" },
        { "PUT", "/api/admin/policy" },
        { "GET", "/api/dashboard/summary" },
        { "GET", "/api/dashboard/series?minutes=5" },
        { "GET", "/api/dashboard/graph?stream=x" },
        { "GET", "/api/dashboard/sessions" },
        { "GET", "/api/dashboard/sessions/session-0001" },
        { "GET", "/api/dashboard/events" },
    };

    private static HttpRequestMessage Request(string method, string path, string? authorization)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PUT")
            request.Content = AnalyticsServer.Json("""{"global":{"p2p":false}}""");
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    [Theory, MemberData(nameof(Protected))]
    public async Task Missing_token_is_401_and_wrong_token_is_403(string method, string path)
    {
        await using var server = await AnalyticsServer.StartAsync();
        using (var none = await server.Client.SendAsync(Request(method, path, null)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("application/json", none.Content.Headers.ContentType!.MediaType);
        }

        foreach (var wrong in new[] { "Bearer wrong", "Bearer " + AnalyticsServer.Token + "x", "Bearer " + AnalyticsServer.Token[..^1] })
        {
            using var response = await server.Client.SendAsync(Request(method, path, wrong));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using (var basic = await server.Client.SendAsync(Request(method, path, "Basic " + Convert.ToBase64String("a:b"u8.ToArray()))))
            Assert.Equal(HttpStatusCode.Unauthorized, basic.StatusCode);
        // Nothing changed: the policy is still the initial one.
        Assert.Equal(1, server.Analytics.Policy.Version);
    }

    [Fact]
    public async Task The_query_token_opens_only_the_event_stream()
    {
        await using var server = await AnalyticsServer.StartAsync();
        using (var summary = await server.Client.GetAsync("/api/dashboard/summary?token=" + AnalyticsServer.Token))
            Assert.Equal(HttpStatusCode.Unauthorized, summary.StatusCode);
        using (var policy = await server.Client.GetAsync("/api/admin/policy?token=" + AnalyticsServer.Token))
            Assert.Equal(HttpStatusCode.Unauthorized, policy.StatusCode);
        using (var wrong = await server.Client.GetAsync("/api/dashboard/events?token=nope", HttpCompletionOption.ResponseHeadersRead))
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);

        (await server.PostBeaconAsync(AnalyticsServer.BeaconJson("session-0001", 1, http: 42))).Dispose();
        using var events = await server.Client.GetAsync("/api/dashboard/events?token=" + AnalyticsServer.Token, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        Assert.Equal("event: summary", await reader.ReadLineAsync());
        var data = await reader.ReadLineAsync();
        Assert.StartsWith("data: ", data, StringComparison.Ordinal);
        var summary2 = JsonNode.Parse(data!["data: ".Length..])!;
        Assert.Equal(42, (long)summary2["totals"]!["bytes"]!["http"]!);
        Assert.Equal("", await reader.ReadLineAsync());

        // The next event comes after 2 s of the server's clock.
        var next = reader.ReadLineAsync();
        await Task.Delay(100);
        Assert.False(next.IsCompleted);
        server.Time.Advance(AnalyticsEndpoints.EventInterval);
        Assert.Equal("event: summary", await next.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Without_a_configured_token_a_random_128_bit_one_is_generated()
    {
        await using var server = await AnalyticsServer.StartAsync(new AnalyticsOptions());
        var token = server.Analytics.Token.Value;
        Assert.Matches("^[0-9a-f]{32}$", token);
        await using var other = await AnalyticsServer.StartAsync(new AnalyticsOptions());
        Assert.NotEqual(token, other.Analytics.Token.Value);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/policy");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Token_comparison_matches_only_the_exact_token()
    {
        var token = new AdminToken("s3cret-token");
        Assert.True(token.Matches("s3cret-token"));
        Assert.False(token.Matches("s3cret-toke"));
        Assert.False(token.Matches("s3cret-token "));
        Assert.False(token.Matches("S3cret-token"));
        Assert.False(token.Matches(""));
    }
}
