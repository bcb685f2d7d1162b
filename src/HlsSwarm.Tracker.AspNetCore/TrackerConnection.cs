using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using static HlsSwarm.Tracker.AspNetCore.WebSocketFraming;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// One tracker WebSocket after its handshake, spoken directly over a duplex pipe (RFC 6455 framing in
/// <see cref="WebSocketFraming"/>): the read loop parses frames straight out of the transport's buffers and
/// posts each complete message to the <see cref="TrackerLoop"/>; sends write frames straight into the transport's
/// output. While idle it holds one pending pipe read and nothing else — no receive buffer, no send task.
/// A client whose unsent data exceeds <see cref="TrackerEndpointOptions.MaxSendQueueBytes"/> is aborted.
/// </summary>
internal sealed class TrackerConnection
{
    private readonly TrackerLoop _loop;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly object _transport;
    private long _lastReceived;
    private long _skipRemaining;

    // Guarded by lock (this): the output side.
    private bool _flushing;
    private bool _unflushed;
    private bool _closeRequested;
    private bool _dead;
    private Queue<Pending>? _pending;
    private int _pendingBytes;

    // Owned by the read loop: a fragmented message being assembled.
    private byte[]? _message;
    private int _messageLength;
    private bool _inMessage;

    /// <summary>Creates the connection state after a completed handshake.</summary>
    /// <param name="loop">The tracker loop.</param>
    /// <param name="input">Client → server bytes.</param>
    /// <param name="output">Server → client bytes.</param>
    /// <param name="transport">The <see cref="ConnectionContext"/> or <see cref="HttpContext"/> to abort (no delegate kept per connection).</param>
    public TrackerConnection(TrackerLoop loop, PipeReader input, PipeWriter output, object transport)
    {
        _loop = loop;
        _input = input;
        _output = output;
        _transport = transport;
        Id = loop.NextConnectionId();
        _lastReceived = loop.Time.GetTimestamp();
    }

    public long Id { get; }

    /// <summary>Timestamp of the last received message (written by the read loop, read by housekeeping).</summary>
    public long LastReceived
    {
        get => Volatile.Read(ref _lastReceived);
        private set => Volatile.Write(ref _lastReceived, value);
    }

    /// <summary>When the tracker asked to close this connection (0 when it did not).</summary>
    public long CloseRequestedAt { get; private set; }

    public bool CloseRequested
    {
        get
        {
            lock (this)
            {
                return _closeRequested || _dead;
            }
        }
    }

    /// <summary>Runs the connection until the peer closes, the close handshake ends, or the transport fails.</summary>
    /// <remarks>The connection-level path inlines this same loop (see <see cref="TrackerConnectionMiddleware"/>).</remarks>
    public async Task RunAsync(CancellationToken aborted)
    {
        await _loop.PostConnectedAsync(this).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(aborted).ConfigureAwait(false);
                var buffer = result.Buffer;
                var step = Step.Continue;
                while (step != Step.Stop)
                {
                    step = ReadFrame(ref buffer, out var message, out var length);
                    if (step == Step.NeedMore)
                    {
                        break;
                    }

                    if (step == Step.Message)
                    {
                        await _loop.PostMessageAsync(Id, message!, length, aborted).ConfigureAwait(false);
                    }
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (step == Step.Stop || result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            // The transport failed or was aborted.
        }
        finally
        {
            Finish();
            await _loop.PostDisconnectedAsync(this).ConfigureAwait(false);
        }
    }

    /// <summary>What a failing or aborted transport throws.</summary>
    internal static bool IsTransportFailure(Exception ex) =>
        ex is IOException or OperationCanceledException or InvalidOperationException or ObjectDisposedException
            or ConnectionResetException;

    /// <summary>Marks the connection gone and frees its buffers (end of the read loop).</summary>
    internal void Finish()
    {
        lock (this)
        {
            _dead = true;
            ReturnPending();
        }

        if (_message is not null)
        {
            ArrayPool<byte>.Shared.Return(_message);
            _message = null;
        }
    }

    /// <summary>Outcome of <see cref="SendDeferred"/>.</summary>
    internal enum SendResult
    {
        /// <summary>Written into the transport; call <see cref="FlushDeferred"/> (once per batch is enough).</summary>
        Written,

        /// <summary>Queued behind a pending flush, or dropped because the connection is closing: nothing to flush.</summary>
        Queued,

        /// <summary>The client does not read; it was aborted.</summary>
        SlowReader,
    }

    /// <summary>
    /// Writes one text frame without flushing (the tracker loop flushes each written connection once per batch).
    /// </summary>
    public SendResult SendDeferred(ReadOnlySpan<byte> payload)
    {
        lock (this)
        {
            if (_closeRequested || _dead)
            {
                return SendResult.Queued;
            }

            if (_flushing)
            {
                return EnqueueLocked(Text, payload) ? SendResult.Queued : SendResult.SlowReader;
            }

            try
            {
                WriteFrameLocked(Text, payload);
            }
            catch (InvalidOperationException)
            {
                _dead = true;
                return SendResult.Queued;
            }

            _unflushed = true;
            return SendResult.Written;
        }
    }

    /// <summary>Flushes frames written by <see cref="SendDeferred"/>.</summary>
    public void FlushDeferred()
    {
        lock (this)
        {
            if (_unflushed && !_dead && !_flushing)
            {
                _unflushed = false;
                FlushLocked();
            }
        }
    }

    /// <summary>
    /// Sends a close frame after what is already queued; later sends are dropped. Returns false when a close was
    /// already requested or the connection is gone.
    /// </summary>
    public bool Close(WebSocketCloseStatus status, string reason, long now)
    {
        lock (this)
        {
            if (_closeRequested || _dead)
            {
                return false;
            }

            CloseRequestedAt = now;
            var sent = SendCloseLocked((ushort)status, reason);
            _closeRequested = true;
            return sent;
        }
    }

    /// <summary>Tears the transport down at once (no close frame).</summary>
    public void Abort()
    {
        lock (this)
        {
            _dead = true;
            ReturnPending();
        }

        AbortTransport();
    }

    private void AbortTransport()
    {
        switch (_transport)
        {
            case ConnectionContext connection:
                connection.Abort(new ConnectionAbortedException("tracker closed the connection"));
                break;
            case HttpContext http:
                http.Abort();
                break;
        }
    }

    /// <summary>Result of <see cref="ReadFrame"/>.</summary>
    internal enum Step
    {
        NeedMore,
        Continue,
        Message,
        Stop,
    }

    /// <summary>Consumes at most one frame (or part of a skipped one) from the front of <paramref name="buffer"/>.</summary>
    internal Step ReadFrame(ref ReadOnlySequence<byte> buffer, out byte[]? message, out int length)
    {
        message = null;
        length = 0;
        if (_skipRemaining > 0)
        {
            // Discarding the payload of a refused frame as it arrives, without buffering it.
            var n = Math.Min(buffer.Length, _skipRemaining);
            buffer = buffer.Slice(n);
            _skipRemaining -= n;
            return _skipRemaining > 0 ? Step.NeedMore : Step.Continue;
        }

        switch (TryReadHeader(buffer, out var h))
        {
            case HeaderStatus.NeedMore:
                return Step.NeedMore;
            case HeaderStatus.ProtocolError:
                // Framing can no longer be trusted: send the close and stop reading.
                buffer = buffer.Slice(buffer.End);
                Close(WebSocketCloseStatus.ProtocolError, "protocol error", _loop.Time.GetTimestamp());
                Abandon();
                return Step.Stop;
        }

        if (h.Opcode is Text or Binary or Continuation)
        {
            var refuse = _closeRequested;
            if (!refuse && (h.Opcode == Continuation ? !_inMessage : _inMessage))
            {
                Close(WebSocketCloseStatus.ProtocolError, "unexpected continuation frame", _loop.Time.GetTimestamp());
                refuse = true;
            }
            else if (!refuse && (_inMessage ? _messageLength : 0) + h.PayloadLength > _loop.EndpointOptions.MaxFrameBytes)
            {
                if (Close(WebSocketCloseStatus.MessageTooBig, _loop.TooBigReason, _loop.Time.GetTimestamp()))
                {
                    _loop.EndpointCounters.Count(TrackerCloseReason.MessageTooBig);
                }

                refuse = true;
            }

            if (refuse)
            {
                // Once closing, data frames are skipped unbuffered until the peer's close frame arrives, so the
                // peer reads our close frame instead of a connection reset.
                buffer = buffer.Slice(h.HeaderLength);
                _skipRemaining = h.PayloadLength;
                Abandon();
                return Step.Continue;
            }
        }

        var total = h.HeaderLength + h.PayloadLength;
        if (buffer.Length < total)
        {
            return Step.NeedMore;
        }

        var payload = buffer.Slice(h.HeaderLength, h.PayloadLength);
        var plen = (int)h.PayloadLength;
        buffer = buffer.Slice(total);

        switch (h.Opcode)
        {
            case Text or Binary when h.Fin:
                message = ArrayPool<byte>.Shared.Rent(Math.Max(plen, 1));
                payload.CopyTo(message);
                Unmask(message.AsSpan(0, plen), h.MaskKey);
                length = plen;
                LastReceived = _loop.Time.GetTimestamp();
                return Step.Message;
            case Text or Binary or Continuation:
                Append(payload, plen, h.MaskKey);
                if (!h.Fin)
                {
                    return Step.Continue;
                }

                message = _message;
                length = _messageLength;
                _message = null;
                _messageLength = 0;
                _inMessage = false;
                LastReceived = _loop.Time.GetTimestamp();
                return Step.Message;
            case Ping:
            {
                Span<byte> data = stackalloc byte[125];
                payload.CopyTo(data);
                Unmask(data[..plen], h.MaskKey);
                SendFrame(Pong, data[..plen]);
                return Step.Continue;
            }

            case Pong:
                return Step.Continue;
            default: // Close
            {
                Span<byte> data = stackalloc byte[125];
                payload.CopyTo(data);
                Unmask(data[..plen], h.MaskKey);
                lock (this)
                {
                    if (!_closeRequested && !_dead)
                    {
                        // Echo the peer's status code (RFC 6455 §5.5.1).
                        var code = plen >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(data) : (ushort)WebSocketCloseStatus.NormalClosure;
                        SendCloseLocked(code, string.Empty);
                        _closeRequested = true;
                    }
                }

                return Step.Stop;
            }
        }
    }

    /// <summary>Drops a half-assembled message.</summary>
    private void Abandon()
    {
        if (_message is not null)
        {
            ArrayPool<byte>.Shared.Return(_message);
            _message = null;
        }

        _inMessage = false;
        _messageLength = 0;
    }

    private void Append(in ReadOnlySequence<byte> payload, int plen, uint key)
    {
        var need = _messageLength + plen;
        if (_message is null || _message.Length < need)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(need, Math.Min(_loop.EndpointOptions.MaxFrameBytes, 16 * 1024)));
            if (_message is not null)
            {
                _message.AsSpan(0, _messageLength).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(_message);
            }

            _message = grown;
        }

        payload.CopyTo(_message.AsSpan(_messageLength));
        Unmask(_message.AsSpan(_messageLength, plen), key);
        _messageLength = need;
        _inMessage = true;
    }

    private bool SendFrame(byte opcode, ReadOnlySpan<byte> payload)
    {
        lock (this)
        {
            if (_closeRequested || _dead)
            {
                return true;
            }

            if (_flushing)
            {
                return EnqueueLocked(opcode, payload);
            }

            WriteFrameLocked(opcode, payload);
            return FlushLocked();
        }
    }

    private bool SendCloseLocked(ushort code, string reason)
    {
        Span<byte> payload = stackalloc byte[125];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        var n = 2 + Encoding.UTF8.GetBytes(reason.AsSpan(0, Math.Min(reason.Length, 100)), payload[2..]);
        if (_flushing)
        {
            return EnqueueLocked(WebSocketFraming.Close, payload[..n]);
        }

        WriteFrameLocked(WebSocketFraming.Close, payload[..n]);
        return FlushLocked();
    }

    private bool EnqueueLocked(byte opcode, ReadOnlySpan<byte> payload)
    {
        if (_pendingBytes + payload.Length > _loop.EndpointOptions.MaxSendQueueBytes)
        {
            // The client does not read: nothing more can reach it, not even a close frame.
            _dead = true;
            ReturnPending();
            AbortTransport();
            return false;
        }

        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(payload.Length, 1));
        payload.CopyTo(copy);
        (_pending ??= new Queue<Pending>()).Enqueue(new Pending(copy, payload.Length, opcode));
        _pendingBytes += payload.Length;
        return true;
    }

    private void WriteFrameLocked(byte opcode, ReadOnlySpan<byte> payload)
    {
        var span = _output.GetSpan(MaxServerHeaderLength);
        _output.Advance(WriteHeader(span, opcode, payload.Length));
        _output.Write(payload);
    }

    /// <summary>Flushes the output; if the transport pushes back, later frames queue until the flush completes.</summary>
    private bool FlushLocked()
    {
        ValueTask<FlushResult> flush;
        _unflushed = false;
        try
        {
            flush = _output.FlushAsync();
        }
        catch (InvalidOperationException)
        {
            _dead = true;
            return true;
        }

        if (flush.IsCompletedSuccessfully)
        {
            if (flush.Result.IsCompleted)
            {
                _dead = true;
            }

            return true;
        }

        _flushing = true;
        _ = CompleteFlushAsync(flush);
        return true;
    }

    private async Task CompleteFlushAsync(ValueTask<FlushResult> flush)
    {
        while (true)
        {
            bool done;
            try
            {
                done = (await flush.ConfigureAwait(false)).IsCompleted;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException or ObjectDisposedException)
            {
                done = true;
            }

            lock (this)
            {
                if (done || _dead)
                {
                    _dead = true;
                    _flushing = false;
                    ReturnPending();
                    return;
                }

                if (_pending is null || _pending.Count == 0)
                {
                    _flushing = false;
                    return;
                }

                try
                {
                    while (_pending.TryDequeue(out var p))
                    {
                        WriteFrameLocked(p.Opcode, p.Buffer.AsSpan(0, p.Length));
                        _pendingBytes -= p.Length;
                        ArrayPool<byte>.Shared.Return(p.Buffer);
                    }

                    flush = _output.FlushAsync();
                }
                catch (InvalidOperationException)
                {
                    _dead = true;
                    _flushing = false;
                    ReturnPending();
                    return;
                }

                if (flush.IsCompletedSuccessfully)
                {
                    _dead |= flush.Result.IsCompleted;
                    _flushing = false;
                    return;
                }
            }
        }
    }

    private void ReturnPending()
    {
        if (_pending is null)
        {
            return;
        }

        while (_pending.TryDequeue(out var p))
        {
            ArrayPool<byte>.Shared.Return(p.Buffer);
        }

        _pendingBytes = 0;
    }

    private readonly record struct Pending(byte[] Buffer, int Length, byte Opcode);
}
