using Microsoft.AspNetCore.Http;

namespace HlsSwarm.Server;

/// <summary>
/// Serves the player page (<c>index.html</c> of the web root) for <c>GET /</c>, but lets WebSocket upgrade
/// requests to <c>/</c> through to the tracker, which also listens there (p2p-media-loader users often give
/// the tracker URL without a path).
/// </summary>
public sealed class PlayerPageMiddleware
{
    private readonly RequestDelegate _next;
    private readonly string _indexPath;

    /// <summary>Creates the middleware serving <paramref name="indexPath"/>.</summary>
    public PlayerPageMiddleware(RequestDelegate next, string indexPath)
    {
        _next = next;
        _indexPath = indexPath;
    }

    /// <summary>Answers <c>GET /</c> and <c>HEAD /</c> that are not WebSocket upgrades with the player page.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var isPage = request.Path == "/" && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !IsWebSocketUpgrade(request);
        if (!isPage)
        {
            await _next(context).ConfigureAwait(false);
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        if (HttpMethods.IsHead(request.Method))
            return;
        await context.Response.SendFileAsync(_indexPath, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool IsWebSocketUpgrade(HttpRequest request) =>
        request.Headers.Upgrade.Any(v => string.Equals(v, "websocket", StringComparison.OrdinalIgnoreCase))
        || HttpMethods.IsConnect(request.Method); // HTTP/2 extended CONNECT (RFC 8441)
}
