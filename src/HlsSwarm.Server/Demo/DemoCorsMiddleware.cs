using Microsoft.AspNetCore.Http;

namespace HlsSwarm.Server.Demo;

/// <summary>
/// Lets any site play the demo streams: every response under <c>/demo/</c> — errors included — carries
/// <c>Access-Control-Allow-Origin: *</c>, and CORS preflight (OPTIONS) requests are answered 204 here.
/// </summary>
public sealed class DemoCorsMiddleware
{
    private readonly RequestDelegate _next;

    /// <summary>Creates the middleware.</summary>
    public DemoCorsMiddleware(RequestDelegate next) => _next = next;

    /// <summary>Adds the CORS headers to <c>/demo/</c> responses and answers preflights.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments("/demo", StringComparison.Ordinal))
            return _next(context);

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlExposeHeaders = "Content-Length, Content-Type";
        if (!HttpMethods.IsOptions(context.Request.Method))
        {
            // Headers set before the endpoint runs survive a thrown exception only if re-applied.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.AccessControlAllowOrigin = "*";
                return Task.CompletedTask;
            });
            return _next(context);
        }
        headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
        var requested = context.Request.Headers.AccessControlRequestHeaders;
        headers.AccessControlAllowHeaders = requested.Count > 0 ? requested : (Microsoft.Extensions.Primitives.StringValues)"Range";
        headers.AccessControlMaxAge = "86400";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
