using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using HlsSwarm.Server.Analytics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HlsSwarm.Server.Tests.Analytics;

/// <summary>A real Kestrel server on 127.0.0.1 with analytics on, a known admin token and a fake clock.</summary>
public sealed class AnalyticsServer : IAsyncDisposable
{
    public const string Token = "test-admin-token-0123456789";
    public const string Stream = "http://127.0.0.1:8080/demo/vod/master.m3u8";

    private AnalyticsServer(WebApplication app, FakeTimeProvider time, Uri baseAddress)
    {
        App = app;
        Time = time;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
        Admin = new HttpClient { BaseAddress = baseAddress };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public WebApplication App { get; }
    public FakeTimeProvider Time { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public HttpClient Admin { get; }
    public AnalyticsService Analytics => App.Services.GetRequiredService<AnalyticsService>();

    public static async Task<AnalyticsServer> StartAsync(AnalyticsOptions? options = null, FakeTimeProvider? time = null)
    {
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        var app = HlsSwarmServer.Build(new ServerOptions
        {
            Urls = ["http://127.0.0.1:0"],
            Demo = null,
            ServePlayer = false,
            Analytics = options ?? new AnalyticsOptions { AdminToken = Token },
        }, [], time);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AnalyticsServer(app, time, new Uri(address));
    }

    /// <summary>A client whose connections come from <paramref name="local"/> (any 127.x address is loopback on Linux).</summary>
    public HttpClient ClientFrom(string local)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(local), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    public static string BeaconJson(string sessionId, long seq, long http = 0, long p2p = 0, long uploaded = 0,
        string stream = Stream, string rendition = "640x360 800000", string? peerId = null, string group = "p2p",
        string transfers = "[]", string failures = "{}", long? startupMs = 700, long stallCount = 0, long stallMs = 0,
        long playingMs = 0, string errors = "[]")
    {
        var peer = peerId is null ? "null" : $"\"{peerId}\"";
        var startup = startupMs is null ? "null" : startupMs.ToString();
        return $$"""
            {"v":1,"sessionId":"{{sessionId}}","seq":{{seq}},"client":{"kind":"web","version":"test"},
             "stream":{{Quote(stream)}},"rendition":{{Quote(rendition)}},"peerId":{{peer}},
             "p2p":{"enabled":{{(group == "p2p" ? "true" : "false")}},"group":"{{group}}"},
             "bytes":{"http":{{http}},"p2p":{{p2p}},"uploaded":{{uploaded}}},
             "peers":{"connected":1,"attempts":1,"failures":{{failures}}},"transfers":{{transfers}},
             "startupMs":{{startup}},"stalls":{"count":{{stallCount}},"ms":{{stallMs}}},"playingMs":{{playingMs}},
             "liveLatencyMs":null,"errors":{{errors}},"metered":false}
            """;
    }

    /// <summary>A JSON string literal with HTML characters left raw, as a browser's JSON.stringify writes them.</summary>
    public static string Quote(string text) =>
        System.Text.Json.JsonSerializer.Serialize(text, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static StringContent Json(string json, string mediaType = "application/json") =>
        new(json, Encoding.UTF8, mediaType);

    public Task<HttpResponseMessage> PostBeaconAsync(string json, HttpClient? client = null) =>
        (client ?? Client).PostAsync("/api/beacon", Json(json));

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
