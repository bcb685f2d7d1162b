using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// The HTTP-pipeline path: accepts a tracker WebSocket through ASP.NET Core — an HTTP/1.1 upgrade (RFC 6455) or an
/// HTTP/2 extended CONNECT (RFC 8441) — for TLS, HTTP/2 and anything the connection-level path left to HTTP, and
/// answers refused upgrades: 403 for a disallowed Origin, 429 when the remote IP holds too many connections.
/// The accepted stream is spoken by the same <see cref="TrackerConnection"/> framing as the fast path.
/// </summary>
internal sealed class TrackerWebSocketHandler
{
    private readonly TrackerLoop _loop;
    private readonly HashSet<string> _origins;

    public TrackerWebSocketHandler(TrackerLoop loop, ConnectionsPerIp perIp)
    {
        _loop = loop;
        PerIp = perIp;
        _origins = new HashSet<string>(loop.EndpointOptions.AllowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);
    }

    public ConnectionsPerIp PerIp { get; }

    /// <summary>True when the allow-list is empty or contains <paramref name="origin"/>.</summary>
    public bool IsOriginAllowed(ReadOnlySpan<char> origin) =>
        _origins.Count == 0 || (origin.Length > 0 && _origins.GetAlternateLookup<ReadOnlySpan<char>>().Contains(origin.TrimEnd('/')));

    /// <summary>True for a WebSocket handshake request this handler can accept.</summary>
    public static bool IsWebSocketRequest(HttpContext context)
    {
        if (context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect)
        {
            return string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase);
        }

        return HttpMethods.IsGet(context.Request.Method)
               && context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true }
               && context.Request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (!IsOriginAllowed(headers.Origin.ToString()))
        {
            _loop.EndpointCounters.Count(TrackerUpgradeRejection.Origin);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("origin not allowed").ConfigureAwait(false);
            return;
        }

        if (headers.SecWebSocketVersion.ToString() != "13")
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.Headers.SecWebSocketVersion = "13";
            await context.Response.WriteAsync("unsupported WebSocket version").ConfigureAwait(false);
            return;
        }

        var connect = context.Features.Get<IHttpExtendedConnectFeature>();
        var key = headers.SecWebSocketKey.ToString();
        if (connect is not { IsExtendedConnect: true } && key.Length is < 16 or > 64)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("missing Sec-WebSocket-Key").ConfigureAwait(false);
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
            Stream stream;
            if (connect is { IsExtendedConnect: true })
            {
                stream = await connect.AcceptAsync().ConfigureAwait(false);
            }
            else
            {
                context.Response.Headers.Connection = "Upgrade";
                context.Response.Headers.Upgrade = "websocket";
                context.Response.Headers.SecWebSocketAccept = WebSocketHandshake.Accept(key);
                stream = await context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync().ConfigureAwait(false);
            }

            _loop.EndpointCounters.CountUpgrade(connectionLevel: false);
            var input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true, useZeroByteReads: true));
            var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
            var tracker = new TrackerConnection(_loop, input, output, context);
            await tracker.RunAsync(context.RequestAborted).ConfigureAwait(false);
            await output.CompleteAsync().ConfigureAwait(false);
            await input.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away.
        }
        finally
        {
            PerIp.Release(ip);
        }
    }
}
