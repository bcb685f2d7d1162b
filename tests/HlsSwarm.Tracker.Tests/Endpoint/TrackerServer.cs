using System.Net;
using HlsSwarm.Tracker.AspNetCore;
using HlsSwarm.Tracker.AspNetCore.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HlsSwarm.Tracker.Tests.Endpoint;

/// <summary>A real Kestrel host on 127.0.0.1, port 0, with only the tracker mapped.</summary>
public sealed class TrackerServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TrackerServer(WebApplication app, Uri http)
    {
        _app = app;
        Http = http;
        WebSocket = new Uri($"ws://{http.Authority}/");
        Announce = new Uri($"ws://{http.Authority}/announce");
    }

    public Uri Http { get; }

    public Uri WebSocket { get; }

    public Uri Announce { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TrackerServer> StartAsync(TrackerOptions? core = null, TrackerEndpointOptions? endpoint = null, TimeProvider? time = null, TrackerClusterOptions? cluster = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddHlsSwarmTracker(core, endpoint, cluster);
        var app = builder.Build();
        app.MapHlsSwarmTracker();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TrackerServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
