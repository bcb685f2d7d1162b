using System.Buffers;
using System.Collections.Concurrent;
using Org.BouncyCastle.Tls;

namespace HlsSwarm.WebRtc.Dtls;

/// <summary>
/// The <see cref="DatagramTransport"/> BouncyCastle's DTLS reads from and writes to. Received datagrams are queued
/// by <see cref="DtlsSession.HandlePacket"/> and taken by the handshake thread in <see cref="Receive(byte[], int, int, int)"/>,
/// which blocks up to <c>waitMillis</c> and returns −1 on timeout (BouncyCastle's contract; 0 means wait until data
/// or close, as in Java). Sent datagrams go to an outbound queue the owner drains with
/// <see cref="DtlsSession.TryPollTransmit"/>. Buffers come from <see cref="ArrayPool{T}.Shared"/>.
/// </summary>
internal sealed class DatagramQueue : DatagramTransport
{
    private readonly object _gate = new();
    private readonly Queue<(byte[] Buffer, int Length)> _inbound = new();
    private readonly ConcurrentQueue<(byte[] Buffer, int Length)> _outbound = new();
    private readonly int _sendLimit;
    private readonly int _receiveLimit;
    private readonly int _maxQueued;
    private readonly Action _outputReady;
    private readonly object _processing = new();
    private volatile bool _exclusive = true;
    private volatile bool _inline;
    private bool _closed;

    public DatagramQueue(DtlsOptions options, Action outputReady)
    {
        _sendLimit = options.MaxDatagramSize;
        _receiveLimit = options.MaxReceiveDatagramSize;
        _maxQueued = options.MaxQueuedDatagrams;
        _outputReady = outputReady;
    }

    /// <summary>Set when BouncyCastle (close_notify, fatal alert) or the owner closed the transport.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    /// <summary>
    /// Held by whoever runs BouncyCastle's record layer (the session thread, or after the handshake the caller of
    /// <see cref="DtlsSession.HandlePacket"/>) while it processes a received datagram (from the return of
    /// <see cref="Receive(Span{byte}, int)"/> to its next call), as long as <see cref="Exclusive"/> is set.
    /// <see cref="DtlsSession.Send"/> takes it too, because while the peer may still retransmit its last flight,
    /// processing that retransmission makes BouncyCastle resend our final flight with its write epoch switched back
    /// to the handshake epoch (RFC 6347 §4.2.4): an application record sent at that moment would go out in the
    /// wrong epoch.
    /// </summary>
    public object ProcessingGate => _processing;

    /// <summary>
    /// Whether sends and record processing must exclude each other. Cleared once the peer's first application data
    /// arrived: the peer has then seen our final flight, and BouncyCastle drops its retransmission state for good.
    /// </summary>
    public bool Exclusive
    {
        get => _exclusive;
        set => _exclusive = value;
    }

    /// <summary>
    /// Set once the handshake is over: from then on the owner's thread runs BouncyCastle's record layer itself
    /// (<see cref="DtlsSession"/> drains the queue right after each enqueue, under its receive gate and, while
    /// <see cref="Exclusive"/>, <see cref="ProcessingGate"/>), and
    /// <see cref="Receive(Span{byte}, int)"/> never waits: it hands over a queued datagram or returns −1.
    /// </summary>
    public bool IsInline => _inline;

    /// <summary>Whether received datagrams are waiting.</summary>
    public bool HasInbound
    {
        get
        {
            lock (_gate)
            {
                return _inbound.Count > 0;
            }
        }
    }

    /// <summary>Switches to inline processing (see <see cref="IsInline"/>); the caller then drains what is queued.</summary>
    public void SwitchToInline()
    {
        lock (_gate)
        {
            _inline = true;
        }
    }

    /// <summary>Releases <see cref="ProcessingGate"/> if the calling (session) thread holds it.</summary>
    public void ReleaseProcessing()
    {
        if (Monitor.IsEntered(_processing))
        {
            Monitor.Exit(_processing);
        }
    }

    /// <summary>Datagrams dropped because they were too large or the queue was full.</summary>
    public long DroppedInbound { get; private set; }

    /// <summary>Number of datagrams waiting in <see cref="TryDequeueOutbound"/>.</summary>
    public int OutboundCount => _outbound.Count;

    /// <summary>Queues a copy of a received datagram; false when dropped.</summary>
    public bool Enqueue(ReadOnlySpan<byte> datagram)
    {
        lock (_gate)
        {
            if (_closed || datagram.Length > _receiveLimit || _inbound.Count >= _maxQueued)
            {
                DroppedInbound++;
                return false;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(datagram.Length);
            datagram.CopyTo(buffer);
            _inbound.Enqueue((buffer, datagram.Length));
            if (_inbound.Count == 1)
            {
                Monitor.Pulse(_gate);
            }

            return true;
        }
    }

    public bool TryDequeueOutbound(Span<byte> destination, out int length)
    {
        length = 0;
        if (!_outbound.TryPeek(out var item))
        {
            return false;
        }

        if (item.Length > destination.Length)
        {
            throw new ArgumentException($"The destination must hold {item.Length} bytes (DtlsOptions.MaxDatagramSize).", nameof(destination));
        }

        if (!_outbound.TryDequeue(out item))
        {
            return false;
        }

        item.Buffer.AsSpan(0, item.Length).CopyTo(destination);
        length = item.Length;
        ArrayPool<byte>.Shared.Return(item.Buffer);
        return true;
    }

    public int GetReceiveLimit() => _receiveLimit;

    public int GetSendLimit() => _sendLimit;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        if (_inline)
        {
            return ReceiveInline(buffer);
        }

        ReleaseProcessing();
        (byte[] Buffer, int Length) item;
        lock (_gate)
        {
            while (_inbound.Count == 0)
            {
                if (_closed)
                {
                    // An exception rather than −1: BouncyCastle would otherwise spin on −1 until its own timeout.
                    throw new DtlsTransportClosedException();
                }

                if (waitMillis > 0)
                {
                    if (!Monitor.Wait(_gate, waitMillis))
                    {
                        if (_inbound.Count > 0)
                        {
                            break;
                        }

                        return _closed ? throw new DtlsTransportClosedException() : -1;
                    }
                }
                else
                {
                    Monitor.Wait(_gate);
                }
            }

            item = _inbound.Dequeue();
        }

        if (_exclusive)
        {
            Monitor.Enter(_processing);
        }

        try
        {
            // BouncyCastle sizes its buffer from GetReceiveLimit, so this only drops if a caller passes less.
            if (item.Length > buffer.Length)
            {
                return -1;
            }

            item.Buffer.AsSpan(0, item.Length).CopyTo(buffer);
            return item.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(item.Buffer);
        }
    }

    private int ReceiveInline(Span<byte> buffer)
    {
        // The caller (the owner's thread) holds ProcessingGate; never wait here: −1 makes BouncyCastle's record layer
        // retry until its (1 ms) wait ends, which only happens after a record that was not application data.
        (byte[] Buffer, int Length) item;
        lock (_gate)
        {
            if (!_inbound.TryDequeue(out item))
            {
                return _closed ? throw new DtlsTransportClosedException() : -1;
            }
        }

        try
        {
            if (item.Length > buffer.Length)
            {
                return -1;
            }

            item.Buffer.AsSpan(0, item.Length).CopyTo(buffer);
            return item.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(item.Buffer);
        }
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length > _sendLimit)
        {
            // BouncyCastle checks only the 16 KB plaintext limit; refusing here surfaces a sizing bug at once.
            throw new IOException($"A {buffer.Length}-byte datagram exceeds the send limit of {_sendLimit} bytes.");
        }

        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
        }

        var copy = ArrayPool<byte>.Shared.Rent(buffer.Length);
        buffer.CopyTo(copy);
        _outbound.Enqueue((copy, buffer.Length));
        _outputReady();
    }

    /// <summary>
    /// Called by BouncyCastle after it sent close_notify or an alert. Later sends are dropped and the thread waiting in
    /// <see cref="Receive(Span{byte}, int)"/> wakes up with <see cref="DtlsTransportClosedException"/>.
    /// </summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            while (_inbound.TryDequeue(out var item))
            {
                ArrayPool<byte>.Shared.Return(item.Buffer);
            }

            Monitor.PulseAll(_gate);
        }
    }
}
