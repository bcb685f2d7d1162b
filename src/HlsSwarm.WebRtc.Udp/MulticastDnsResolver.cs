using System.Net;
using System.Net.Sockets;
using HlsSwarm.WebRtc.Mdns;

namespace HlsSwarm.WebRtc.Udp;

/// <summary>
/// Resolves <c>*.local</c> names with one-shot multicast DNS queries on one interface
/// (<see href="https://www.rfc-editor.org/rfc/rfc6762#section-5.1">RFC 6762 §5.1</see>), driving the sans-I/O
/// <see cref="MdnsResolver"/>: queries go to 224.0.0.251:5353 out of the interface that has
/// <c>interfaceAddress</c>, answers are read from a socket bound to 0.0.0.0:5353 (SO_REUSEADDR, so browsers and
/// other responders on the host keep theirs) that joined the group on that interface. Thread-safe; share one per
/// interface.
/// </summary>
/// <remarks>
/// Chromium's responder answers queries for its candidate names by multicast, so the answer must be read on port
/// 5353 (a query from another port gets no unicast reply from it). Queries are repeated after 1 s and 3 s as the
/// core does; the caller's cancellation bounds each name.
/// </remarks>
public sealed class MulticastDnsResolver : ICandidateNameResolver, IDisposable
{
    private const int MaxDatagram = 9000; // RFC 6762 §17: an mDNS message fits in 9000 bytes.

    private readonly object _gate = new();
    private readonly Socket _socket;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly MdnsResolver _core;
    private readonly ITimer _timer;
    private readonly Dictionary<string, List<TaskCompletionSource<IPAddress?>>> _waiting = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;

    /// <summary>Opens the multicast socket on the interface that has <paramref name="interfaceAddress"/> (IPv4).</summary>
    /// <param name="interfaceAddress">An address of the interface to query on (our host candidate's).</param>
    /// <param name="timeout">How long the core keeps asking for one name (default 5 s, RFC 6762 §5.1 repeats inside it).</param>
    /// <param name="time">Clock and timers.</param>
    /// <exception cref="SocketException">The interface cannot do multicast (e.g. loopback) or port 5353 cannot be bound.</exception>
    public MulticastDnsResolver(IPAddress interfaceAddress, TimeSpan? timeout = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(interfaceAddress);
        if (interfaceAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("Only IPv4 interfaces are supported (browsers' mDNS candidates resolve to A records).", nameof(interfaceAddress));
        }

        _time = time ?? TimeProvider.System;
        _start = _time.GetTimestamp();
        _core = new MdnsResolver(TimeSpan.TicksPerSecond, timeout);
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _socket.Bind(new IPEndPoint(IPAddress.Any, MdnsMessage.Port));
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(MdnsMessage.IPv4Group.Address, interfaceAddress));
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, interfaceAddress.GetAddressBytes());

            // RFC 6762 §11: link-local multicast goes out with TTL 255. Loopback stays on: a browser on this host
            // (the same network namespace) answers through it.
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 255);
            _socket.MulticastLoopback = true;
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        _timer = _time.CreateTimer(static s => ((MulticastDnsResolver)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Datagrams received on port 5353 (answers, other hosts' queries, our own looped-back ones).</summary>
    public long DatagramsReceived { get; private set; }

    /// <inheritdoc/>
    public async Task<IPAddress?> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var done = new TaskCompletionSource<IPAddress?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return null;
            }

            var now = Now;
            if (!_waiting.TryGetValue(name, out var list))
            {
                // The core refuses invalid names and more than MdnsResolver.MaxPending at once: no answer then.
                if (!_core.Resolve(now, name))
                {
                    return null;
                }

                _waiting[name] = list = [];
            }

            list.Add(done);
            Flush(now);
        }

        using var registration = cancellationToken.Register(static s => ((TaskCompletionSource<IPAddress?>)s!).TrySetResult(null), done);
        return await done.Task.ConfigureAwait(false);
    }

    /// <summary>Closes the socket; pending resolutions complete with null.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _stop.Cancel();
            foreach (var list in _waiting.Values)
            {
                list.ForEach(t => t.TrySetResult(null));
            }

            _waiting.Clear();
        }

        _timer.Dispose();
        _socket.Dispose();
        try
        {
            _receiving.Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            // The loop ends with the socket; its exception is of no interest here.
        }

        _stop.Dispose();
    }

    private long Now => _time.GetElapsedTime(_start).Ticks;

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[MaxDatagram];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = (await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false)).ReceivedBytes;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || (e is SocketException && _stop.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. an ICMP error from an earlier send: not fatal for UDP.
            }

            lock (_gate)
            {
                DatagramsReceived++;
                var now = Now;
                _core.HandleReceive(now, buffer.AsSpan(0, length));
                Flush(now);
            }
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            var now = Now;
            _core.HandleTimeout(now);
            Flush(now);
        }
    }

    // Under _gate: sends due queries, completes answered or timed-out names, re-arms the timer.
    private void Flush(long now)
    {
        while (_core.TryPollTransmit(out var query))
        {
            try
            {
                _socket.SendTo(query.Span, SocketFlags.None, MdnsMessage.IPv4Group);
            }
            catch (SocketException)
            {
                // Best effort (no route for multicast): the name times out and ICE goes on with peer-reflexive.
            }
        }

        while (_core.TryPollEvent(out var resolution))
        {
            if (_waiting.Remove(resolution.Name, out var list))
            {
                list.ForEach(t => t.TrySetResult(resolution.Address));
            }
        }

        var due = _core.PollTimeout();
        _timer.Change(due is { } d ? TimeSpan.FromTicks(Math.Max(d - now, TimeSpan.TicksPerMillisecond)) : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}
