using System.Text.Json;
using HlsSwarm.Tracker.AspNetCore.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
    /// <param name="services">The host's services.</param>
    /// <param name="core">Core limits and timings (defaults when null).</param>
    /// <param name="endpoint">Transport limits (defaults when null).</param>
    /// <param name="cluster">
    /// When not null, this tracker is one node of a cluster sharing every swarm through Redis
    /// (docs/tracker-cluster.md); <see cref="TrackerOptions.Clustered"/> is then set on <paramref name="core"/>.
    /// </param>
    public static IServiceCollection AddHlsSwarmTracker(
        this IServiceCollection services, TrackerOptions? core = null, TrackerEndpointOptions? endpoint = null, TrackerClusterOptions? cluster = null)
    {
        core ??= new TrackerOptions();
        endpoint ??= new TrackerEndpointOptions();
        core = core with { Clustered = cluster is not null };
        core.Validate();
        endpoint.Validate(core);
        cluster?.Validate();
        services.AddSingleton(core);
        services.AddSingleton(endpoint);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new TrackerLoop(
            sp.GetRequiredService<TrackerOptions>(), sp.GetRequiredService<TrackerEndpointOptions>(), sp.GetRequiredService<TimeProvider>(),
            cluster is null ? null : new RedisBackplane(cluster, sp.GetRequiredService<TrackerOptions>(), sp.GetRequiredService<TimeProvider>())));
        services.AddHostedService(sp =>
        {
            var loop = sp.GetRequiredService<TrackerLoop>();
            sp.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(loop.OnStopping);
            return loop;
        });
        services.AddSingleton(sp => new TrackerMetrics(sp.GetRequiredService<TrackerLoop>()));
        services.AddSingleton(sp => new ConnectionsPerIp(sp.GetRequiredService<TrackerEndpointOptions>().MaxConnectionsPerIp));
        services.AddSingleton(sp => new TrackerWebSocketHandler(sp.GetRequiredService<TrackerLoop>(), sp.GetRequiredService<ConnectionsPerIp>()));
        services.AddSingleton(sp => new TrackerConnectionMiddleware(sp.GetRequiredService<TrackerLoop>(), sp.GetRequiredService<TrackerWebSocketHandler>()));

        // The connection-level fast path is a Kestrel connection middleware on every endpoint. Endpoint defaults
        // are applied when an endpoint is declared (Listen), so this runs first among the Kestrel options actions,
        // even when the host declared its endpoints before calling AddHlsSwarmTracker. A host that calls
        // ConfigureEndpointDefaults itself replaces this hook: tracker WebSockets then use the HTTP path only.
        services.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>>(sp =>
            new ConfigureOptions<KestrelServerOptions>(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
            {
                TrackerConnectionMiddleware? middleware = null;
                listen.Use(next => connection =>
                {
                    middleware ??= sp.GetRequiredService<TrackerConnectionMiddleware>();
                    return middleware.OnConnectionAsync(connection, next);
                });
            }))));
        return services;
    }

    /// <summary>
    /// Maps the tracker: WebSocket at <c>/announce</c> and at <c>/</c> (WebSocket upgrade requests only, so a page
    /// can be served at <c>/</c> too), plus <c>/healthz</c>, <c>/stats</c> and <c>/metrics</c> (the tracker's metrics
    /// followed by <see cref="Metrics.DefaultRegistry"/>, so host metrics appear there too).
    /// </summary>
    public static WebApplication MapHlsSwarmTracker(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var handler = app.Services.GetRequiredService<TrackerWebSocketHandler>();
        var loop = app.Services.GetRequiredService<TrackerLoop>();
        var metrics = app.Services.GetRequiredService<TrackerMetrics>();
        loop.Mapped = true;
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if ((path == "/" || path == "/announce") && TrackerWebSocketHandler.IsWebSocketRequest(context))
            {
                await handler.HandleAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.MapGet("/announce", () => Results.Text("WebSocket upgrade required", statusCode: StatusCodes.Status426UpgradeRequired));
        // A cluster node without Redis still serves its own peers, so it stays in service (200): a 503 would make the
        // load balancer drain every node at once during a Redis outage. The body says what is degraded.
        app.MapGet("/healthz", () => Results.Text(loop.Degraded ? "degraded: redis unavailable, serving local peers only"
            : loop.LeaseConflict ? "degraded: another process took this node id while Redis was unreachable; restart one of them with another --node-id"
            : "ok"));
        app.MapGet("/stats", async (HttpContext context) =>
        {
            var stats = await loop.GetStatsAsync(context.RequestAborted).ConfigureAwait(false);
            return Results.Json(stats, StatsJson);
        });
        // The tracker's own registry (one per tracker, so several hosts in one process never mix their numbers),
        // then the process-wide default registry, where the host and libraries put theirs.
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
        return app;
    }
}
