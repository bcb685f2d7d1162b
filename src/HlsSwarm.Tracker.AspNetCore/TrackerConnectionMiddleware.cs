using System.Net;
using Microsoft.AspNetCore.Connections;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// The connection-level fast path: a Kestrel connection middleware that takes a plain HTTP/1.1 WebSocket upgrade
/// for <c>/</c> or <c>/announce</c> directly off the transport, answers <c>101</c> itself and speaks WebSocket
/// framing directly over the transport pipes (<see cref="TrackerConnection"/>). No HTTP request, context, header dictionaries or upgrade streams stay alive for the
/// connection's lifetime, which is what keeps an idle tracker connection small. Every other connection — other
/// paths, TLS, HTTP/2, refused upgrades (so the HTTP path answers 403/429), a tracker that was not mapped — goes
/// to the HTTP pipeline untouched.
/// </summary>
internal sealed class TrackerConnectionMiddleware
{
    private readonly TrackerLoop _loop;
    private readonly TrackerWebSocketHandler _http;

    public TrackerConnectionMiddleware(TrackerLoop loop, TrackerWebSocketHandler http)
    {
        _loop = loop;
        _http = http;
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

        // TrackerConnection.RunAsync's loop, inlined so an idle connection holds one state machine, not three.
        var tracker = new TrackerConnection(_loop, input, connection.Transport.Output, connection);
        var registered = false;
        try
        {
            await connection.Transport.Output.WriteAsync(WebSocketHandshake.Response(key), connection.ConnectionClosed).ConfigureAwait(false);
            _loop.EndpointCounters.CountUpgrade(connectionLevel: true);
            await _loop.PostConnectedAsync(tracker).ConfigureAwait(false);
            registered = true;
            var aborted = connection.ConnectionClosed;
            while (true)
            {
                var result = await input.ReadAsync(aborted).ConfigureAwait(false);
                var buffer = result.Buffer;
                var step = TrackerConnection.Step.Continue;
                while (step != TrackerConnection.Step.Stop)
                {
                    step = tracker.ReadFrame(ref buffer, out var message, out var length);
                    if (step == TrackerConnection.Step.NeedMore)
                    {
                        break;
                    }

                    if (step == TrackerConnection.Step.Message)
                    {
                        await _loop.PostMessageAsync(tracker.Id, message!, length, aborted).ConfigureAwait(false);
                    }
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (step == TrackerConnection.Step.Stop || result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (TrackerConnection.IsTransportFailure(ex))
        {
            // The client went away.
        }
        finally
        {
            tracker.Finish();
            if (registered)
            {
                await _loop.PostDisconnectedAsync(tracker).ConfigureAwait(false);
            }

            _http.PerIp.Release(ip);
        }
    }
}
