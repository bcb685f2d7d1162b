using System.Buffers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// Accepts one tracker WebSocket and runs its read loop: waits for data with a zero-byte receive (no buffer
/// while idle), reads one complete message into a pooled buffer, and posts it to the <see cref="TrackerLoop"/>.
/// Enforces the origin allow-list, connections per IP and the message size limit.
/// </summary>
internal sealed class TrackerWebSocketHandler
{
    private const int InitialReceiveBytes = 16 * 1024;

    private readonly TrackerLoop _loop;
    private readonly TrackerEndpointOptions _options;
    private readonly ConnectionsPerIp _perIp;
    private readonly HashSet<string> _origins;
    private readonly string _tooBigReason;

    public TrackerWebSocketHandler(TrackerLoop loop)
    {
        _loop = loop;
        _options = loop.EndpointOptions;
        _perIp = new ConnectionsPerIp(_options.MaxConnectionsPerIp);
        _origins = new HashSet<string>(_options.AllowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);
        _tooBigReason = $"message larger than {_options.MaxFrameBytes} bytes";
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (_origins.Count > 0)
        {
            var origin = context.Request.Headers.Origin.ToString();
            if (origin.Length == 0 || !_origins.Contains(origin.TrimEnd('/')))
            {
                _loop.EndpointCounters.Count(TrackerUpgradeRejection.Origin);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("origin not allowed").ConfigureAwait(false);
                return;
            }
        }

        var ip = context.Connection.RemoteIpAddress;
        if (!_perIp.TryAcquire(ip))
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
            var time = _loop.Time;
            var socket = new TrackerSocket(_loop.NextConnectionId(), ws, _options.MaxSendQueueBytes, time.GetTimestamp());
            await _loop.PostConnectedAsync(socket).ConfigureAwait(false);
            try
            {
                await ReadLoopAsync(socket, context.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                await _loop.PostDisconnectedAsync(socket).ConfigureAwait(false);
            }
        }
        finally
        {
            _perIp.Release(ip);
        }
    }

    private async Task ReadLoopAsync(TrackerSocket socket, CancellationToken aborted)
    {
        var ws = socket.WebSocket;
        var max = _options.MaxFrameBytes;
        var time = _loop.Time;
        byte[]? buffer = null;
        try
        {
            while (true)
            {
                // Zero-byte receive: wait for the next frame without holding a buffer.
                var first = await ws.ReceiveAsync(Memory<byte>.Empty, aborted).ConfigureAwait(false);
                if (first.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialReceiveBytes, max + 1));
                var length = 0;
                var end = first.EndOfMessage;
                var closed = false;
                while (!end)
                {
                    var limit = Math.Min(buffer.Length, max + 1);
                    if (length == limit)
                    {
                        if (limit > max)
                        {
                            break;
                        }

                        var grown = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, max + 1));
                        buffer.AsSpan(0, length).CopyTo(grown);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = grown;
                        limit = Math.Min(buffer.Length, max + 1);
                    }

                    var r = await ws.ReceiveAsync(buffer.AsMemory(length, limit - length), aborted).ConfigureAwait(false);
                    if (r.MessageType == WebSocketMessageType.Close)
                    {
                        closed = true;
                        break;
                    }

                    length += r.Count;
                    end = r.EndOfMessage;
                }

                if (closed)
                {
                    break;
                }

                if (length > max)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = null;
                    if (socket.Close(WebSocketCloseStatus.MessageTooBig, _tooBigReason, time.GetTimestamp()))
                    {
                        _loop.EndpointCounters.Count(TrackerCloseReason.MessageTooBig);
                    }

                    await DiscardUntilCloseAsync(ws, aborted).ConfigureAwait(false);
                    return;
                }

                socket.LastReceived = time.GetTimestamp();
                var message = buffer;
                buffer = null;
                await _loop.PostMessageAsync(socket.Id, message, length, aborted).ConfigureAwait(false);
            }

            // The client closed (or answered our close): complete the handshake through the send queue.
            if (ws.State == WebSocketState.CloseReceived)
            {
                socket.Close(WebSocketCloseStatus.NormalClosure, string.Empty, time.GetTimestamp());
            }

            if (socket.CloseSent is { } sent)
            {
                await sent.WaitAsync(_options.CloseGracePeriod, time, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or TimeoutException or ObjectDisposedException)
        {
            // The client vanished or the close took too long; the socket is disposed by the caller.
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static async Task DiscardUntilCloseAsync(WebSocket ws, CancellationToken aborted)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (ws.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var r = await ws.ReceiveAsync(scratch.AsMemory(), aborted).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
