using System.Buffers;
using System.Net.WebSockets;
using System.Collections.Concurrent;
using HlsSwarm.Protocol.Tracker;
using Microsoft.Extensions.Hosting;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// The single owner of the <see cref="TrackerCore"/>: connection read loops post complete messages (in pooled
/// buffers) and connection events to one lock-free queue; whichever thread finds the core free takes ownership
/// (one compare-and-swap), drains the queue into the core with the current time and hands the core's output to
/// the connections. Exactly one thread touches the core at a time and no thread ever waits for it: a poster that
/// finds the core busy leaves its work to the current owner (flat combining). An idle tracker therefore handles a
/// message on the thread that read it, without waking a worker thread. After <see cref="MaxBatch"/> items the
/// owner hands the rest to the thread pool, so one connection's read loop is never held for long.
/// Also runs housekeeping (peer expiry, idle connections) on a <see cref="TimeProvider"/> timer.
/// </summary>
public sealed class TrackerLoop : IHostedService, IAsyncDisposable, IThreadPoolWorkItem
{
    /// <summary>Most queued items one owner handles before handing the rest to the thread pool.</summary>
    public const int MaxBatch = 256;

    private readonly TrackerCore _core;
    private readonly TrackerOptions _options;
    private readonly TrackerEndpointOptions _endpoint;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<Work> _queue = new();
    private readonly TrackerOutput _output = new();
    private readonly Dictionary<long, TrackerConnection> _sockets = new();
    private readonly long _startedAt;
    private readonly long _idleTicks;
    private readonly long _graceTicks;
    private readonly List<TrackerConnection> _sweep = new();
    private ITimer? _timer;
    private int _owner;
    private long _internalErrors;
    private bool _stopped;
    private readonly int _capacity;
    private readonly List<TrackerConnection> _dirty = new();
    private long _nextConnectionId;
    private int _queuedMessages;
    private TaskCompletionSource? _space;
    private bool _mapped;

    /// <summary>Creates the loop; it runs once <see cref="StartAsync"/> is called (by the host).</summary>
    public TrackerLoop(TrackerOptions options, TrackerEndpointOptions endpoint, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(time);
        endpoint.Validate(options);
        _options = options;
        _endpoint = endpoint;
        _time = time;
        _core = new TrackerCore(options, new Random(), time.TimestampFrequency);
        _capacity = endpoint.WorkQueueCapacity;
        _startedAt = time.GetTimestamp();
        TooBigReason = $"message larger than {endpoint.MaxFrameBytes} bytes";
        _idleTicks = (long)(endpoint.IdleTimeout.TotalSeconds * time.TimestampFrequency);
        _graceTicks = (long)(endpoint.CloseGracePeriod.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Exceptions thrown while handling work (bugs, never peer input); 0 in a healthy tracker.</summary>
    public long InternalErrors => Interlocked.Read(ref _internalErrors);

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
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer ??= _time.CreateTimer(_ => Post(new Work(WorkKind.Tick, null, 0, null, 0, null)), null, _endpoint.HousekeepingPeriod, _endpoint.HousekeepingPeriod);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        Post(new Work(WorkKind.Stop, null, 0, null, 0, null));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>A consistent snapshot of every counter, taken on the loop.</summary>
    public async Task<TrackerStatsSnapshot> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var tcs = new TaskCompletionSource<TrackerStatsSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new Work(WorkKind.Stats, null, 0, null, 0, tcs));
        return await tcs.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    internal long NextConnectionId() => Interlocked.Increment(ref _nextConnectionId);

    internal ValueTask PostConnectedAsync(TrackerConnection socket)
    {
        Post(new Work(WorkKind.Connected, socket, socket.Id, null, 0, null));
        return default;
    }

    internal ValueTask PostDisconnectedAsync(TrackerConnection socket)
    {
        Post(new Work(WorkKind.Disconnected, socket, socket.Id, null, 0, null));
        return default;
    }

    /// <summary>
    /// Hands a complete message to the loop; the loop returns <paramref name="buffer"/> to <see cref="ArrayPool{T}.Shared"/>.
    /// Completes at once unless <see cref="TrackerEndpointOptions.WorkQueueCapacity"/> messages are waiting: then the
    /// read loop waits until the loop has drained half of them (backpressure on the sockets).
    /// </summary>
    internal ValueTask PostMessageAsync(long connectionId, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _queuedMessages);
        Post(new Work(WorkKind.Message, null, connectionId, buffer, length, null));
        return Volatile.Read(ref _queuedMessages) > _capacity ? WaitForSpaceAsync(cancellationToken) : default;
    }

    /// <inheritdoc/>
    void IThreadPoolWorkItem.Execute() => Drain();

    private void Post(in Work work)
    {
        _queue.Enqueue(work);
        Drain();
    }

    /// <summary>Takes ownership of the core if it is free and handles queued work; otherwise the owner will.</summary>
    private void Drain()
    {
        while (Interlocked.CompareExchange(ref _owner, 1, 0) == 0)
        {
            var handled = 0;
            try
            {
                while (handled < MaxBatch && _queue.TryDequeue(out var work))
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

                    if (++handled % 64 == 0)
                    {
                        FlushDirty();
                    }
                }

                FlushDirty();
            }
            finally
            {
                // A full fence: a poster whose CAS failed before this point enqueued before it, so the check below sees it.
                Interlocked.Exchange(ref _owner, 0);
            }

            if (_queue.IsEmpty)
            {
                return;
            }

            if (handled == MaxBatch)
            {
                // Fairness: let this thread go back to its own connection; a pool thread continues.
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }
        }
    }

    private async ValueTask WaitForSpaceAsync(CancellationToken cancellationToken)
    {
        Task space;
        lock (_queue)
        {
            space = (_space ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        if (Volatile.Read(ref _queuedMessages) > _capacity)
        {
            await space.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
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
                if (_stopped)
                {
                    work.Stats!.TrySetCanceled();
                }
                else
                {
                    work.Stats!.TrySetResult(Snapshot(now));
                }

                break;
            case WorkKind.Stop:
                _stopped = true;
                foreach (var socket in _sockets.Values)
                {
                    socket.Abort();
                }

                ReleaseWaiters();
                break;
        }

        Dispatch(now);
    }

    private void ReleaseWaiters()
    {
        lock (_queue)
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

        _output.Clear();
    }

    private void Housekeeping(long now)
    {
        if (_core.PollTimeout() is { } due && now >= due)
        {
            _core.HandleTimeout(now);
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
            UptimeSeconds = (double)(now - _startedAt) / _time.TimestampFrequency,
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
        Stop,
    }

    private readonly record struct Work(WorkKind Kind, TrackerConnection? Socket, long ConnectionId, byte[]? Buffer, int Length, TaskCompletionSource<TrackerStatsSnapshot>? Stats);
}
