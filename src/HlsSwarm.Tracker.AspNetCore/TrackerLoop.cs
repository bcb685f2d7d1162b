using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using HlsSwarm.Protocol.Tracker;
using HlsSwarm.Tracker.AspNetCore.Cluster;
using Microsoft.Extensions.Hosting;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// The single owner of the <see cref="TrackerCore"/>: connection read loops post complete messages (in pooled
/// buffers) and connection events to one lock-free single-consumer channel (soft-bounded by
/// <see cref="TrackerEndpointOptions.WorkQueueCapacity"/>); this loop's one task feeds them to the core with the
/// current time and writes the core's output into the connections, flushing once per batch. No lock is ever taken
/// around the core.
/// Also runs housekeeping (peer expiry, idle connections) on a <see cref="TimeProvider"/> timer.
/// </summary>
public sealed class TrackerLoop : IHostedService, IAsyncDisposable
{
    private readonly TrackerCore _core;
    private readonly TrackerOptions _options;
    private readonly TrackerEndpointOptions _endpoint;
    private readonly TimeProvider _time;
    private readonly Channel<Work> _channel;
    private readonly TrackerOutput _output = new();
    private readonly Dictionary<long, TrackerConnection> _sockets = new();
    private readonly long _startedAt;
    private readonly long _idleTicks;
    private readonly long _graceTicks;
    private readonly List<TrackerConnection> _sweep = new();
    private ITimer? _timer;
    private Task? _run;
    private readonly int _capacity;
    private readonly List<TrackerConnection> _dirty = new();
    private long _nextConnectionId;
    private long _internalErrors;
    private int _queuedMessages;
    private TaskCompletionSource? _space;
    private bool _mapped;
    private readonly RedisBackplane? _backplane;
    private readonly List<TrackerRegistration> _registrations = new();
    private readonly WireId[] _localTargets = new WireId[64];
    private long _relaysDelivered;
    private long _relaysToUnknownPeers;
    private long _peersMoved;

    /// <summary>Creates the loop; it runs once <see cref="StartAsync"/> is called (by the host).</summary>
    public TrackerLoop(TrackerOptions options, TrackerEndpointOptions endpoint, TimeProvider time)
        : this(options, endpoint, time, null)
    {
    }

    /// <summary>
    /// Creates the loop of one node of a cluster: <paramref name="backplane"/> (when not null) shares the swarms
    /// with the other nodes, and <paramref name="options"/> must then have <see cref="TrackerOptions.Clustered"/> set.
    /// </summary>
    public TrackerLoop(TrackerOptions options, TrackerEndpointOptions endpoint, TimeProvider time, RedisBackplane? backplane)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(time);
        endpoint.Validate(options);
        if (options.Clustered != (backplane is not null))
        {
            throw new ArgumentException("TrackerOptions.Clustered must be set exactly when a backplane is given.", nameof(options));
        }

        _backplane = backplane;
        _options = options;
        _endpoint = endpoint;
        _time = time;
        _core = new TrackerCore(options, new Random(), time.TimestampFrequency);
        // Lock-free single-consumer queue; the bound on queued messages is kept by _queuedMessages below
        // (a bounded channel takes a lock on every write, which the read loops of all connections contend for).
        _channel = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
        _capacity = endpoint.WorkQueueCapacity;
        _startedAt = time.GetTimestamp();
        TooBigReason = $"message larger than {endpoint.MaxFrameBytes} bytes";
        _idleTicks = (long)(endpoint.IdleTimeout.TotalSeconds * time.TimestampFrequency);
        _graceTicks = (long)(endpoint.CloseGracePeriod.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Exceptions thrown while handling work (bugs, never peer input); 0 in a healthy tracker.</summary>
    public long InternalErrors => Interlocked.Read(ref _internalErrors);

    /// <summary>True when this loop is one node of a cluster (it has a Redis backplane).</summary>
    public bool Clustered => _backplane is not null;

    /// <summary>A cluster node whose Redis is unreachable: it serves its own peers only (docs/tracker-cluster.md).</summary>
    public bool Degraded => _backplane is { IsAvailable: false };

    /// <summary>A cluster node whose id another process took over while this one could not renew its lease.</summary>
    public bool LeaseConflict => _backplane is { LeaseConflict: true };

    /// <summary>Transport counters (closes, refused upgrades).</summary>
    public TrackerEndpointCounters EndpointCounters { get; } = new();

    /// <summary>Set by <c>MapHlsSwarmTracker</c>; the connection-level path only takes WebSockets once the tracker is mapped.</summary>
    internal bool Mapped
    {
        get => Volatile.Read(ref _mapped);
        set => Volatile.Write(ref _mapped, value);
    }

    /// <summary>The clock of this loop.</summary>
    internal TimeProvider Time => _time;

    internal TrackerEndpointOptions EndpointOptions => _endpoint;

    /// <summary>Close reason for an oversized message (one string for every connection).</summary>
    internal string TooBigReason { get; }

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_run is null && _backplane is not null)
        {
            await _backplane.StartAsync(PostDelivery, () => _channel.Writer.TryWrite(new Work(WorkKind.Resync, null, 0, null, 0, null)), cancellationToken).ConfigureAwait(false);
        }

        _run ??= Task.Run(RunAsync, CancellationToken.None);
        _timer ??= _time.CreateTimer(_ => _channel.Writer.TryWrite(new Work(WorkKind.Tick, null, 0, null, 0, null)), null, _endpoint.HousekeepingPeriod, _endpoint.HousekeepingPeriod);
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        _channel.Writer.TryComplete();
        try
        {
            if (_run is not null)
            {
                await _run.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (_backplane is not null)
            {
                await _backplane.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The host begins to stop: other nodes stop relaying to this one before its connections drain.</summary>
    internal void OnStopping() => _backplane?.ReleaseLease();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>A consistent snapshot of every counter, taken on the loop.</summary>
    public async Task<TrackerStatsSnapshot> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var tcs = new TaskCompletionSource<TrackerStatsSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(new Work(WorkKind.Stats, null, 0, null, 0, tcs), cancellationToken).ConfigureAwait(false);
        return await tcs.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A relay for a peer of this node, resolved by the backplane (from Redis or from a local announce).</summary>
    internal void PostDelivery(WireId infoHash, WireId toPeerId, byte[] message) =>
        _channel.Writer.TryWrite(new Work(WorkKind.Deliver, null, 0, message, message.Length, null, new Delivery(infoHash, toPeerId)));

    internal long NextConnectionId() => Interlocked.Increment(ref _nextConnectionId);

    internal ValueTask PostConnectedAsync(TrackerConnection socket) =>
        _channel.Writer.WriteAsync(new Work(WorkKind.Connected, socket, socket.Id, null, 0, null));

    internal ValueTask PostDisconnectedAsync(TrackerConnection socket) =>
        _channel.Writer.WriteAsync(new Work(WorkKind.Disconnected, socket, socket.Id, null, 0, null));

    /// <summary>
    /// Hands a complete message to the loop; the loop returns <paramref name="buffer"/> to <see cref="ArrayPool{T}.Shared"/>.
    /// Completes at once unless <see cref="TrackerEndpointOptions.WorkQueueCapacity"/> messages are waiting: then the
    /// read loop waits until the loop has drained half of them (backpressure on the sockets).
    /// </summary>
    internal ValueTask PostMessageAsync(long connectionId, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        if (!_channel.Writer.TryWrite(new Work(WorkKind.Message, null, connectionId, buffer, length, null)))
        {
            ArrayPool<byte>.Shared.Return(buffer); // shutting down
            return default;
        }

        return Interlocked.Increment(ref _queuedMessages) > _capacity ? WaitForSpaceAsync(cancellationToken) : default;
    }

    private async ValueTask WaitForSpaceAsync(CancellationToken cancellationToken)
    {
        Task space;
        lock (_channel)
        {
            space = (_space ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        if (Volatile.Read(ref _queuedMessages) > _capacity)
        {
            await space.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Frames are written as messages are handled and flushed once per batch, so messages to the same
            // connection share a send and the transport is woken once per batch rather than once per message.
            var n = 0;
            while (reader.TryRead(out var work))
            {
                try
                {
                    Process(work);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A bug in the tracker, never peer input: count it and keep serving everyone else.
                    Interlocked.Increment(ref _internalErrors);
                    _output.Clear();
                }

                if (++n == 64)
                {
                    FlushDirty();
                    n = 0;
                }
            }

            FlushDirty();
        }

        foreach (var socket in _sockets.Values)
        {
            socket.Abort();
        }

        ReleaseWaiters();
    }

    private void Process(in Work work)
    {
        var now = _time.GetTimestamp();
        switch (work.Kind)
        {
            case WorkKind.Message:
                try
                {
                    _core.HandleMessage(now, work.ConnectionId, work.Buffer.AsSpan(0, work.Length), _output);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(work.Buffer!);
                    if (Interlocked.Decrement(ref _queuedMessages) <= _capacity / 2 && Volatile.Read(ref _space) is not null)
                    {
                        ReleaseWaiters();
                    }
                }

                break;
            case WorkKind.Connected:
                _sockets[work.ConnectionId] = work.Socket!;
                _core.HandleConnected(now, work.ConnectionId);
                break;
            case WorkKind.Disconnected:
                _sockets.Remove(work.ConnectionId);
                _core.HandleDisconnected(now, work.ConnectionId);
                break;
            case WorkKind.Tick:
                Housekeeping(now);
                break;
            case WorkKind.Stats:
                work.Stats!.TrySetResult(Snapshot(now));
                break;
            case WorkKind.Deliver:
                Deliver(work.Delivery!.InfoHash, work.Delivery.ToPeerId, work.Buffer.AsSpan(0, work.Length));
                break;
            case WorkKind.Resync:
                _registrations.Clear();
                _core.CopyRegistrationsTo(_registrations);
                _backplane?.Resync(_registrations);
                _registrations.Clear();
                break;
        }

        Dispatch(now);
    }

    private void Deliver(WireId infoHash, WireId toPeerId, ReadOnlySpan<byte> message)
    {
        if (message.IsEmpty)
        {
            // Not a relay: the peer moved to another node (RelayEnvelope); forget its stale registration here.
            if (_core.HandlePeerMoved(infoHash, toPeerId))
            {
                _peersMoved++;
            }

            return;
        }

        if (_core.TryFindConnection(infoHash, toPeerId, out var connectionId)
            && _sockets.TryGetValue(connectionId, out var socket))
        {
            _relaysDelivered++;
            switch (socket.SendDeferred(message))
            {
                case TrackerConnection.SendResult.Written:
                    _dirty.Add(socket);
                    break;
                case TrackerConnection.SendResult.SlowReader:
                    EndpointCounters.Count(TrackerCloseReason.SlowReader);
                    break;
            }
        }
        else
        {
            _relaysToUnknownPeers++;
        }
    }

    /// <summary>Hands the core's cluster work and departures to the backplane (copying bytes out of the reused output).</summary>
    private void HandToBackplane(RedisBackplane backplane)
    {
        var work = _output.ClusterWork;
        for (var i = 0; i < work.Length; i++)
        {
            ref readonly var w = ref work[i];
            switch (w.Kind)
            {
                case TrackerClusterWorkKind.Announce when !backplane.IsAvailable:
                    // Degraded: Redis is unreachable, so relay between this node's own peers, as a single node would.
                    var n = _core.PickLocalPeers(w.InfoHash, w.PeerId, _localTargets.AsSpan(0, Math.Min(w.Count, _localTargets.Length)));
                    for (var j = 0; j < n; j++)
                    {
                        Deliver(w.InfoHash, _localTargets[j], _output.GetMessage(work[i + 1 + j]));
                    }

                    backplane.CountDegradedOffers(n);
                    i += w.Count;
                    break;
                case TrackerClusterWorkKind.Announce:
                    var offers = w.Count == 0 ? [] : new byte[w.Count][];
                    for (var j = 0; j < w.Count; j++)
                    {
                        offers[j] = _output.GetMessage(work[i + 1 + j]).ToArray();
                    }

                    backplane.Announce(w.InfoHash, w.PeerId, offers);
                    i += w.Count;
                    break;
                case TrackerClusterWorkKind.Answer:
                    backplane.Answer(w.InfoHash, w.ToPeerId, _output.GetMessage(w));
                    break;
            }
        }

        while (_core.TryPollPeerLeft(out var left))
        {
            backplane.Leave(left.InfoHash, left.PeerId);
        }
    }

    private void ReleaseWaiters()
    {
        lock (_channel)
        {
            _space?.TrySetResult();
            _space = null;
        }
    }

    private void FlushDirty()
    {
        foreach (var connection in _dirty)
        {
            connection.FlushDeferred();
        }

        _dirty.Clear();
    }

    private void Dispatch(long now)
    {
        foreach (ref readonly var t in _output.Transmits)
        {
            if (_sockets.TryGetValue(t.ConnectionId, out var socket))
            {
                switch (socket.SendDeferred(_output.GetMessage(t)))
                {
                    case TrackerConnection.SendResult.Written:
                        _dirty.Add(socket);
                        break;
                    case TrackerConnection.SendResult.SlowReader:
                        EndpointCounters.Count(TrackerCloseReason.SlowReader);
                        break;
                }
            }
        }

        foreach (ref readonly var c in _output.Closes)
        {
            if (_sockets.TryGetValue(c.ConnectionId, out var socket) && socket.Close(WebSocketCloseStatus.PolicyViolation, c.Reason, now))
            {
                EndpointCounters.Count(TrackerCloseReason.RateLimit);
            }
        }

        if (_backplane is not null)
        {
            HandToBackplane(_backplane);
        }

        _output.Clear();
    }

    private void Housekeeping(long now)
    {
        if (_core.PollTimeout() is { } due && now >= due)
        {
            _core.HandleTimeout(now);
        }

        if (_backplane is not null)
        {
            // Published with the next lease renewal: the other nodes read it from Redis for their cluster-wide view.
            var c = _core.Counters;
            _backplane.SetFigures(new TrackerNodeFigures
            {
                NodeId = _backplane.NodeId,
                Connections = c.Connections,
                Peers = c.Peers,
                Swarms = c.Swarms,
                Complete = c.CompletePeers,
                Incomplete = c.Peers - c.CompletePeers,
                UptimeSeconds = (double)(now - _startedAt) / _time.TimestampFrequency,
            });
        }

        _sweep.Clear();
        _sweep.AddRange(_sockets.Values);
        foreach (var socket in _sweep)
        {
            if (socket.CloseRequested)
            {
                if (socket.CloseRequestedAt != 0 && now - socket.CloseRequestedAt > _graceTicks)
                {
                    socket.Abort();
                    EndpointCounters.Count(TrackerCloseReason.CloseTimeout);
                }
            }
            else if (now - socket.LastReceived > _idleTicks)
            {
                if (socket.Close(WebSocketCloseStatus.PolicyViolation, "idle timeout", now))
                {
                    EndpointCounters.Count(TrackerCloseReason.IdleTimeout);
                }
            }
        }

        _sweep.Clear();
    }

    private TrackerStatsSnapshot Snapshot(long now)
    {
        var c = _core.Counters;
        var largest = _core.ListLargestSwarms(_options.MaxSwarmsInStats);
        var perSwarm = new Dictionary<string, int>(largest.Count);
        foreach (var kv in largest)
        {
            perSwarm[kv.Key] = kv.Value;
        }

        var kinds = new Dictionary<string, long>();
        foreach (var kind in Enum.GetValues<TrackerMessageKind>())
        {
            kinds[JsonName(kind.ToString())] = c.MessagesByKind[(int)kind];
        }

        var failures = new Dictionary<string, long>();
        foreach (var f in Enum.GetValues<TrackerFailure>())
        {
            if (c.FailuresByReason[(int)f] > 0)
            {
                failures[JsonName(TrackerFailureText.Key(f))] = c.FailuresByReason[(int)f];
            }
        }

        var closes = new Dictionary<string, long>();
        foreach (var r in Enum.GetValues<TrackerCloseReason>())
        {
            closes[JsonName(r.ToString())] = EndpointCounters.Get(r);
        }

        var rejections = new Dictionary<string, long>();
        foreach (var r in Enum.GetValues<TrackerUpgradeRejection>())
        {
            rejections[JsonName(r.ToString())] = EndpointCounters.Get(r);
        }

        return new TrackerStatsSnapshot
        {
            Connections = c.Connections,
            Swarms = c.Swarms,
            Peers = c.Peers,
            CompletePeers = c.CompletePeers,
            IncompletePeers = c.Peers - c.CompletePeers,
            PeersPerSwarm = perSwarm,
            PeersPerSwarmTruncated = c.Swarms > perSwarm.Count,
            MessagesByKind = kinds,
            Relays = new TrackerRelayCounts(c.OffersRelayed, c.AnswersRelayed),
            FailuresByReason = failures,
            AnswersDropped = c.AnswersDropped,
            PeersExpired = c.PeersExpired,
            ClosesByReason = closes,
            RejectedUpgrades = rejections,
            Upgrades = new TrackerUpgradeCounts(EndpointCounters.ConnectionLevelUpgrades, EndpointCounters.HttpUpgrades),
            InternalErrors = InternalErrors,
            UptimeSeconds = (double)(now - _startedAt) / _time.TimestampFrequency,
            Cluster = _backplane?.GetStats(_relaysDelivered, _relaysToUnknownPeers) is { } cs ? cs with { PeersMovedAway = _peersMoved } : null,
            ClusterWide = _backplane?.GetClusterWide(),
        };
    }

    private static string JsonName(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];

    private enum WorkKind
    {
        Message,
        Connected,
        Disconnected,
        Tick,
        Stats,
        Deliver,
        Resync,
    }

    private sealed record Delivery(WireId InfoHash, WireId ToPeerId);

    private readonly record struct Work(
        WorkKind Kind, TrackerConnection? Socket, long ConnectionId, byte[]? Buffer, int Length, TaskCompletionSource<TrackerStatsSnapshot>? Stats,
        Delivery? Delivery = null);
}
