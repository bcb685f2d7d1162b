using System.Text.Json;
using HlsSwarm.Protocol.Tracker;
using StackExchange.Redis;

namespace HlsSwarm.Tracker.AspNetCore.Cluster;

/// <summary>
/// Shares this node's swarm registrations with the other nodes through Redis and routes relays to the node that
/// holds the target peer's connection (docs/tracker-cluster.md). Called from the tracker loop only; every Redis
/// command is issued synchronously in that call (so commands of one node reach Redis in loop order) and completes
/// in the background, posting what is for local peers back to the loop through the delivery callback.
/// </summary>
public sealed class RedisBackplane : IAsyncDisposable
{
    private const string NodeKeyPrefix = "hs:node:";
    private const string ChannelPrefix = "hs:relay:";

    // Every node id that ever took a lease: lets any node list the others (and the dead ones) without SCAN.
    private const string NodesSetKey = "hs:nodes";

    // The lease is a hash { token, figures } with a TTL. The token (random per process) tells this process's lease
    // from another process's that uses the same node id. KEYS: lease. ARGV: token, figures JSON, TTL ms.
    // Returns 0 when another live process holds the id (nothing written), 1 otherwise.
    private const string LeaseScript = """
        local holder = redis.call('HGET', KEYS[1], 'token')
        if holder and holder ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'token', ARGV[1], 'figures', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    // KEYS: lease. ARGV: token. Deletes the lease only if it is this process's.
    private const string ReleaseScript = """
        if redis.call('HGET', KEYS[1], 'token') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private static readonly JsonSerializerOptions FiguresJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    // Registration refresh and, when offers are waiting, random selection over the whole swarm in one round trip.
    // KEYS: members zset, nodes hash (one hash slot: the info_hash is their hash tag). ARGV: peer_id, node id, peer
    // expiry (ms), candidates wanted (0: none), info_hash, '1' to check node leases here. In Redis Cluster ARGV[6] is
    // '0': a lease key lives in another slot, which a script may not touch; the backplane then skips dead nodes
    // itself, from the lease list it reads every renewal (docs/tracker-cluster.md, "Redis Cluster").
    private const string AnnounceScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local ttl = tonumber(ARGV[3])
        local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 64)
        for _, p in ipairs(old) do
          redis.call('ZREM', KEYS[1], p)
          redis.call('HDEL', KEYS[2], p)
        end
        redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
        local prev = redis.call('HGET', KEYS[2], ARGV[1])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
        if prev and prev ~= ARGV[2] then
          -- The peer moved here while its old node may still hold a stale connection: tell that node to drop it
          -- (an envelope item with an empty message, see RelayEnvelope).
          redis.call('PUBLISH', 'hs:relay:' .. prev, ARGV[5] .. ARGV[1] .. '\0\0\0\0')
        end
        redis.call('PEXPIRE', KEYS[1], ttl)
        redis.call('PEXPIRE', KEYS[2], ttl)
        local k = tonumber(ARGV[4])
        if k == 0 then return {} end
        local out = {}
        local alive = {}
        for _, p in ipairs(redis.call('ZRANDMEMBER', KEYS[1], k)) do
          if p ~= ARGV[1] then
            local node = redis.call('HGET', KEYS[2], p)
            if node then
              local a = alive[node]
              if a == nil and ARGV[6] ~= '1' then
                a = true
              elseif a == nil then
                a = redis.call('EXISTS', 'hs:node:' .. node) == 1
                alive[node] = a
              end
              if a then
                out[#out + 1] = p
                out[#out + 1] = node
              else
                redis.call('ZREM', KEYS[1], p)
                redis.call('HDEL', KEYS[2], p)
              end
            end
          end
        end
        return out
        """;

    // KEYS: nodes hash. ARGV: to_peer_id, envelope, '1' to check the node's lease (not in Redis Cluster: a publish to
    // a dead node's channel reaches nobody, which is the same outcome). Returns 1 when published, 0 when the target
    // is on no (live) node.
    private const string AnswerScript = """
        local node = redis.call('HGET', KEYS[1], ARGV[1])
        if not node or (ARGV[3] == '1' and redis.call('EXISTS', 'hs:node:' .. node) == 0) then return 0 end
        redis.call('PUBLISH', 'hs:relay:' .. node, ARGV[2])
        return 1
        """;

    // KEYS: members zset, nodes hash. ARGV: peer_id, node id. Only the node the peer is bound to may remove it: a
    // peer that reconnected to another node was rebound there (spec §2.5 point 3).
    private const string LeaveScript = """
        if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then
          redis.call('ZREM', KEYS[1], ARGV[1])
          redis.call('HDEL', KEYS[2], ARGV[1])
          return 1
        end
        return 0
        """;

    private readonly TrackerClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly long _peerExpiryMs;
    private readonly RedisKey _nodeKey;
    private readonly RedisChannel _channel;
    private Action<WireId, WireId, byte[]>? _deliver;
    private ConnectionMultiplexer? _redis;
    private IDatabase? _db;
    private ITimer? _leaseTimer;
    private long _announces;
    private long _roundTrips;
    private long _offersLocal;
    private long _offersRemote;
    private long _answersRemote;
    private long _answersDropped;
    private long _relaysReceived;
    private long _redisErrors;
    private long _resyncs;
    private long _offersWhileDegraded;
    private long _leaseConflicts;
    private readonly HashSet<TrackerRegistration> _pendingLeaves = new();
    private readonly string _token = Guid.NewGuid().ToString("N");
    private volatile string _figures = "{}";
    private volatile TrackerClusterWide? _clusterWide;
    private long _clusterWideAt;
    private bool _clusterMode;
    private int _subscribed;

    // '1': scripts check node leases themselves (one Redis); '0' in Redis Cluster (see AnnounceScript).
    private string LeasesInScripts => _clusterMode ? "0" : "1";

    /// <summary>Creates the backplane; it connects in <see cref="StartAsync"/>.</summary>
    public RedisBackplane(TrackerClusterOptions options, TrackerOptions core, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _options = options;
        _time = time;
        _peerExpiryMs = (long)core.PeerExpiry.TotalMilliseconds;
        _nodeKey = NodeKeyPrefix + options.NodeId;
        _channel = RedisChannel.Literal(ChannelPrefix + options.NodeId);
    }

    /// <summary>This node's id.</summary>
    public string NodeId => _options.NodeId;

    /// <summary>True when another process took this node's id while this one could not renew its lease.</summary>
    public bool LeaseConflict => Interlocked.Read(ref _leaseConflicts) > 0;

    /// <summary>
    /// Departures kept while Redis is unavailable, replayed by <see cref="Resync"/>; past this many the oldest
    /// information is lost and those peers leave Redis by their expiry instead.
    /// </summary>
    public const int MaxPendingLeaves = 100_000;

    /// <summary>True when <see cref="TrackerClusterOptions.Redis"/> is a Redis Cluster (sharded) rather than one server.</summary>
    public bool RedisClusterMode => _clusterMode;

    /// <summary>False while the connection to Redis is down: the node then serves its own peers only (degraded).</summary>
    public bool IsAvailable => _redis?.IsConnected == true;

    /// <summary>The Redis key of a swarm's member set (expiry-scored peer ids); public for tests and tools.</summary>
    /// <remarks>
    /// The hex info_hash in braces is the key's hash tag (https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/#hash-tags):
    /// both keys of a swarm land in one slot of a Redis Cluster, so one script may touch both.
    /// </remarks>
    public static string MembersKey(WireId infoHash) => $"hs:s:{{{infoHash.ToHex()}}}:m";

    /// <summary>The Redis key of a swarm's peer → node hash.</summary>
    public static string NodesKey(WireId infoHash) => $"hs:s:{{{infoHash.ToHex()}}}:n";

    /// <summary>
    /// Connects, subscribes to this node's relay channel and takes the liveness lease. A Redis that cannot be
    /// reached does not fail the start: the node serves its own peers and counts the errors.
    /// </summary>
    /// <param name="deliver">Posts a relay (info_hash, target peer_id, JSON) to the tracker loop.</param>
    /// <param name="restored">Asks the tracker loop for a <see cref="Resync"/> once Redis is back.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public async Task StartAsync(Action<WireId, WireId, byte[]> deliver, Action restored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliver);
        ArgumentNullException.ThrowIfNull(restored);
        _deliver = deliver;
        var config = ConfigurationOptions.Parse(_options.Redis);
        config.AbortOnConnectFail = false;
        // Retry every second rather than backing off exponentially: the outage bound of degraded mode.
        config.ReconnectRetryPolicy = new LinearRetry(1000);
        _redis = await ConnectionMultiplexer.ConnectAsync(config).WaitAsync(cancellationToken).ConfigureAwait(false);
        _redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                restored();
            }
        };
        _db = _redis.GetDatabase();
        _clusterMode = _redis.GetServers().Any(server => server.ServerType == ServerType.Cluster);
        _figures = JsonSerializer.Serialize(new TrackerNodeFigures { NodeId = NodeId }, FiguresJson);
        bool taken = true;
        try
        {
            // Take the lease before subscribing: a second process with a live node's id must not receive its relays.
            taken = (int)await _db.ScriptEvaluateAsync(LeaseScript, [_nodeKey], [_token, _figures, (long)_options.NodeLease.TotalMilliseconds]).ConfigureAwait(false) == 1;
            if (taken)
            {
                await SubscribeAsync().ConfigureAwait(false);
                await RenewLeaseAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Interlocked.Increment(ref _redisErrors);
        }

        if (!taken)
        {
            await _redis.CloseAsync().ConfigureAwait(false);
            _redis.Dispose();
            _redis = null;
            _db = null;
            throw new TrackerNodeIdInUseException(NodeId, _options.NodeLease);
        }

        var period = _options.NodeLease / 3;
        _leaseTimer = _time.CreateTimer(_ => _ = RenewLeaseAsync(), null, period, period);
    }

    /// <summary>
    /// Stops renewing and deletes the liveness lease, so the other nodes stop sending relays here at once; called
    /// when the host begins to stop (before the server drains its connections).
    /// </summary>
    public void ReleaseLease()
    {
        _leaseTimer?.Dispose();
        if (_db is { } db)
        {
            db.ScriptEvaluate(ReleaseScript, [_nodeKey], [_token], CommandFlags.FireAndForget);
        }
    }

    /// <summary>Drops the lease (peers of this node stop being targets at once) and disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_leaseTimer is not null)
        {
            await _leaseTimer.DisposeAsync().ConfigureAwait(false);
        }

        if (_redis is { } redis)
        {
            try
            {
                if (redis.IsConnected)
                {
                    await _db!.ScriptEvaluateAsync(ReleaseScript, [_nodeKey], [_token]).ConfigureAwait(false);
                }
            }
            catch (RedisException)
            {
                Interlocked.Increment(ref _redisErrors);
            }

            await redis.CloseAsync().ConfigureAwait(false);
            redis.Dispose();
            _redis = null;
        }
    }

    /// <summary>Counters of this node.</summary>
    /// <param name="delivered">Relays the loop delivered to local connections.</param>
    /// <param name="unknown">Relays the loop dropped because the peer had left.</param>
    public TrackerClusterStats GetStats(long delivered, long unknown) => new()
    {
        NodeId = _options.NodeId,
        Announces = Interlocked.Read(ref _announces),
        RedisRoundTrips = Interlocked.Read(ref _roundTrips),
        OffersToLocalPeers = Interlocked.Read(ref _offersLocal),
        OffersToRemotePeers = Interlocked.Read(ref _offersRemote),
        AnswersToRemotePeers = Interlocked.Read(ref _answersRemote),
        AnswersDropped = Interlocked.Read(ref _answersDropped),
        RelaysReceived = Interlocked.Read(ref _relaysReceived),
        RelaysDelivered = delivered,
        RelaysToUnknownPeers = unknown,
        RedisErrors = Interlocked.Read(ref _redisErrors),
        RedisAvailable = IsAvailable,
        Resyncs = Interlocked.Read(ref _resyncs),
        OffersWhileDegraded = Interlocked.Read(ref _offersWhileDegraded),
        LeaseConflicts = Interlocked.Read(ref _leaseConflicts),
    };

    /// <summary>
    /// The cluster-wide figures read from Redis at the last lease renewal, with their age; null before the first
    /// read or when Redis has never been reachable.
    /// </summary>
    public TrackerClusterWide? GetClusterWide()
    {
        var view = _clusterWide;
        return view is null ? null : view with { AgeSeconds = (double)(_time.GetTimestamp() - Interlocked.Read(ref _clusterWideAt)) / _time.TimestampFrequency };
    }

    /// <summary>Sets what this node publishes with its next lease renewal (called by the loop once per housekeeping tick).</summary>
    internal void SetFigures(TrackerNodeFigures figures)
    {
        var stats = GetStats(0, 0);
        _figures = JsonSerializer.Serialize(figures with
        {
            Announces = stats.Announces,
            RedisRoundTrips = stats.RedisRoundTrips,
            RelaysSentCrossNode = stats.OffersToRemotePeers + stats.AnswersToRemotePeers,
            RelaysReceivedCrossNode = stats.RelaysReceived,
            RedisErrors = stats.RedisErrors,
            Resyncs = stats.Resyncs,
        }, FiguresJson);
    }

    /// <summary>
    /// Refreshes the announcer's registration and, when it sent offers, sends each to a distinct random peer of the
    /// whole swarm: at most two round trips (the script, then one pipelined batch of publishes).
    /// </summary>
    internal void Announce(WireId infoHash, WireId peerId, byte[][] offers)
    {
        if (_db is null || !IsAvailable)
        {
            return;
        }

        Interlocked.Increment(ref _announces);
        Interlocked.Increment(ref _roundTrips);
        // Ask for more than needed: the announcer itself, expired members and members of dead nodes are dropped.
        var wanted = offers.Length == 0 ? 0 : (2 * offers.Length) + 1;
        var script = _db.ScriptEvaluateAsync(AnnounceScript,
            [MembersKey(infoHash), NodesKey(infoHash)],
            [peerId.ToArray(), _options.NodeId, _peerExpiryMs, wanted, infoHash.ToArray(), LeasesInScripts]);
        _ = CompleteAnnounceAsync(script, infoHash, offers);
    }

    /// <summary>Routes an answer to the node of its target peer (one round trip).</summary>
    internal void Answer(WireId infoHash, WireId toPeerId, ReadOnlySpan<byte> message)
    {
        if (_db is null || !IsAvailable)
        {
            Interlocked.Increment(ref _answersDropped);
            return;
        }

        Interlocked.Increment(ref _roundTrips);
        var envelope = new byte[RelayEnvelope.GetItemLength(message.Length)];
        RelayEnvelope.WriteItem(envelope, infoHash, toPeerId, message);
        _ = CompleteAnswerAsync(_db.ScriptEvaluateAsync(AnswerScript, [NodesKey(infoHash)], [toPeerId.ToArray(), envelope, LeasesInScripts]));
    }

    /// <summary>Removes a registration that left this node from the shared membership.</summary>
    internal void Leave(WireId infoHash, WireId peerId)
    {
        if (_db is null || !IsAvailable)
        {
            lock (_pendingLeaves) // the loop adds; a delayed resync (see Resync) may drain from another thread
            {
                if (_pendingLeaves.Count < MaxPendingLeaves)
                {
                    _pendingLeaves.Add(new TrackerRegistration(infoHash, peerId));
                }
            }

            return;
        }

        Interlocked.Increment(ref _roundTrips);
        _ = Observe(_db.ScriptEvaluateAsync(LeaveScript, [MembersKey(infoHash), NodesKey(infoHash)], [peerId.ToArray(), _options.NodeId]));
    }

    /// <summary>Counts offers the loop relayed between local peers while Redis was unavailable.</summary>
    internal void CountDegradedOffers(int n) => Interlocked.Add(ref _offersWhileDegraded, n);

    /// <summary>
    /// Redis is back (possibly empty after a restart): renews the lease, replays the departures kept during the
    /// outage, then writes every registration of this node again; all pipelined, no reply awaited in between.
    /// </summary>
    internal void Resync(List<TrackerRegistration> registrations)
    {
        if (_db is null || !IsAvailable)
        {
            return;
        }

        if (Volatile.Read(ref _subscribed) == 0)
        {
            // This node started while Redis was unreachable and never subscribed to its relay channel. Subscribe
            // first and write the lease and registrations after: otherwise other nodes could publish relays for
            // its peers before anyone listens. (A departure in the meantime may then be overwritten by the
            // delayed re-registration; that ghost expires with the peer expiry. Only on this rare path.)
            var copy = registrations.ToList();
            _ = Task.Run(async () =>
            {
                await SubscribeAsync().ConfigureAwait(false);
                if (Volatile.Read(ref _subscribed) == 1)
                {
                    WriteBack(copy);
                }
            });
            return;
        }

        WriteBack(registrations);
    }

    private void WriteBack(List<TrackerRegistration> registrations)
    {
        var db = _db!;
        Interlocked.Increment(ref _resyncs);
        _ = RenewLeaseAsync();
        List<TrackerRegistration> leaves;
        lock (_pendingLeaves)
        {
            leaves = _pendingLeaves.ToList();
            _pendingLeaves.Clear();
        }

        foreach (var left in leaves)
        {
            _ = Observe(db.ScriptEvaluateAsync(LeaveScript, [MembersKey(left.InfoHash), NodesKey(left.InfoHash)], [left.PeerId.ToArray(), _options.NodeId]));
        }

        foreach (var r in registrations)
        {
            _ = Observe(db.ScriptEvaluateAsync(AnnounceScript, [MembersKey(r.InfoHash), NodesKey(r.InfoHash)], [r.PeerId.ToArray(), _options.NodeId, _peerExpiryMs, 0, r.InfoHash.ToArray(), LeasesInScripts]));
        }
    }

    private async Task CompleteAnnounceAsync(Task<RedisResult> script, WireId infoHash, byte[][] offers)
    {
        RedisResult result;
        try
        {
            result = await script.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Interlocked.Increment(ref _redisErrors);
            return;
        }

        if (offers.Length == 0 || result.Length == 0)
        {
            return;
        }

        var pairs = (RedisResult[])result!;
        var candidates = new List<(WireId Peer, string Node)>(pairs.Length / 2);
        var down = _clusterMode ? _clusterWide?.DownNodes : null;
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            var candidate = (Peer: WireId.FromBytes((byte[])pairs[i]!), Node: (string)pairs[i + 1]!);
            if (down is not null && candidate.Node != NodeId && down.Contains(candidate.Node))
            {
                // Redis Cluster: the script could not read the lease. This node's last lease read says the target's
                // node is down: skip it, and remove it if it is still bound to that node (the leave script's rule).
                Interlocked.Increment(ref _roundTrips);
                _ = Observe(_db!.ScriptEvaluateAsync(LeaveScript, [MembersKey(infoHash), NodesKey(infoHash)], [candidate.Peer.ToArray(), candidate.Node]));
                continue;
            }

            candidates.Add(candidate);
        }

        // ZRANDMEMBER picks distinct members, but Redis documents its reply order as not random: shuffle here.
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates));
        var n = Math.Min(offers.Length, candidates.Count);
        Dictionary<string, List<(WireId Peer, byte[] Offer)>>? remote = null;
        for (var i = 0; i < n; i++)
        {
            var (peer, node) = candidates[i];
            if (node == _options.NodeId)
            {
                Interlocked.Increment(ref _offersLocal);
                _deliver!(infoHash, peer, offers[i]);
            }
            else
            {
                remote ??= new Dictionary<string, List<(WireId, byte[])>>();
                if (!remote.TryGetValue(node, out var list))
                {
                    remote[node] = list = new List<(WireId, byte[])>();
                }

                list.Add((peer, offers[i]));
            }
        }

        if (remote is null)
        {
            return;
        }

        // One envelope per node; the publishes are issued back to back, so they share one round trip.
        Interlocked.Increment(ref _roundTrips);
        var publishes = new List<Task>(remote.Count);
        foreach (var (node, relays) in remote)
        {
            var size = 0;
            foreach (var (_, offer) in relays)
            {
                size += RelayEnvelope.GetItemLength(offer.Length);
            }

            var envelope = new byte[size];
            var at = 0;
            foreach (var (peer, offer) in relays)
            {
                at += RelayEnvelope.WriteItem(envelope.AsSpan(at), infoHash, peer, offer);
            }

            Interlocked.Add(ref _offersRemote, relays.Count);
            publishes.Add(_db!.PublishAsync(RedisChannel.Literal(ChannelPrefix + node), envelope));
        }

        await Observe(Task.WhenAll(publishes)).ConfigureAwait(false);
    }

    private async Task CompleteAnswerAsync(Task<RedisResult> script)
    {
        try
        {
            var published = (int)await script.ConfigureAwait(false) == 1;
            Interlocked.Increment(ref published ? ref _answersRemote : ref _answersDropped);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Interlocked.Increment(ref _redisErrors);
        }
    }

    private async Task Observe(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Interlocked.Increment(ref _redisErrors);
        }
    }

    private async Task SubscribeAsync()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 1)
        {
            return;
        }

        try
        {
            var queue = await _redis!.GetSubscriber().SubscribeAsync(_channel).ConfigureAwait(false);
            queue.OnMessage(OnRelay);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Interlocked.Exchange(ref _subscribed, 0); // retried at the next resync
            Interlocked.Increment(ref _redisErrors);
        }
    }

    /// <summary>
    /// Renews the lease with this node's latest figures, then reads every known node's figures (two round trips per
    /// renewal, independent of load): the cluster-wide view comes from Redis, not from asking every node.
    /// </summary>
    private async Task RenewLeaseAsync()
    {
        if (_db is not { } db)
        {
            return;
        }

        try
        {
            var lease = db.ScriptEvaluateAsync(LeaseScript, [_nodeKey], [_token, _figures, (long)_options.NodeLease.TotalMilliseconds]);
            var join = db.SetAddAsync(NodesSetKey, NodeId);
            var members = db.SetMembersAsync(NodesSetKey);
            if ((int)await lease.ConfigureAwait(false) == 0)
            {
                // Another process took this id while this one could not renew (a Redis outage longer than the
                // lease): both now serve, so say so on /stats and /healthz rather than fight over the lease.
                Interlocked.Increment(ref _leaseConflicts);
            }

            await join.ConfigureAwait(false);
            var ids = await members.ConfigureAwait(false);
            var reads = new Task<RedisValue>[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                reads[i] = db.HashGetAsync(NodeKeyPrefix + (string)ids[i]!, "figures");
            }

            var live = new List<TrackerNodeFigures>(ids.Length);
            var down = new List<string>();
            for (var i = 0; i < ids.Length; i++)
            {
                var json = await reads[i].ConfigureAwait(false);
                if (json.IsNull || JsonSerializer.Deserialize<TrackerNodeFigures>((string)json!, FiguresJson) is not { } f)
                {
                    down.Add((string)ids[i]!);
                }
                else
                {
                    live.Add(f);
                }
            }

            live.Sort(static (a, b) => string.CompareOrdinal(a.NodeId, b.NodeId));
            down.Sort(StringComparer.Ordinal);
            _clusterWide = TrackerClusterWide.Sum(live, down, 0);
            Interlocked.Exchange(ref _clusterWideAt, _time.GetTimestamp());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
        {
            Interlocked.Increment(ref _redisErrors);
        }
    }

    private void OnRelay(ChannelMessage message)
    {
        var items = new List<(WireId InfoHash, WireId ToPeerId, byte[] Message)>();
        var whole = RelayEnvelope.TryRead((byte[])message.Message!, items);
        var relays = 0;
        foreach (var item in items)
        {
            relays += item.Message.Length == 0 ? 0 : 1; // empty: a moved-peer notice, not a relay
        }

        Interlocked.Add(ref _relaysReceived, relays);
        if (!whole)
        {
            Interlocked.Increment(ref _redisErrors);
        }

        foreach (var (infoHash, toPeerId, json) in items)
        {
            _deliver!(infoHash, toPeerId, json);
        }
    }
}
