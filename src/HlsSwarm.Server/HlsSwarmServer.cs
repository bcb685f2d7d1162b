using HlsSwarm.Server.Analytics;
using HlsSwarm.Server.Demo;
using HlsSwarm.Tracker.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace HlsSwarm.Server;

/// <summary>
/// Builds the all-in-one host: the tracker (WebSocket at <c>/announce</c> and <c>/</c>, <c>/healthz</c>,
/// <c>/stats</c>, <c>/metrics</c>), the demo origin (<c>/demo/vod/…</c>, <c>/demo/live/…</c>, <c>/demo/stats</c>)
/// the web player (<c>/</c>, <c>/dist/hlsswarm.js</c>) and the viewer analytics and policy API (<c>/api/*</c>).
/// </summary>
public static class HlsSwarmServer
{
    /// <summary>Builds (but does not start) the host.</summary>
    /// <param name="options">What to host and where; see <see cref="ServerOptions.Validate"/>.</param>
    /// <param name="args">Extra ASP.NET Core configuration arguments (usually empty).</param>
    /// <param name="time">The clock of the live channel; null means <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists the problems.</exception>
    /// <exception cref="InvalidDataException">The demo media, the certificate or the analytics database cannot be loaded.</exception>
    public static WebApplication Build(ServerOptions options, string[] args, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        time ??= TimeProvider.System;

        var baseDirectory = AppContext.BaseDirectory;
        var webRoot = options.WebRootPath ?? Path.Combine(baseDirectory, "wwwroot");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = baseDirectory,
            WebRootPath = Directory.Exists(webRoot) ? webRoot : null,
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // A failed start (port in use, bad certificate) surfaces as the exception of StartAsync; the caller reports
        // it (the CLI prints one line), so the host's own error log with its stack trace is not wanted.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.WebHost.UseUrls([.. options.Urls]);
        if (options.Certificate is { } certificateOptions)
        {
            var certificate = ServerCertificate.Load(certificateOptions);
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate));
        }
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        builder.Services.AddSingleton(time);
        builder.Services.AddHlsSwarmTracker(options.Tracker, options.TrackerEndpoint, options.Cluster);

        DemoOrigin? origin = null;
        if (options.Demo is { } demo)
        {
            var catalog = DemoCatalog.Load(demo.MediaDirectory ?? Path.Combine(baseDirectory, "DemoMedia"));
            origin = new DemoOrigin(catalog, new LiveChannel(catalog, demo.LiveWindowSegments, time), new OriginStatistics());
            builder.Services.AddSingleton(origin);
        }

        AnalyticsService? analytics = null;
        if (options.Analytics is { } analyticsOptions)
        {
            analytics = new AnalyticsService(analyticsOptions, time);
            // A factory registration, so the container disposes it (closing the database) with the host.
            builder.Services.AddSingleton(_ => analytics);
            builder.Services.AddHostedService(sp => sp.GetRequiredService<AnalyticsService>());
        }

        var app = builder.Build();

        if (origin is not null)
            app.UseMiddleware<DemoCorsMiddleware>();
        if (options.ServePlayer && Directory.Exists(webRoot))
        {
            var index = Path.Combine(webRoot, "index.html");
            if (File.Exists(index))
                app.UseMiddleware<PlayerPageMiddleware>(index);
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(webRoot),
                // The bundle's name does not change between builds: make browsers revalidate.
                OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache",
            });
        }

        app.MapHlsSwarmTracker();
        if (analytics is not null)
            app.MapHlsSwarmAnalytics(analytics);

        if (origin is not null)
        {
            app.MapGet("/demo/stats", () => Results.Json(OriginStatisticsJson.From(origin)));
            app.MapMethods("/demo/{**path}", [HttpMethods.Get, HttpMethods.Head],
                (HttpContext context, string? path) => origin.HandleAsync(context, path));
        }

        // The tracker endpoint maps /metrics (default registry) once it lands; until then, map it here.
        if (!HasRoute(app, "/metrics"))
            app.MapMetrics("/metrics");

        return app;
    }

    private static bool HasRoute(IEndpointRouteBuilder routes, string pattern) =>
        routes.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Any(e => string.Equals("/" + e.RoutePattern.RawText?.TrimStart('/'), pattern, StringComparison.OrdinalIgnoreCase));
}
