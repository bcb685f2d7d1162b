using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HlsSwarm.WebRtc.Stun;

namespace HlsSwarm.WebRtc.Udp;

/// <summary>
/// Runs many <see cref="UdpPeerConnection"/>s on ONE UDP socket with one receive thread and one loop thread, for a
/// peer that keeps 20–50 connections open: <see cref="CreateConnection"/> gives connections with the usual API, all
/// announcing the host's address as their host candidate.
/// </summary>
/// <remarks>
/// <para>Demultiplexing (RFC 8445 §7.2.2, RFC 7983): a datagram goes to the connection its remote address is routed
/// to. A route is made when a connection sends to an address (so responses to its checks come back), or when a STUN
/// binding request arrives from an unknown address with USERNAME "ourUfrag:theirUfrag": the ufrag names the
/// connection (a peer whose checks reach us first, or from a peer-reflexive address). Anything else from an
/// unknown address is dropped (<see cref="DatagramsUnrouted"/>). One remote address belongs to one connection: two
/// connections to the same remote address and port would share the 5-tuple, which ICE and DTLS cannot tell apart.</para>
/// <para>Threads: the receive thread reads the socket and queues each datagram on its connection; the loop thread
/// runs every connection that has work (datagrams, application commands, timers, DTLS wake-ups), one pass each, and
/// sends on the socket. Each connection keeps its own DTLS thread (BouncyCastle's handshake and record reader,
/// <c>Dtls/README.md</c>).</para>
/// </remarks>
public sealed class UdpPeerConnectionHost : IAsyncDisposable
{
    private const int ReceiveBufferSize = 2048;
    private const int ThreadStackSize = 256 * 1024;

    /// <summary>
    /// Most remote addresses routed to one connection: checks are routed before their MESSAGE-INTEGRITY is verified
    /// (the connection's ICE agent does that), so a sender that knows a ufrag must not grow the table without bound.
    /// As many as one ICE agent keeps remote candidates (<c>IceAgentOptions.MaxRemoteCandidates</c>).
    /// </summary>
    public const int MaxRoutesPerConnection = 64;

    private readonly UdpPeerConnectionHostOptions _options;
    private readonly ConcurrentDictionary<SocketAddress, RemoteRoute> _routes = new();
    private readonly ConcurrentDictionary<string, UdpPeerConnection> _byUfrag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<UdpPeerConnection, Member> _connections = new();
    private readonly ConcurrentQueue<UdpPeerConnection> _ready = new();
    private readonly ManualResetEventSlim _signal = new(false);
    private readonly SharedMulticastDnsResolver _resolver;
    private readonly Thread _receiveThread;
    private readonly Thread _loopThread;
    private volatile bool _stopped;
    private long _unrouted;

    /// <summary>Binds the socket and starts the two threads.</summary>
    /// <exception cref="ArgumentException">The local address is a wildcard.</exception>
    /// <exception cref="SocketException">The address cannot be bound.</exception>
    public UdpPeerConnectionHost(UdpPeerConnectionHostOptions? options = null)
    {
        _options = options ?? new UdpPeerConnectionHostOptions();
        if (_options.LocalEndPoint.Address.Equals(IPAddress.Any) || _options.LocalEndPoint.Address.Equals(IPAddress.IPv6Any))
        {
            throw new ArgumentException("Bind a specific interface address: it is announced as the host candidate.", nameof(options));
        }

        Socket = new Socket(_options.LocalEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveBufferSize = _options.SocketBufferSize,
            SendBufferSize = _options.SocketBufferSize,
        };
        try
        {
            Socket.Bind(_options.LocalEndPoint);
            LocalEndPoint = (IPEndPoint)Socket.LocalEndPoint!;
        }
        catch
        {
            Socket.Dispose();
            throw;
        }

        _resolver = new SharedMulticastDnsResolver(LocalEndPoint.Address, TimeSpan.FromSeconds(1), _options.TimeProvider);
        _receiveThread = new Thread(ReceiveLoop, ThreadStackSize) { IsBackground = true, Name = "webrtc-host-receive" };
        _loopThread = new Thread(RunLoop, ThreadStackSize) { IsBackground = true, Name = "webrtc-host-loop" };
        _loopThread.Start();
        _receiveThread.Start();
    }

    /// <summary>The bound address: every connection's host candidate.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Connections created and not yet disposed.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Datagrams dropped because no connection could be found for them.</summary>
    public long DatagramsUnrouted => Interlocked.Read(ref _unrouted);

    internal Socket Socket { get; }

    /// <summary>
    /// A new connection on this host's socket. <see cref="UdpPeerConnectionOptions.LocalEndPoint"/>,
    /// <see cref="UdpPeerConnectionOptions.SocketBufferSize"/> and <see cref="UdpPeerConnectionOptions.TimeProvider"/>
    /// are the host's; without a <see cref="UdpPeerConnectionOptions.NameResolver"/> the connections share one
    /// multicast DNS resolver. Dispose the connection to remove it; disposing the host disposes them all.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The host was disposed.</exception>
    public UdpPeerConnection CreateConnection(UdpPeerConnectionOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        options ??= new UdpPeerConnectionOptions();
        options = options with
        {
            LocalEndPoint = LocalEndPoint,
            SocketBufferSize = _options.SocketBufferSize,
            TimeProvider = _options.TimeProvider,
            NameResolver = options.NameResolver ?? _resolver,
        };
        var connection = new UdpPeerConnection(this, options);
        var ufrag = connection.LocalUfrag;
        _byUfrag[ufrag] = connection;
        _connections[connection] = new Member(ufrag);
        return connection;
    }

    /// <summary>Disposes every connection (SCTP ABORT, DTLS close_notify each), then stops the threads and the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        foreach (var connection in _connections.Keys.ToList())
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _stopped = true;
        _signal.Set();
        Socket.Dispose();
        await Task.Run(() =>
        {
            _loopThread.Join();
            _receiveThread.Join();
        }).ConfigureAwait(false);
        _resolver.Dispose();
        _signal.Dispose();
    }

    /// <summary>Queues <paramref name="connection"/> for the loop thread (from any thread; at most once until it runs).</summary>
    internal void Schedule(UdpPeerConnection connection)
    {
        if (Interlocked.Exchange(ref connection.Scheduled, 1) == 0)
        {
            _ready.Enqueue(connection);
            if (!_signal.IsSet)
            {
                _signal.Set();
            }
        }
    }

    /// <summary>Routes datagrams from <paramref name="address"/> to <paramref name="connection"/> unless that address already has one.</summary>
    internal void Route(SocketAddress address, IPEndPoint endPoint, UdpPeerConnection connection)
    {
        if (_connections.TryGetValue(connection, out var member) && member.Routes < MaxRoutesPerConnection
            && _routes.TryAdd(address, new RemoteRoute(connection, endPoint)))
        {
            Interlocked.Increment(ref member.Routes);
        }
    }

    /// <summary>Forgets a disposed connection's routes.</summary>
    internal void Detach(UdpPeerConnection connection)
    {
        if (_connections.TryRemove(connection, out var member))
        {
            _byUfrag.TryRemove(new KeyValuePair<string, UdpPeerConnection>(member.Ufrag, connection));
        }

        foreach (var (address, route) in _routes)
        {
            if (route.Connection == connection)
            {
                _routes.TryRemove(new KeyValuePair<SocketAddress, RemoteRoute>(address, route));
            }
        }
    }

    private void ReceiveLoop()
    {
        var address = new SocketAddress(LocalEndPoint.AddressFamily);
        try
        {
            while (!_stopped)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
                int length;
                try
                {
                    length = Socket.ReceiveFrom(buffer, SocketFlags.None, address);
                }
                catch (SocketException e) when (!_stopped && e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    // An ICMP error from an earlier send, or an oversized datagram: not fatal for UDP.
                    ArrayPool<byte>.Shared.Return(buffer);
                    continue;
                }

                if (!_routes.TryGetValue(address, out var route) && !TryRouteByUfrag(buffer.AsSpan(0, length), address, out route))
                {
                    Interlocked.Increment(ref _unrouted);
                    ArrayPool<byte>.Shared.Return(buffer);
                    continue;
                }

                route!.Connection.Deliver(buffer, length, route.From);
            }
        }
        catch (Exception e) when (_stopped && e is SocketException or ObjectDisposedException)
        {
            // The socket was closed by DisposeAsync.
        }
    }

    // RFC 8445 §7.2.2: a check's USERNAME is "ufrag of the receiver:ufrag of the sender"; the first part names our connection.
    private bool TryRouteByUfrag(ReadOnlySpan<byte> datagram, SocketAddress address, out RemoteRoute? route)
    {
        route = null;
        if (!StunMessage.IsStun(datagram) || StunMessage.TryParse(datagram, out var message) != StunDecodeError.None
            || message.Class != StunClass.Request || message.Method != StunMethod.Binding || !message.HasUsername)
        {
            return false;
        }

        var username = message.Username;
        var colon = username.IndexOf((byte)':');
        if (colon <= 0 || !_byUfrag.TryGetValue(Encoding.UTF8.GetString(username[..colon]), out var connection)
            || !_connections.TryGetValue(connection, out var member) || member.Routes >= MaxRoutesPerConnection)
        {
            return false;
        }

        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.CopyTo(copy.Buffer);
        route = new RemoteRoute(connection, (IPEndPoint)LocalEndPoint.Create(copy));
        if (_routes.TryAdd(copy, route))
        {
            Interlocked.Increment(ref member.Routes);
        }
        else if (!_routes.TryGetValue(copy, out route))
        {
            return false; // Added and removed again meanwhile (a connection left): drop this one.
        }

        return true;
    }

    private void RunLoop()
    {
        while (!_stopped)
        {
            _signal.Wait();
            _signal.Reset();
            while (!_stopped && _ready.TryDequeue(out var connection))
            {
                // Cleared before the pass, so work that arrives during it queues the connection again.
                Volatile.Write(ref connection.Scheduled, 0);
                connection.RunOnce();
            }
        }
    }

    private sealed record RemoteRoute(UdpPeerConnection Connection, IPEndPoint From);

    private sealed class Member(string ufrag)
    {
        public string Ufrag { get; } = ufrag;

        // Remote addresses routed to this connection (written under Interlocked, read loosely: the cap is approximate).
        public int Routes;
    }
}
