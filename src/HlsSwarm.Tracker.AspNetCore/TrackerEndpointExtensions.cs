using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>Wires the tracker into an ASP.NET Core host.</summary>
public static class TrackerEndpointExtensions
{
    private static readonly JsonSerializerOptions StatsJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
    };

    /// <summary>
    /// Registers the tracker core and its WebSocket endpoint services (validating both option sets: a nonsense
    /// value throws <see cref="ArgumentException"/>). Uses the <see cref="TimeProvider"/> registered in DI, or
    /// <see cref="TimeProvider.System"/>.
    /// </summary>
    public static IServiceCollection AddHlsSwarmTracker(
        this IServiceCollection services, TrackerOptions? core = null, TrackerEndpointOptions? endpoint = null)
    {
        core ??= new TrackerOptions();
        endpoint ??= new TrackerEndpointOptions();
        core.Validate();
        endpoint.Validate(core);
        services.AddSingleton(core);
        services.AddSingleton(endpoint);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new TrackerLoop(
            sp.GetRequiredService<TrackerOptions>(), sp.GetRequiredService<TrackerEndpointOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService(sp => sp.GetRequiredService<TrackerLoop>());
        services.AddSingleton(sp => new TrackerMetrics(sp.GetRequiredService<TrackerLoop>()));
        services.AddSingleton(sp => new TrackerWebSocketHandler(sp.GetRequiredService<TrackerLoop>()));
        return services;
    }

    /// <summary>
    /// Maps the tracker: WebSocket at <c>/announce</c> and at <c>/</c> (WebSocket upgrade requests only, so a page
    /// can be served at <c>/</c> too), plus <c>/healthz</c>, <c>/stats</c> and <c>/metrics</c>.
    /// </summary>
    public static WebApplication MapHlsSwarmTracker(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var handler = app.Services.GetRequiredService<TrackerWebSocketHandler>();
        var loop = app.Services.GetRequiredService<TrackerLoop>();
        var metrics = app.Services.GetRequiredService<TrackerMetrics>();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (context.WebSockets.IsWebSocketRequest && (path == "/" || path == "/announce"))
            {
                await handler.HandleAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.MapGet("/announce", () => Results.Text("WebSocket upgrade required", statusCode: StatusCodes.Status426UpgradeRequired));
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/stats", async (HttpContext context) =>
        {
            var stats = await loop.GetStatsAsync(context.RequestAborted).ConfigureAwait(false);
            return Results.Json(stats, StatsJson);
        });
        app.MapMetrics("/metrics", metrics.Registry);
        return app;
    }
}
