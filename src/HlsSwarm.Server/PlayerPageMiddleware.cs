using Microsoft.AspNetCore.Http;

namespace HlsSwarm.Server;

/// <summary>
/// Serves the player page (<c>index.html</c> of the web root) for <c>GET /</c>, but lets WebSocket upgrade
/// requests to <c>/</c> through to the tracker, which also listens there (p2p-media-loader users often give
/// the tracker URL without a path). Also serves the analytics dashboard (<c>dashboard.html</c> next to it) for
/// <c>GET /dashboard</c>; the page holds no data, its API calls carry the admin token.
/// </summary>
public sealed class PlayerPageMiddleware
{
    // The dashboard renders viewer-written strings (beacon fields) as text; the policy is defence in depth: no inline
    // or foreign script runs even if a rendering bug slipped in, and no other site may frame the admin page.
    // Chart.js and the page set inline styles, hence 'unsafe-inline' for styles only.
    private const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private readonly RequestDelegate _next;
    private readonly string _indexPath;
    private readonly string _dashboardPath;

    /// <summary>Creates the middleware serving <paramref name="indexPath"/> and the <c>dashboard.html</c> beside it.</summary>
    public PlayerPageMiddleware(RequestDelegate next, string indexPath)
    {
        ArgumentNullException.ThrowIfNull(indexPath);
        _next = next;
        _indexPath = indexPath;
        _dashboardPath = Path.Combine(Path.GetDirectoryName(indexPath) ?? ".", "dashboard.html");
    }

    /// <summary>
    /// Answers <c>GET /</c> and <c>HEAD /</c> that are not WebSocket upgrades with the player page, and
    /// <c>GET /dashboard</c> with the dashboard page (when the file exists).
    /// </summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var readOnly = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        string? file = null;
        if (readOnly && request.Path == "/" && !IsWebSocketUpgrade(request))
            file = _indexPath;
        else if (readOnly && (request.Path == "/dashboard" || request.Path == "/dashboard/") && File.Exists(_dashboardPath))
            file = _dashboardPath;
        if (file is null)
        {
            await _next(context).ConfigureAwait(false);
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        if (ReferenceEquals(file, _dashboardPath))
        {
            context.Response.Headers.ContentSecurityPolicy = DashboardContentSecurityPolicy;
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            context.Response.Headers.XContentTypeOptions = "nosniff";
        }
        if (HttpMethods.IsHead(request.Method))
            return;
        await context.Response.SendFileAsync(file, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool IsWebSocketUpgrade(HttpRequest request) =>
        request.Headers.Upgrade.Any(v => string.Equals(v, "websocket", StringComparison.OrdinalIgnoreCase))
        || HttpMethods.IsConnect(request.Method); // HTTP/2 extended CONNECT (RFC 8441)
}
