using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// The connection-level fast path: a Kestrel connection middleware that takes a plain HTTP/1.1 WebSocket upgrade
/// for <c>/</c> or <c>/announce</c> directly off the transport, answers <c>101</c> itself and runs the WebSocket
/// over the transport pipes. No HTTP request, context, header dictionaries or upgrade streams stay alive for the
/// connection's lifetime, which is what keeps an idle tracker connection small. Every other connection — other
/// paths, TLS, HTTP/2, refused upgrades (so the HTTP path answers 403/429), a tracker that was not mapped — goes
/// to the HTTP pipeline untouched.
/// </summary>
internal sealed class TrackerConnectionMiddleware
{
    private readonly TrackerLoop _loop;
    private readonly TrackerWebSocketHandler _http;
    private readonly TrackerSession _session;

    public TrackerConnectionMiddleware(TrackerLoop loop, TrackerWebSocketHandler http, TrackerSession session)
    {
        _loop = loop;
        _http = http;
        _session = session;
    }

    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        if (!_loop.Mapped || !_loop.EndpointOptions.ConnectionLevelWebSockets)
        {
            await next(connection).ConfigureAwait(false);
            return;
        }

        var input = connection.Transport.Input;
        string key;
        IPAddress? ip;
        while (true)
        {
            var result = await input.ReadAsync(connection.ConnectionClosed).ConfigureAwait(false);
            var data = result.Buffer;
            var verdict = WebSocketHandshake.Inspect(data, out var headLength, out key, out var origin);
            if (verdict == WebSocketHandshake.Verdict.NeedMore && !result.IsCompleted && !result.IsCanceled)
            {
                input.AdvanceTo(data.Start, data.End);
                continue;
            }

            ip = (connection.RemoteEndPoint as IPEndPoint)?.Address;
            if (verdict != WebSocketHandshake.Verdict.Upgrade || !_http.IsOriginAllowed(origin) || !_http.PerIp.TryAcquire(ip))
            {
                // Leave every byte for Kestrel's HTTP parser (examined = start, so its first read returns at once).
                input.AdvanceTo(data.Start);
                await next(connection).ConfigureAwait(false);
                return;
            }

            input.AdvanceTo(data.GetPosition(headLength));
            break;
        }

        try
        {
            await connection.Transport.Output.WriteAsync(WebSocketHandshake.Response(key), connection.ConnectionClosed).ConfigureAwait(false);
            _loop.EndpointCounters.CountUpgrade(connectionLevel: true);
            using var ws = WebSocket.CreateFromStream(new DuplexPipeStream(connection.Transport), new WebSocketCreationOptions
            {
                IsServer = true,
                KeepAliveInterval = TimeSpan.Zero,
            });
            await _session.RunAsync(ws, connection.ConnectionClosed).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ConnectionResetException or ObjectDisposedException)
        {
            // The client went away during the handshake.
        }
        finally
        {
            _http.PerIp.Release(ip);
        }
    }
}
