using System.Buffers;
using System.Net.WebSockets;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// One accepted WebSocket with its bounded send queue. The tracker loop enqueues messages; a send loop started
/// on demand drains the queue (one send at a time, as <see cref="WebSocket"/> requires), so an idle connection
/// holds no task and no buffer. A client that lets the queue exceed its limit is aborted; nobody else waits for it.
/// </summary>
internal sealed class TrackerSocket
{
    private readonly Queue<Outgoing> _queue = new();
    private readonly int _maxQueuedBytes;
    private int _queuedBytes;
    private bool _sending;
    private bool _closeRequested;
    private long _lastReceived;
    private TaskCompletionSource? _closeSent;

    public TrackerSocket(long id, WebSocket webSocket, int maxQueuedBytes, long now)
    {
        Id = id;
        WebSocket = webSocket;
        _maxQueuedBytes = maxQueuedBytes;
        _lastReceived = now;
    }

    public long Id { get; }

    public WebSocket WebSocket { get; }

    /// <summary>Timestamp of the last received message (written by the read loop, read by housekeeping).</summary>
    public long LastReceived
    {
        get => Volatile.Read(ref _lastReceived);
        set => Volatile.Write(ref _lastReceived, value);
    }

    /// <summary>When the tracker asked to close this socket (0 when it did not).</summary>
    public long CloseRequestedAt { get; private set; }

    public bool CloseRequested
    {
        get
        {
            lock (_queue)
            {
                return _closeRequested;
            }
        }
    }

    /// <summary>Completes once a requested close frame was sent (or could not be); null before <see cref="Close"/>.</summary>
    public Task? CloseSent
    {
        get
        {
            lock (_queue)
            {
                return _closeSent?.Task;
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="message"/> into a pooled buffer and queues it as a text frame. Returns false when the
    /// queue limit was exceeded and the socket was aborted (a slow reader).
    /// </summary>
    public bool Send(ReadOnlySpan<byte> message)
    {
        bool start = false, abort = false;
        lock (_queue)
        {
            if (_closeRequested)
            {
                return true;
            }

            if (_queuedBytes + message.Length > _maxQueuedBytes)
            {
                _closeRequested = true;
                abort = true;
            }
            else
            {
                var buffer = ArrayPool<byte>.Shared.Rent(message.Length);
                message.CopyTo(buffer);
                _queue.Enqueue(new Outgoing(buffer, message.Length, default, null));
                _queuedBytes += message.Length;
                start = !_sending;
                _sending |= start;
            }
        }

        if (abort)
        {
            // The client does not read: nothing can be sent to it any more, not even a close frame.
            WebSocket.Abort();
            return false;
        }

        if (start)
        {
            _ = SendLoopAsync();
        }

        return true;
    }

    /// <summary>
    /// Queues a close frame after what is already queued; later sends are dropped. Returns false when a close was
    /// already requested.
    /// </summary>
    public bool Close(WebSocketCloseStatus status, string reason, long now)
    {
        bool start;
        lock (_queue)
        {
            if (_closeRequested)
            {
                return false;
            }

            _closeRequested = true;
            CloseRequestedAt = now;
            _closeSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _queue.Enqueue(new Outgoing(null, 0, status, reason));
            start = !_sending;
            _sending |= start;
        }

        if (start)
        {
            _ = SendLoopAsync();
        }

        return true;
    }

    /// <summary>Returns every queued buffer to the pool once the socket is gone.</summary>
    public void Drain()
    {
        lock (_queue)
        {
            _closeRequested = true;
            if (_sending)
            {
                // The running send loop fails fast on the dead socket and returns each buffer itself.
                return;
            }

            ReturnQueued();
        }
    }

    private void ReturnQueued()
    {
        while (_queue.TryDequeue(out var item))
        {
            if (item.Buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(item.Buffer);
            }
        }

        _queuedBytes = 0;
        _closeSent?.TrySetResult();
    }

    private async Task SendLoopAsync()
    {
        while (true)
        {
            Outgoing item;
            lock (_queue)
            {
                if (!_queue.TryDequeue(out item))
                {
                    _sending = false;
                    return;
                }

                _queuedBytes -= item.Length;
            }

            try
            {
                var state = WebSocket.State;
                if (state is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    if (item.Buffer is null)
                    {
                        await WebSocket.CloseOutputAsync(item.Status, item.Reason, CancellationToken.None).ConfigureAwait(false);
                    }
                    else
                    {
                        await WebSocket.SendAsync(item.Buffer.AsMemory(0, item.Length), WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                WebSocket.Abort();
            }
            finally
            {
                if (item.Buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(item.Buffer);
                }
                else
                {
                    lock (_queue)
                    {
                        _closeSent?.TrySetResult();
                    }
                }
            }
        }
    }

    private readonly record struct Outgoing(byte[]? Buffer, int Length, WebSocketCloseStatus Status, string? Reason);
}
