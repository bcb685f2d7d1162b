using System.Buffers;
using System.Net.WebSockets;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// Runs one accepted tracker WebSocket, whichever path accepted it: registers it with the
/// <see cref="TrackerLoop"/>, reads whole messages and posts them, and unregisters it at the end. Waits for data
/// with a zero-byte receive, so an idle connection holds no receive buffer.
/// </summary>
internal sealed class TrackerSession
{
    private const int InitialReceiveBytes = 16 * 1024;

    private readonly TrackerLoop _loop;
    private readonly TrackerEndpointOptions _options;
    private readonly string _tooBigReason;

    public TrackerSession(TrackerLoop loop)
    {
        _loop = loop;
        _options = loop.EndpointOptions;
        _tooBigReason = $"message larger than {_options.MaxFrameBytes} bytes";
    }

    public async Task RunAsync(WebSocket ws, CancellationToken aborted)
    {
        var socket = new TrackerSocket(_loop.NextConnectionId(), ws, _options.MaxSendQueueBytes, _loop.Time.GetTimestamp());
        await _loop.PostConnectedAsync(socket).ConfigureAwait(false);
        try
        {
            await ReadLoopAsync(socket, aborted).ConfigureAwait(false);
        }
        finally
        {
            await _loop.PostDisconnectedAsync(socket).ConfigureAwait(false);
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
                    break;
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
            // The client vanished or the close took too long; the caller disposes the socket.
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
