using System.Net;
using Microsoft.AspNetCore.Http;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// The HTTP-pipeline path: accepts a tracker WebSocket through ASP.NET Core (used for TLS, HTTP/2 and anything
/// the connection-level path left to HTTP), and answers refused upgrades: 403 for a disallowed Origin, 429 when
/// the remote IP holds too many connections.
/// </summary>
internal sealed class TrackerWebSocketHandler
{
    private readonly TrackerLoop _loop;
    private readonly TrackerSession _session;
    private readonly HashSet<string> _origins;

    public TrackerWebSocketHandler(TrackerLoop loop, ConnectionsPerIp perIp, TrackerSession session)
    {
        _loop = loop;
        PerIp = perIp;
        _session = session;
        _origins = new HashSet<string>(loop.EndpointOptions.AllowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);
    }

    public ConnectionsPerIp PerIp { get; }

    /// <summary>True when the allow-list is empty or contains <paramref name="origin"/>.</summary>
    public bool IsOriginAllowed(ReadOnlySpan<char> origin) =>
        _origins.Count == 0 || (origin.Length > 0 && _origins.GetAlternateLookup<ReadOnlySpan<char>>().Contains(origin.TrimEnd('/')));

    public async Task HandleAsync(HttpContext context)
    {
        if (!IsOriginAllowed(context.Request.Headers.Origin.ToString()))
        {
            _loop.EndpointCounters.Count(TrackerUpgradeRejection.Origin);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("origin not allowed").ConfigureAwait(false);
            return;
        }

        var ip = context.Connection.RemoteIpAddress;
        if (!PerIp.TryAcquire(ip))
        {
            _loop.EndpointCounters.Count(TrackerUpgradeRejection.ConnectionsPerIp);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await context.Response.WriteAsync("too many connections from this address").ConfigureAwait(false);
            return;
        }

        try
        {
            using var ws = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                // Browsers never ping; a keep-alive timer per connection would only cost memory.
                KeepAliveInterval = TimeSpan.Zero,
                DangerousEnableCompression = false,
            }).ConfigureAwait(false);
            _loop.EndpointCounters.CountUpgrade(connectionLevel: false);
            await _session.RunAsync(ws, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            PerIp.Release(ip);
        }
    }
}
