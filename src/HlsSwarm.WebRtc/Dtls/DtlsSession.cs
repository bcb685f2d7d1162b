using System.Collections.Concurrent;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace HlsSwarm.WebRtc.Dtls;

/// <summary>
/// One DTLS 1.2 association for a WebRTC data channel (<see href="https://www.rfc-editor.org/rfc/rfc6347">RFC 6347</see>,
/// <see href="https://www.rfc-editor.org/rfc/rfc8827#section-6.5">RFC 8827 §6.5</see>), built on BouncyCastle,
/// with a sans-I/O-shaped surface: datagrams in (<see cref="HandlePacket"/>), datagrams out
/// (<see cref="TryPollTransmit"/>), events out (<see cref="TryPollEvent"/>), application data in (<see cref="Send"/>).
/// </summary>
/// <remarks>
/// <para>
/// BouncyCastle's DTLS is blocking and pull-based, so this adapter runs its handshake on a dedicated background
/// thread fed by a queue (style.md §2 note a). Once connected that thread ends and <see cref="HandlePacket"/> decrypts
/// on the caller's thread (<see cref="DecryptsInline"/>): no thread hand-off per record. Consequences the owner must know:
/// </para>
/// <list type="bullet">
/// <item>Handshake retransmission timers run in real time inside BouncyCastle (1 s initial, doubling); virtual time
/// cannot drive them. There is no <c>PollTimeout</c>/<c>HandleTimeout</c>.</item>
/// <item>Output and events appear asynchronously: the <c>ready</c> callback passed to the constructor is invoked
/// (on the session's thread, in <see cref="Send"/> or in <see cref="HandlePacket"/>) whenever some appear; the owner then drains
/// <see cref="TryPollTransmit"/> and <see cref="TryPollEvent"/> on its own loop.</item>
/// <item><see cref="HandlePacket"/>, the polls, <see cref="Send"/> and <see cref="Close"/> may be called from the
/// owner's thread while the session thread runs; <see cref="Send"/> encrypts on the caller's thread.</item>
/// <item>Every exception inside the thread or inline record processing becomes a <see cref="DtlsEventKind.Failed"/>
/// event; none escapes.</item>
/// <item>An event is queued before <see cref="State"/> changes: an owner that sees a new state finds its event, and
/// one that handles the Connected event may <see cref="Send"/> at once.</item>
/// </list>
/// <para>Loop contract:</para>
/// <code>
/// var dtls = new DtlsSession(role, certificate, remoteFingerprints, options, ready: wake);
/// dtls.Start();
/// on datagram d with PacketClassifier.Classify(d) == PacketKind.Dtls: dtls.HandlePacket(d);
/// on wake: while (dtls.TryPollTransmit(buffer, out n)) socket.Send(buffer[..n]);
///          while (dtls.TryPollEvent(out e)) switch (e.Kind) { Connected, ApplicationData → SCTP, Closed, Failed }
/// to send an SCTP packet p (p.Length ≤ dtls.MaxApplicationDataLength): dtls.Send(p);
/// </code>
/// </remarks>
public sealed class DtlsSession : IDisposable
{
    private const int ThreadStackSize = 256 * 1024;

    private readonly DtlsRole _role;
    private readonly DtlsCertificate _certificate;
    private readonly DtlsOptions _options;
    private readonly SecureRandom _random;
    private readonly Action? _ready;
    private readonly DatagramQueue _queue;
    private readonly FingerprintCheck _check = new();
    private readonly ConcurrentQueue<DtlsEvent> _events = new();
    private readonly object _stateGate = new();
    private volatile DtlsTransport? _transport;
    private Thread? _thread;
    private volatile DtlsState _state = DtlsState.New;
    private volatile bool _closeRequested;
    private int _maxApplicationDataLength;
    private byte[]? _receiveBuffer;

    // Serialises record processing after the handshake (HandlePacket may be called from several threads; BouncyCastle's
    // read side is single-threaded). Taken before DatagramQueue.ProcessingGate, never after it.
    private readonly object _receiveGate = new();

    /// <summary>Creates a session; nothing happens until <see cref="Start"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="DtlsOptions.Validate"/>).</exception>
    /// <param name="role">Client (sends ClientHello) or server, from the SDP setup roles (<c>SdpNegotiation.TryResolveDtlsRole</c>).</param>
    /// <param name="certificate">Our certificate (its fingerprint is in our SDP).</param>
    /// <param name="remoteFingerprints">The <c>a=fingerprint</c> values of the peer's SDP, or <see langword="null"/>
    /// when its description is not known yet (then call <see cref="SetRemoteFingerprints"/> later; the handshake waits).</param>
    /// <param name="random">Randomness for the handshake (client/server random, ECDHE keys, nonces).</param>
    /// <param name="options">Settings; defaults when <see langword="null"/>.</param>
    /// <param name="ready">Called, from any thread, whenever output or events become available. Must be quick and must not call back into the session synchronously on the session's thread.</param>
    public DtlsSession(
        DtlsRole role,
        DtlsCertificate certificate,
        IReadOnlyList<DtlsFingerprint>? remoteFingerprints,
        SecureRandom random,
        DtlsOptions? options = null,
        Action? ready = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(random);
        _role = role;
        _certificate = certificate;
        _random = random;
        _options = options ?? new DtlsOptions();
        _options.Validate();
        _ready = ready;
        _queue = new DatagramQueue(_options, Notify);
        if (remoteFingerprints is not null)
        {
            _check.SetExpected(remoteFingerprints);
        }
    }

    /// <summary>Our role in the handshake.</summary>
    public DtlsRole Role => _role;

    /// <summary>Where the session is.</summary>
    public DtlsState State => _state;

    /// <summary>
    /// The largest application-data record <see cref="Send"/> accepts, from BouncyCastle's <c>GetSendLimit()</c>:
    /// <see cref="DtlsOptions.MaxDatagramSize"/> minus 37 bytes for AES-128-GCM (13 header + 8 explicit nonce +
    /// 16 tag). 0 until connected. Size SCTP packets to it.
    /// </summary>
    public int MaxApplicationDataLength => Volatile.Read(ref _maxApplicationDataLength);

    /// <summary>Received datagrams dropped because they were larger than allowed or the queue was full.</summary>
    public long DroppedDatagrams => _queue.DroppedInbound;

    /// <summary>Starts the handshake thread. A client sends its ClientHello at once; a server waits for one.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        lock (_stateGate)
        {
            if (_state != DtlsState.New)
            {
                throw new InvalidOperationException("The DTLS session was already started.");
            }

            _state = DtlsState.Handshaking;
            // A small stack: a peer keeps 20–50 sessions, each with a mostly idle thread; BouncyCastle's handshake is shallow.
            _thread = new Thread(Run, ThreadStackSize)
            {
                IsBackground = true,
                Name = _role == DtlsRole.Client ? "dtls-client" : "dtls-server",
            };
            _thread.Start();
        }
    }

    /// <summary>Gives the fingerprints of the peer's SDP once they are known (when the constructor got none).</summary>
    public void SetRemoteFingerprints(IReadOnlyList<DtlsFingerprint> fingerprints)
    {
        ArgumentNullException.ThrowIfNull(fingerprints);
        _check.SetExpected(fingerprints);
    }

    /// <summary>
    /// Hands a received DTLS datagram (first byte 20–63, RFC 7983) to the session; it is copied. Datagrams after
    /// close, above <see cref="DtlsOptions.MaxReceiveDatagramSize"/> or beyond the queue limit are dropped.
    /// Garbage is ignored by BouncyCastle's record layer (bad lengths, unknown epochs, failed MACs: RFC 6347 §4.1.2.7).
    /// </summary>
    /// <returns><see langword="false"/> when the datagram was dropped.</returns>
    public bool HandlePacket(ReadOnlySpan<byte> datagram)
    {
        if (!_queue.Enqueue(datagram))
        {
            return false;
        }

        // After the handshake the record is decrypted right here, on the caller's thread: its ApplicationData event
        // is queued when this returns. The transport is set before the queue switches to inline processing.
        if (_queue.IsInline && _transport is { } transport)
        {
            lock (_receiveGate)
            {
                if (_queue.Exclusive)
                {
                    lock (_queue.ProcessingGate)
                    {
                        DrainInline(transport);
                    }
                }
                else
                {
                    DrainInline(transport);
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the handshake is over and <see cref="HandlePacket"/> now decrypts on the calling thread (any thread:
    /// calls are serialised inside, and may run alongside <see cref="Send"/> on another thread).
    /// </summary>
    public bool DecryptsInline => _queue.IsInline;

    /// <summary>Takes the next datagram to send to the peer.</summary>
    /// <param name="destination">At least <see cref="DtlsOptions.MaxDatagramSize"/> bytes.</param>
    /// <param name="length">Bytes written.</param>
    /// <returns><see langword="false"/> when nothing is waiting.</returns>
    public bool TryPollTransmit(Span<byte> destination, out int length) => _queue.TryDequeueOutbound(destination, out length);

    /// <summary>Takes the next event.</summary>
    public bool TryPollEvent(out DtlsEvent evt) => _events.TryDequeue(out evt);

    /// <summary>
    /// Encrypts <paramref name="data"/> into one application-data record and queues it for <see cref="TryPollTransmit"/>.
    /// </summary>
    /// <returns><see langword="false"/> when not connected, when <paramref name="data"/> exceeds
    /// <see cref="MaxApplicationDataLength"/>, or when the connection failed while sending (a Failed event follows).</returns>
    public bool Send(ReadOnlySpan<byte> data)
    {
        // _transport is set before the Connected event is queued, so an owner reacting to that event can send.
        var transport = _transport;
        if (transport is null || _closeRequested || _state is DtlsState.Closed or DtlsState.Failed || data.Length > MaxApplicationDataLength)
        {
            return false;
        }

        try
        {
            // Until the peer's first application data, sending excludes record processing (see
            // DatagramQueue.ProcessingGate); afterwards BouncyCastle's write side runs alongside its read side.
            if (_queue.Exclusive)
            {
                lock (_queue.ProcessingGate)
                {
                    transport.Send(data);
                }
            }
            else
            {
                transport.Send(data);
            }

            return true;
        }
        catch (Exception e)
        {
            Finish(DtlsEventKind.Failed, DtlsFailure.InternalError, "Sending failed: " + e.Message);
            return false;
        }
    }

    /// <summary>
    /// Sends close_notify (when connected) and stops the session thread; a <see cref="DtlsEventKind.Closed"/> event
    /// follows unless the session already ended.
    /// </summary>
    public void Close()
    {
        _closeRequested = true;
        _check.Cancel();
        var transport = _transport;
        try
        {
            if (transport is not null)
            {
                // Not while an inline HandlePacket on another thread is inside BouncyCastle's read side.
                lock (_receiveGate)
                {
                    transport.Close();
                }
            }
        }
        catch (Exception)
        {
            // Closing is best effort: the peer notices through SCTP/ICE otherwise.
        }

        _queue.Close();

        // Before Start, or after the handshake (records are processed inline, no thread is left to notice): end here.
        if (_state == DtlsState.New || _queue.IsInline)
        {
            Finish(DtlsEventKind.Closed, DtlsFailure.None, null);
        }
    }

    /// <summary>Closes the session (see <see cref="Close"/>).</summary>
    public void Dispose() => Close();

    private void Run()
    {
        try
        {
            var crypto = new BcTlsCrypto(_random);
            DtlsTransport transport;
            if (_role == DtlsRole.Client)
            {
                transport = new DtlsClientProtocol().Connect(new WebRtcDtlsClient(crypto, _certificate, _check, _options), _queue);
            }
            else
            {
                // No HelloVerifyRequest cookie (RFC 6347 §4.2.1): BouncyCastle's Accept without a DtlsRequest does
                // none, and ICE connectivity checks have already proved the peer's address (Chrome's server does none either).
                transport = new DtlsServerProtocol().Accept(new WebRtcDtlsServer(crypto, _certificate, _check, _options), _queue);
            }

            _transport = transport;
            Volatile.Write(ref _maxApplicationDataLength, transport.GetSendLimit());
            var connected = false;
            lock (_stateGate)
            {
                // Close() may have run while BouncyCastle was finishing: then report Closed, never Connected.
                if (_state == DtlsState.Handshaking && !_closeRequested)
                {
                    // Event first: an owner that sees the new State finds its event already queued.
                    _events.Enqueue(new DtlsEvent(DtlsEventKind.Connected, RemoteFingerprint: _check.Verified));
                    _state = DtlsState.Connected;
                    connected = true;
                }
            }

            if (!connected)
            {
                transport.Close();
                Finish(DtlsEventKind.Closed, DtlsFailure.None, null);
                return;
            }

            // From here on records are decrypted where the datagrams arrive (HandlePacket on the owner's thread),
            // not on this thread: no hand-off per packet. Datagrams queued meanwhile are drained here, once.
            _receiveBuffer = new byte[transport.GetReceiveLimit()];
            _queue.ReleaseProcessing();
            lock (_receiveGate)
            {
                lock (_queue.ProcessingGate)
                {
                    _queue.SwitchToInline();
                    DrainInline(transport);
                }
            }

            Notify();
        }
        catch (Exception e)
        {
            Finish(e);
        }
        finally
        {
            _queue.ReleaseProcessing();
        }
    }

    /// <summary>
    /// Runs BouncyCastle's record layer over every queued datagram on the calling thread, which holds
    /// <c>_receiveGate</c> (and <see cref="DatagramQueue.ProcessingGate"/> while <see cref="DatagramQueue.Exclusive"/>).
    /// Application data becomes events; the peer's close_notify or a fatal alert ends the session.
    /// </summary>
    private void DrainInline(DtlsTransport transport)
    {
        var buffer = _receiveBuffer!;
        var events = false;
        try
        {
            while (_queue.HasInbound)
            {
                // A 1 ms wait rather than 0 (infinite in BouncyCastle): after a record that is not application data
                // (a retransmitted Finished, an alert, garbage) its loop asks our transport again, which has nothing.
                var n = transport.Receive(buffer, 0, buffer.Length, 1);
                while (n >= 0)
                {
                    // Application data from the peer: it has our final flight, no more retransmissions (see DatagramQueue.ProcessingGate).
                    _queue.Exclusive = false;
                    if (n > 0)
                    {
                        events = true;
                        _events.Enqueue(new DtlsEvent(DtlsEventKind.ApplicationData, Data: buffer.AsSpan(0, n).ToArray()));
                    }

                    // Further records of the same datagram (RFC 6347 §4.1.1 allows several per datagram).
                    n = transport.ReceivePending(buffer, 0, buffer.Length);
                }
            }

            if (_queue.IsClosed)
            {
                // BouncyCastle answered the peer's close_notify and closed the transport.
                Finish(new DtlsTransportClosedException());
            }
            else if (events)
            {
                Notify();
            }
        }
        catch (Exception e)
        {
            Finish(e);
        }
    }

    private void Finish(Exception e)
    {
        if (_closeRequested || (e is DtlsTransportClosedException && _check.Failure == DtlsFailure.None))
        {
            // Our Close, or the peer's close_notify (BouncyCastle answered it and closed the transport).
            Finish(DtlsEventKind.Closed, DtlsFailure.None, null);
            return;
        }

        if (_check.Failure != DtlsFailure.None)
        {
            Finish(DtlsEventKind.Failed, _check.Failure, _check.FailureReason);
            return;
        }

        var (failure, reason) = e switch
        {
            TlsFatalAlertReceived received => (DtlsFailure.AlertReceived, $"The peer sent fatal alert {AlertDescription.GetText(received.AlertDescription)}."),
            TlsTimeoutException => (DtlsFailure.HandshakeTimeout, $"The handshake did not complete within {_options.HandshakeTimeout.TotalSeconds:0.#} s."),
            TlsFatalAlert alert => (DtlsFailure.ProtocolError, $"Fatal alert {AlertDescription.GetText(alert.AlertDescription)}: {alert.Message}"),
            _ => (DtlsFailure.InternalError, $"{e.GetType().Name}: {e.Message}"),
        };
        Finish(DtlsEventKind.Failed, failure, reason);
    }

    private void Finish(DtlsEventKind kind, DtlsFailure failure, string? reason)
    {
        lock (_stateGate)
        {
            if (_state is DtlsState.Closed or DtlsState.Failed)
            {
                return;
            }

            _events.Enqueue(new DtlsEvent(kind, Failure: failure, Reason: reason));
            _state = kind == DtlsEventKind.Closed ? DtlsState.Closed : DtlsState.Failed;
        }

        _queue.Close();
        Notify();
    }

    private void Notify()
    {
        try
        {
            _ready?.Invoke();
        }
        catch (Exception)
        {
            // The owner's callback must not take the session thread down (an escaping exception would kill the process).
        }
    }
}
