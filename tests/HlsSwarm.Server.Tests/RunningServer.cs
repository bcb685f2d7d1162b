using HlsSwarm.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HlsSwarm.Server.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port and a fake clock for the live channel.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(WebApplication app, FakeTimeProvider time, Uri baseAddress)
    {
        App = app;
        Time = time;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }
    public FakeTimeProvider Time { get; }
    public HttpClient Client { get; }

    public static string DemoMediaDirectory => Path.Combine(AppContext.BaseDirectory, "DemoMedia");

    public static async Task<RunningServer> StartAsync(int liveWindow = DemoOptions.DefaultLiveWindowSegments)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        var app = HlsSwarmServer.Build(new ServerOptions
        {
            Urls = ["http://127.0.0.1:0"],
            Demo = new DemoOptions { LiveWindowSegments = liveWindow },
        }, [], time);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningServer(app, time, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
