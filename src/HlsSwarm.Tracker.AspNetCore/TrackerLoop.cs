using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using HlsSwarm.Protocol.Tracker;
using Microsoft.Extensions.Hosting;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// The single owner of the <see cref="TrackerCore"/>: connection read loops post complete messages (in pooled
/// buffers) and connection events to one bounded channel; this loop feeds them to the core with the current
/// time and hands the core's output to each connection's send queue. No lock is ever taken around the core.
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
    private readonly Dictionary<long, TrackerSocket> _sockets = new();
    private readonly long _startedAt;
    private readonly long _idleTicks;
    private readonly long _graceTicks;
    private readonly List<TrackerSocket> _sweep = new();
    private ITimer? _timer;
    private Task? _run;
    private long _nextConnectionId;
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
        _channel = Channel.CreateBounded<Work>(new BoundedChannelOptions(endpoint.WorkQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _startedAt = time.GetTimestamp();
        _idleTicks = (long)(endpoint.IdleTimeout.TotalSeconds * time.TimestampFrequency);
        _graceTicks = (long)(endpoint.CloseGracePeriod.TotalSeconds * time.TimestampFrequency);
    }

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

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _run ??= Task.Run(RunAsync, CancellationToken.None);
        _timer ??= _time.CreateTimer(_ => _channel.Writer.TryWrite(new Work(WorkKind.Tick, null, 0, null, 0, null)), null, _endpoint.HousekeepingPeriod, _endpoint.HousekeepingPeriod);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        _channel.Writer.TryComplete();
        if (_run is not null)
        {
            await _run.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>A consistent snapshot of every counter, taken on the loop.</summary>
    public async Task<TrackerStatsSnapshot> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var tcs = new TaskCompletionSource<TrackerStatsSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(new Work(WorkKind.Stats, null, 0, null, 0, tcs), cancellationToken).ConfigureAwait(false);
        return await tcs.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    internal long NextConnectionId() => Interlocked.Increment(ref _nextConnectionId);

    internal ValueTask PostConnectedAsync(TrackerSocket socket) =>
        _channel.Writer.WriteAsync(new Work(WorkKind.Connected, socket, socket.Id, null, 0, null));

    internal ValueTask PostDisconnectedAsync(TrackerSocket socket) =>
        _channel.Writer.WriteAsync(new Work(WorkKind.Disconnected, socket, socket.Id, null, 0, null));

    /// <summary>Hands a complete message to the loop; the loop returns <paramref name="buffer"/> to <see cref="ArrayPool{T}.Shared"/>.</summary>
    internal ValueTask PostMessageAsync(long connectionId, byte[] buffer, int length, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(new Work(WorkKind.Message, null, connectionId, buffer, length, null), cancellationToken);

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var work))
            {
                Process(work);
            }
        }

        foreach (var socket in _sockets.Values)
        {
            socket.WebSocket.Abort();
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
                }

                break;
            case WorkKind.Connected:
                _sockets[work.ConnectionId] = work.Socket!;
                _core.HandleConnected(now, work.ConnectionId);
                break;
            case WorkKind.Disconnected:
                _sockets.Remove(work.ConnectionId);
                _core.HandleDisconnected(now, work.ConnectionId);
                work.Socket!.Drain();
                break;
            case WorkKind.Tick:
                Housekeeping(now);
                break;
            case WorkKind.Stats:
                work.Stats!.TrySetResult(Snapshot(now));
                break;
        }

        Dispatch(now);
    }

    private void Dispatch(long now)
    {
        foreach (ref readonly var t in _output.Transmits)
        {
            if (_sockets.TryGetValue(t.ConnectionId, out var socket))
            {
                if (!socket.Send(_output.GetMessage(t)))
                {
                    EndpointCounters.Count(TrackerCloseReason.SlowReader);
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
                    socket.WebSocket.Abort();
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
    }

    private readonly record struct Work(WorkKind Kind, TrackerSocket? Socket, long ConnectionId, byte[]? Buffer, int Length, TaskCompletionSource<TrackerStatsSnapshot>? Stats);
}
