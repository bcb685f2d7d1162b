using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>Wires the tracker into an ASP.NET Core host.</summary>
public static class TrackerEndpointExtensions
{
    /// <summary>Registers the tracker core and its WebSocket endpoint services.</summary>
    public static IServiceCollection AddHlsSwarmTracker(
        this IServiceCollection services, TrackerOptions? core = null, TrackerEndpointOptions? endpoint = null)
    {
        services.AddSingleton(core ?? new TrackerOptions());
        services.AddSingleton(endpoint ?? new TrackerEndpointOptions());
        return services;
    }

    /// <summary>
    /// Maps the tracker: WebSocket at <c>/announce</c> and at <c>/</c> (WebSocket upgrade requests only, so a page
    /// can be served at <c>/</c> too), plus <c>/healthz</c>, <c>/stats</c> and <c>/metrics</c>.
    /// </summary>
    public static WebApplication MapHlsSwarmTracker(this WebApplication app)
    {
        // Placeholder until the endpoint lands (issue 2).
        app.MapGet("/healthz", () => Results.Text("ok"));
        return app;
    }
}
