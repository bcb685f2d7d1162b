using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using HlsSwarm.WebRtc.Connection;
using HlsSwarm.WebRtc.Dtls;
using HlsSwarm.WebRtc.Sctp;
using Org.BouncyCastle.Security;

namespace HlsSwarm.WebRtc.Udp;

/// <summary>
/// Runs one <see cref="PeerConnection"/> on one UDP socket, with an async API for application code:
/// <see cref="ConnectAsync"/> (offerer) or <see cref="AcceptAsync"/> (answerer) give an open
/// <see cref="UdpDataChannel"/>.
/// </summary>
/// <remarks>
/// <para>Threads: a receive thread blocks in <c>ReceiveFrom</c> (with a reused <see cref="SocketAddress"/>, no
/// allocation per datagram) and queues datagrams; the loop thread is the only one that touches the
/// <see cref="PeerConnection"/>: it takes queued datagrams, application commands, DTLS wake-ups and timer expiries
/// (one <see cref="ITimer"/> from the <see cref="TimeProvider"/>, set to <see cref="PeerConnection.PollTimeout"/>),
/// sends what <see cref="PeerConnection.TryPollTransmit"/> gives and dispatches events. After the DTLS handshake
/// (which runs on a thread inside <see cref="DtlsSession"/>) the receive thread decrypts DTLS datagrams itself
/// (<see cref="PeerConnection.TryHandleDtls"/>) and wakes the loop. Exceptions are caught at every thread boundary and end the connection with
/// <see cref="PeerConnectionState.Failed"/>.</para>
/// </remarks>
public sealed class UdpPeerConnection : IAsyncDisposable
{
    private const int ReceiveBufferSize = 2048;

    // A peer keeps 20–50 connections: small stacks, as DtlsSession's thread has (the loops are shallow).
    private const int ThreadStackSize = 256 * 1024;

    private readonly UdpPeerConnectionOptions _options;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly Socket _socket;
    private readonly IPEndPoint _local;
    private readonly PeerConnection _pc;
    private long _datagramsReceived;
    private readonly ITimer _timer;
    private readonly ManualResetEventSlim _signal = new(false);
    private readonly ConcurrentQueue<(byte[] Buffer, int Length, IPEndPoint From)> _inbound = new();
    private readonly ConcurrentQueue<Action> _commands = new();
    private readonly Dictionary<ushort, UdpDataChannel> _channels = [];
    private readonly Queue<PendingSend> _pendingSends = new();
    private readonly Channel<UdpDataChannel> _incoming = Channel.CreateUnbounded<UdpDataChannel>();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _sendBuffer = new byte[ReceiveBufferSize];
    private readonly Thread? _receiveThread;
    private readonly Thread? _loopThread;
    private readonly UdpPeerConnectionHost? _host;
    private readonly object _runGate = new();
    private int _scheduled;
    private int _disposed;
    private bool _faulted;
    private readonly TaskCompletionSource<IReadOnlyDictionary<string, IPAddress?>> _namesResolved = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, IPAddress?> _resolvedNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();
    private MulticastDnsResolver? _ownResolver;
    private IPEndPoint? _lastDestination;
    private SocketAddress? _lastDestinationAddress;
    private long _timerDue = long.MaxValue;
    private int _timerFired;
    private volatile bool _stopped;
    private string? _endReason;

    /// <summary>Binds the socket and starts the threads; nothing is sent until descriptions are exchanged.</summary>
    /// <exception cref="ArgumentException">The local address is a wildcard.</exception>
    /// <exception cref="SocketException">The address cannot be bound.</exception>
    public UdpPeerConnection(UdpPeerConnectionOptions? options = null)
    {
        _options = options ?? new UdpPeerConnectionOptions();
        if (_options.LocalEndPoint.Address.Equals(IPAddress.Any) || _options.LocalEndPoint.Address.Equals(IPAddress.IPv6Any))
        {
            throw new ArgumentException("Bind a specific interface address: it is announced as the host candidate.", nameof(options));
        }

        _time = _options.TimeProvider;
        _start = _time.GetTimestamp();
        _socket = new Socket(_options.LocalEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveBufferSize = _options.SocketBufferSize,
            SendBufferSize = _options.SocketBufferSize,
        };
        try
        {
            _socket.Bind(_options.LocalEndPoint);
            _local = (IPEndPoint)_socket.LocalEndPoint!;
            _pc = CreatePeerConnection();
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        _timer = _time.CreateTimer(static state => ((UdpPeerConnection)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _receiveThread = new Thread(ReceiveLoop, ThreadStackSize) { IsBackground = true, Name = "webrtc-udp-receive" };
        _loopThread = new Thread(RunLoop, ThreadStackSize) { IsBackground = true, Name = "webrtc-udp-loop" };
        _loopThread.Start();
        _receiveThread.Start();
    }

    // A connection on a shared socket (UdpPeerConnectionHost): the host's receive thread delivers its datagrams and
    // the host's loop thread runs it; LocalEndPoint, SocketBufferSize and TimeProvider come from the host.
    internal UdpPeerConnection(UdpPeerConnectionHost host, UdpPeerConnectionOptions options)
    {
        _host = host;
        _options = options;
        _time = options.TimeProvider;
        _start = _time.GetTimestamp();
        _socket = host.Socket;
        _local = host.LocalEndPoint;
        _pc = CreatePeerConnection();
        _timer = _time.CreateTimer(static state => ((UdpPeerConnection)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The bound address (our host candidate); the host's when the socket is shared.</summary>
    public IPEndPoint LocalEndPoint => _local;

    /// <summary>Completes when the SCTP association is up.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Completes with the reason when the connection has closed or failed.</summary>
    public Task<string> Ended => _ended.Task;

    /// <summary>
    /// Completes once every remote <c>*.local</c> candidate name we asked about (at most
    /// <see cref="UdpPeerConnectionOptions.MaxResolvedNames"/>) has resolved or timed out: name → address, or null when
    /// unresolved. Empty when the remote description had no such names or resolution is off.
    /// </summary>
    public Task<IReadOnlyDictionary<string, IPAddress?>> RemoteNamesResolved => _namesResolved.Task;

    /// <summary>Datagrams sent and received, and send errors (diagnostics).</summary>
    public long DatagramsSent { get; private set; }

    /// <summary>Datagrams received on the socket.</summary>
    public long DatagramsReceived => Interlocked.Read(ref _datagramsReceived);

    /// <summary>
    /// Offerer: creates the offer, passes it to <paramref name="exchange"/> (signalling) which returns the answer,
    /// opens one ordered reliable channel named <paramref name="label"/> and waits until it is open.
    /// </summary>
    /// <exception cref="PeerConnectionException">The answer was refused or the connection failed.</exception>
    /// <exception cref="InvalidOperationException">This connection was created as the answerer.</exception>
    public async Task<UdpDataChannel> ConnectAsync(Func<string, CancellationToken, Task<string>> exchange, string label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(label);
        if (!_options.Peer.Offerer)
        {
            throw new InvalidOperationException("ConnectAsync makes the offer, but this connection was created as the answerer (PeerConnectionOptions.Offerer = false): use AcceptAsync, or create it with Offerer = true.");
        }

        var offer = await InvokeAsync(() => _pc.CreateOffer()).ConfigureAwait(false);
        var answer = await exchange(offer, cancellationToken).ConfigureAwait(false);
        var channel = await InvokeAsync(() =>
        {
            var error = _pc.SetRemoteDescription(answer);
            if (error != PeerConnectionError.None)
            {
                throw new PeerConnectionException("The answer was refused: " + error);
            }

            StartNameResolution();

            var id = _pc.CreateDataChannel(label) ?? throw new PeerConnectionException("No data channel id is free.");
            var created = new UdpDataChannel(this, id, label);
            _channels[id] = created;
            return created;
        }).ConfigureAwait(false);
        await channel.Opened.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return channel;
    }

    /// <summary>
    /// Answerer: applies <paramref name="offer"/>, passes our answer to <paramref name="sendAnswer"/> (signalling) and
    /// waits for the first channel the peer opens.
    /// </summary>
    /// <exception cref="PeerConnectionException">The offer was refused or the connection failed.</exception>
    /// <exception cref="InvalidOperationException">This connection was created as the offerer.</exception>
    public async Task<UdpDataChannel> AcceptAsync(string offer, Func<string, CancellationToken, Task> sendAnswer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(sendAnswer);
        if (_options.Peer.Offerer)
        {
            throw new InvalidOperationException("AcceptAsync answers an offer, but this connection was created as the offerer (PeerConnectionOptions.Offerer defaults to true): create it with new PeerConnectionOptions { Offerer = false }.");
        }

        var answer = await InvokeAsync(() =>
        {
            var error = _pc.SetRemoteDescription(offer);
            if (error != PeerConnectionError.None)
            {
                throw new PeerConnectionException("The offer was refused: " + error);
            }

            // The answer first: opening the multicast socket need not delay it.
            var created = _pc.CreateAnswer();
            StartNameResolution();
            return created;
        }).ConfigureAwait(false);
        await sendAnswer(answer, cancellationToken).ConfigureAwait(false);
        try
        {
            return await _incoming.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new PeerConnectionException("The connection ended before a channel opened: " + _endReason, e);
        }
    }

    /// <summary>
    /// Opens another ordered reliable channel on the connected session (a stream id of our DTLS role's parity, the
    /// lowest free one, RFC 8832 §6) and waits until it is open. Use after <see cref="ConnectAsync"/> or
    /// <see cref="AcceptAsync"/>, in either role.
    /// </summary>
    /// <exception cref="PeerConnectionException">No description has been exchanged, no id is free, or the connection ended.</exception>
    public async Task<UdpDataChannel> OpenChannelAsync(string label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(label);
        var channel = await InvokeAsync(() =>
        {
            if (_endReason is not null)
            {
                throw new PeerConnectionException("The connection ended: " + _endReason);
            }

            if (_pc.RemoteDescription is null)
            {
                throw new PeerConnectionException("Exchange descriptions first (ConnectAsync or AcceptAsync).");
            }

            var id = _pc.CreateDataChannel(label) ?? throw new PeerConnectionException("No data channel id is free.");
            var created = new UdpDataChannel(this, id, label);
            _channels[id] = created;
            return created;
        }).ConfigureAwait(false);
        await channel.Opened.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return channel;
    }

    /// <summary>
    /// Waits for the next channel the peer opens (<see cref="AcceptAsync"/> returns the first one; this gives the
    /// ones after it, e.g. a channel reopened after a close).
    /// </summary>
    /// <exception cref="PeerConnectionException">The connection ended first.</exception>
    public async Task<UdpDataChannel> AcceptChannelAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _incoming.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new PeerConnectionException("The connection ended before the peer opened a channel: " + _endReason, e);
        }
    }

    /// <summary>
    /// Runs <paramref name="inspect"/> on the loop thread, the only one allowed to touch the <see cref="PeerConnection"/>
    /// (diagnostics: SCTP statistics, ICE pairs, DTLS drops). Do not keep the reference.
    /// </summary>
    public Task<T> InspectAsync<T>(Func<PeerConnection, T> inspect)
    {
        ArgumentNullException.ThrowIfNull(inspect);
        return InvokeAsync(() => inspect(_pc));
    }

    /// <summary>
    /// Closes the connection (SCTP ABORT, DTLS close_notify), stops the threads and the socket (on a shared socket:
    /// leaves the host, whose socket and threads go on).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_stopped && (_host is null ? _loopThread!.IsAlive : !_faulted))
        {
            try
            {
                await InvokeAsync(() =>
                {
                    _pc.Close(Now);
                    Flush(Now);
                    Dispatch();
                    return true;
                }).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Best effort: the peer notices through consent freshness otherwise (RFC 7675).
            }
        }

        _stopped = true;
        _stopping.Cancel();
        if (_host is null)
        {
            _signal.Set();
            _socket.Dispose();
        }
        else
        {
            // Waits for a pass of the host's loop over this connection that may be running; none starts after this.
            lock (_runGate)
            {
            }

            _host.Detach(this);
        }

        _ownResolver?.Dispose();
        _namesResolved.TrySetResult(new Dictionary<string, IPAddress?>(_resolvedNames, StringComparer.OrdinalIgnoreCase));
        if (_host is null)
        {
            await Task.Run(() =>
            {
                _loopThread!.Join();
                _receiveThread!.Join();
            }).ConfigureAwait(false);
        }

        await _timer.DisposeAsync().ConfigureAwait(false);
        _pc.Dispose();
        _signal.Dispose();
        _stopping.Dispose();
        while (_inbound.TryDequeue(out var item))
        {
            ArrayPool<byte>.Shared.Return(item.Buffer);
        }
    }

    internal Task SendAsync(UdpDataChannel channel, ReadOnlyMemory<byte> data, bool isString, CancellationToken cancellationToken)
    {
        var pending = new PendingSend(channel, data, isString);
        Post(() =>
        {
            if (_endReason is not null)
            {
                pending.Done.TrySetException(new PeerConnectionException("The connection ended: " + _endReason));
                return;
            }

            _pendingSends.Enqueue(pending);
        });
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    internal Task CloseChannelAsync(UdpDataChannel channel) => InvokeAsync(() =>
    {
        _pc.CloseChannel(channel.Id);
        return true;
    });

    private long Now => _time.GetElapsedTime(_start).Ticks;

    // On the loop thread, right after the remote description is set: resolve its mDNS names (draft-ietf-mmusic-mdns-
    // ice-candidates §3.2.2) in the background, each bounded by NameResolutionTimeout, and hand each address to ICE on
    // the loop. ICE meanwhile goes on with peer-reflexive candidates, so a name that never resolves costs nothing.
    private void StartNameResolution()
    {
        var names = _options.ResolveMdnsNames
            ? _pc.Ice.UnresolvedMdnsNames.Take(Math.Max(0, _options.MaxResolvedNames)).ToList()
            : [];
        ICandidateNameResolver? resolver = _options.NameResolver;
        if (names.Count > 0 && resolver is null)
        {
            try
            {
                // This runs on the loop thread, which lives in the socket's network namespace (it was started there).
                resolver = _ownResolver = new MulticastDnsResolver(_local.Address, _options.NameResolutionTimeout, _time);
            }
            catch (Exception e) when (e is SocketException or ArgumentException)
            {
                // No multicast here (loopback, IPv6 host candidate, port 5353 refused): peer-reflexive only.
                resolver = null;
            }
        }

        if (names.Count == 0 || resolver is null)
        {
            foreach (var name in names)
            {
                _resolvedNames[name] = null;
            }

            _namesResolved.TrySetResult(new Dictionary<string, IPAddress?>(_resolvedNames, StringComparer.OrdinalIgnoreCase));
            return;
        }

        var remaining = names.Count;
        foreach (var name in names)
        {
            _ = ResolveNameAsync(resolver, name).ContinueWith(
                t =>
                {
                    var address = t.IsCompletedSuccessfully ? t.Result : null;
                    try
                    {
                        Post(() =>
                        {
                            if (address is not null && _endReason is null)
                            {
                                _pc.Ice.ResolveMdnsName(name, address);
                            }

                            _resolvedNames[name] = address;
                            if (--remaining == 0)
                            {
                                _namesResolved.TrySetResult(new Dictionary<string, IPAddress?>(_resolvedNames, StringComparer.OrdinalIgnoreCase));
                            }
                        });
                    }
                    catch (ObjectDisposedException)
                    {
                        // The connection closed meanwhile; DisposeAsync completed RemoteNamesResolved.
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task<IPAddress?> ResolveNameAsync(ICandidateNameResolver resolver, string name)
    {
        using var limit = new CancellationTokenSource(_options.NameResolutionTimeout, _time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, limit.Token);
        try
        {
            return await resolver.ResolveAsync(name, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private Task<T> InvokeAsync<T>(Func<T> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                done.TrySetResult(action());
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        });
        return done.Task;
    }

    private void Post(Action command)
    {
        if (_stopped)
        {
            throw new ObjectDisposedException(nameof(UdpPeerConnection));
        }

        _commands.Enqueue(command);
        Wake();
    }

    // The timer is one-shot: once it has fired, Schedule must arm it again even for an unchanged deadline.
    private void OnTimer()
    {
        Volatile.Write(ref _timerFired, 1);
        Wake();
    }

    private void Wake()
    {
        if (_host is not null)
        {
            _host.Schedule(this);
        }
        else if (!_signal.IsSet)
        {
            _signal.Set();
        }
    }

    /// <summary>Our ICE ufrag, by which a shared socket routes a new peer's first checks to us.</summary>
    internal string LocalUfrag => _pc.LocalCredentials.Ufrag;

    /// <summary>The host's mark that this connection is queued for its loop (0 or 1).</summary>
    internal ref int Scheduled => ref _scheduled;

    /// <summary>The host's receive thread hands over one datagram (a pooled buffer this connection returns).</summary>
    internal void Deliver(byte[] buffer, int length, IPEndPoint from)
    {
        if (TryDecryptHere(buffer, length, from))
        {
            return;
        }

        _inbound.Enqueue((buffer, length, from));
        Wake();
    }

    /// <summary>
    /// After the DTLS handshake, decrypts a DTLS datagram on the receive thread (<see cref="PeerConnection.TryHandleDtls"/>):
    /// the loop gets the SCTP packet with one thread hand-off instead of a queue to it and another to a DTLS thread,
    /// and decryption overlaps the loop's own work (SCTP, encryption of what it sends).
    /// </summary>
    private bool TryDecryptHere(byte[] buffer, int length, IPEndPoint from)
    {
        if (_stopped || !_pc.TryHandleDtls(buffer.AsSpan(0, length), from, _local))
        {
            return false;
        }

        Interlocked.Increment(ref _datagramsReceived);
        ArrayPool<byte>.Shared.Return(buffer);
        return true;
    }

    /// <summary>One pass of the loop, on the host's loop thread.</summary>
    internal void RunOnce()
    {
        lock (_runGate)
        {
            if (_stopped || _faulted)
            {
                return;
            }

            try
            {
                Iterate();
            }
            catch (Exception e)
            {
                // As on a connection's own loop thread: this connection ends, the host and the others go on.
                _faulted = true;
                try
                {
                    End(PeerConnectionState.Failed, "Internal error in the connection loop: " + e.Message);
                }
                catch (Exception)
                {
                    // Nothing more can be done for this connection.
                }
            }
        }
    }

    private PeerConnection CreatePeerConnection()
    {
        var secure = new SecureRandom();
        var certificate = DtlsCertificate.Generate(secure, _time.GetUtcNow());
        var pc = new PeerConnection(_options.Peer, certificate, new CryptographicRandom(), secure, Wake);
        pc.AddLocalCandidate(_local);
        return pc;
    }

    private void ReceiveLoop()
    {
        var address = new SocketAddress(_local.AddressFamily);
        SocketAddress? lastAddress = null;
        IPEndPoint? lastFrom = null;
        try
        {
            while (!_stopped)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
                int length;
                try
                {
                    length = _socket.ReceiveFrom(buffer, SocketFlags.None, address);
                }
                catch (SocketException e) when (!_stopped && e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    // An ICMP error from an earlier send, or an oversized datagram: not fatal for UDP.
                    ArrayPool<byte>.Shared.Return(buffer);
                    continue;
                }

                // Most datagrams come from the same peer: reuse its IPEndPoint instead of allocating one each time.
                if (lastFrom is null || !address.Equals(lastAddress))
                {
                    lastAddress = new SocketAddress(address.Family, address.Size);
                    address.Buffer.CopyTo(lastAddress.Buffer);
                    lastFrom = (IPEndPoint)_local.Create(address);
                }

                if (TryDecryptHere(buffer, length, lastFrom))
                {
                    continue;
                }

                _inbound.Enqueue((buffer, length, lastFrom));
                Wake();
            }
        }
        catch (Exception e) when (_stopped && e is SocketException or ObjectDisposedException)
        {
            // The socket was closed by DisposeAsync.
        }
        catch (Exception e)
        {
            // An exception escaping a thread would end the process; end this connection instead.
            Post(() => End(PeerConnectionState.Failed, "UDP receive failed: " + e.Message));
        }
    }

    private void RunLoop()
    {
        while (!_stopped)
        {
            _signal.Wait();
            _signal.Reset();
            if (_stopped)
            {
                break;
            }

            try
            {
                Iterate();
            }
            catch (Exception e)
            {
                try
                {
                    End(PeerConnectionState.Failed, "Internal error in the connection loop: " + e.Message);
                }
                catch (Exception)
                {
                    // Nothing more can be done on this thread.
                }

                break;
            }
        }
    }

    private void Iterate()
    {
        var now = Now;
        while (_commands.TryDequeue(out var command))
        {
            command();
        }

        while (_inbound.TryDequeue(out var datagram))
        {
            Interlocked.Increment(ref _datagramsReceived);
            _pc.HandleReceive(now, datagram.Buffer.AsSpan(0, datagram.Length), datagram.From, _local);
            ArrayPool<byte>.Shared.Return(datagram.Buffer);
        }

        // Also takes in DTLS output and events, which appear on the DTLS thread (it woke us).
        _pc.HandleTimeout(now);
        Dispatch();
        SendPending();
        Flush(now);
        Dispatch();
        Schedule(now);
    }

    private void SendPending()
    {
        while (_pendingSends.TryPeek(out var pending))
        {
            var buffered = _pc.GetBufferedAmount(pending.Channel.Id);
            if (buffered > 0 && buffered + pending.Data.Length > _options.SendHighWater)
            {
                return;
            }

            var result = pending.IsString
                ? _pc.SendText(pending.Channel.Id, System.Text.Encoding.UTF8.GetString(pending.Data.Span))
                : _pc.Send(pending.Channel.Id, pending.Data.Span);
            if (result == SctpSendResult.StreamResetting)
            {
                // The peer reopened this id before the old channel's reset of our stream completed (RFC 6525): the
                // stream takes data again when it does, and the loop comes back here on that event.
                return;
            }

            _pendingSends.Dequeue();
            if (result == SctpSendResult.Queued)
            {
                pending.Done.TrySetResult();
            }
            else
            {
                pending.Done.TrySetException(new PeerConnectionException("The message was not sent: " + result));
            }

            pending.Channel.SetBufferedAmount(_pc.GetBufferedAmount(pending.Channel.Id));
        }
    }

    private void Flush(long now)
    {
        while (_pc.TryPollTransmit(now, _sendBuffer, out var transmit))
        {
            if (!ReferenceEquals(transmit.Destination, _lastDestination))
            {
                _lastDestination = transmit.Destination;
                _lastDestinationAddress = transmit.Destination.Serialize();

                // On a shared socket, replies from there (STUN responses carry no USERNAME) must come back to us.
                _host?.Route(_lastDestinationAddress, transmit.Destination, this);
            }

            try
            {
                _socket.SendTo(_sendBuffer.AsSpan(0, transmit.Length), SocketFlags.None, _lastDestinationAddress!);
                DatagramsSent++;
            }
            catch (SocketException)
            {
                // UDP is best effort (e.g. ENOBUFS, unreachable): SCTP and ICE retransmit.
            }
        }
    }

    private void Dispatch()
    {
        while (_pc.TryPollEvent(out var e))
        {
            switch (e.Kind)
            {
                case PeerConnectionEventKind.StateChanged when e.State == PeerConnectionState.Connected:
                    _connected.TrySetResult();
                    break;
                case PeerConnectionEventKind.ChannelOpen:
                    if (_channels.TryGetValue(e.ChannelId, out var local))
                    {
                        local.Opened.TrySetResult();
                    }
                    else
                    {
                        var remote = new UdpDataChannel(this, e.ChannelId, e.Label ?? "");
                        _channels[e.ChannelId] = remote;
                        remote.Opened.TrySetResult();
                        _incoming.Writer.TryWrite(remote);
                    }

                    break;
                case PeerConnectionEventKind.Message when _channels.TryGetValue(e.ChannelId, out var channel):
                    channel.Deliver(new DataChannelMessage(e.Data ?? [], e.IsString));
                    break;
                case PeerConnectionEventKind.ChannelClosed when _channels.Remove(e.ChannelId, out var closed):
                    FailPendingSends(closed, "The channel closed.");
                    closed.Complete("The channel closed.");
                    break;
                case PeerConnectionEventKind.Closed:
                    End(PeerConnectionState.Closed, e.Reason ?? "closed");
                    break;
                case PeerConnectionEventKind.Failed:
                    End(PeerConnectionState.Failed, e.Reason ?? "failed");
                    break;
            }
        }

        foreach (var channel in _channels.Values)
        {
            channel.SetBufferedAmount(_pc.GetBufferedAmount(channel.Id));
        }
    }

    private void FailPendingSends(UdpDataChannel? channel, string reason)
    {
        var count = _pendingSends.Count;
        for (var i = 0; i < count; i++)
        {
            var pending = _pendingSends.Dequeue();
            if (channel is null || pending.Channel == channel)
            {
                pending.Done.TrySetException(new PeerConnectionException(reason));
            }
            else
            {
                _pendingSends.Enqueue(pending);
            }
        }
    }

    private void End(PeerConnectionState state, string reason)
    {
        if (_endReason is not null)
        {
            return;
        }

        _endReason = reason;
        var message = $"{state}: {reason}";
        FailPendingSends(null, message);
        foreach (var channel in _channels.Values)
        {
            channel.Complete(message);
        }

        _channels.Clear();
        _incoming.Writer.TryComplete();
        _connected.TrySetException(new PeerConnectionException(message));
        _ended.TrySetResult(message);
    }

    private void Schedule(long now)
    {
        var due = _pc.PollTimeout() ?? long.MaxValue;

        // A timer can fire before its deadline (System.Threading.Timer counts whole milliseconds), so HandleTimeout
        // may find nothing due and leave the deadline as it was. Returning then, with the one-shot timer spent, left
        // the loop asleep until a datagram came: against Firefox, which waits silently for our ICE nomination, the
        // nomination and consent checks were never sent (1 in 4 set-ups failed after 30 s).
        var fired = Interlocked.Exchange(ref _timerFired, 0) == 1;
        if (!fired && due == _timerDue && due > now)
        {
            // The timer armed for this deadline has not fired yet.
            return;
        }

        _timerDue = due;
        // At least 1 ms, so a deadline that HandleTimeout did not move cannot spin the loop.
        _timer.Change(due == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks(Math.Max(due - now, TimeSpan.TicksPerMillisecond)), Timeout.InfiniteTimeSpan);
    }

    private sealed class PendingSend(UdpDataChannel channel, ReadOnlyMemory<byte> data, bool isString)
    {
        public UdpDataChannel Channel { get; } = channel;

        public ReadOnlyMemory<byte> Data { get; } = data;

        public bool IsString { get; } = isString;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
