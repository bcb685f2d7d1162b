using Prometheus;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// Prometheus view of the tracker (prefix <c>hlsswarm_tracker_</c>) in its own <see cref="CollectorRegistry"/>,
/// refreshed from a <see cref="TrackerLoop"/> snapshot before every scrape. Hosts may add their own collectors to
/// <see cref="Registry"/> (<c>Metrics.WithCustomRegistry(registry)</c>) to serve them on the same <c>/metrics</c>.
/// </summary>
public sealed class TrackerMetrics
{
    private readonly Gauge _connections;
    private readonly Gauge _swarms;
    private readonly Gauge _peers;
    private readonly Gauge _uptime;
    private readonly Counter _messages;
    private readonly Counter _relays;
    private readonly Counter _failures;
    private readonly Counter _closes;
    private readonly Counter _rejections;
    private readonly Counter _answersDropped;
    private readonly Counter _peersExpired;
    private readonly Counter? _cluster;
    private readonly Gauge? _clusterWide;
    private readonly Gauge? _redisAvailable;
    private readonly Gauge? _nodePeers;
    private readonly HashSet<string> _nodesShown = new();

    /// <summary>Creates the collectors and hooks the refresh from <paramref name="loop"/>.</summary>
    public TrackerMetrics(TrackerLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        _connections = f.CreateGauge("hlsswarm_tracker_connections", "Open WebSocket connections.");
        _swarms = f.CreateGauge("hlsswarm_tracker_swarms", "Swarms with at least one peer.");
        _peers = f.CreateGauge("hlsswarm_tracker_peers", "Registered (info_hash, peer_id) pairs.");
        _uptime = f.CreateGauge("hlsswarm_tracker_uptime_seconds", "Seconds since the tracker started.");
        _messages = f.CreateCounter("hlsswarm_tracker_messages_total", "Client messages received, by kind.", "kind");
        _relays = f.CreateCounter("hlsswarm_tracker_relays_total", "Offers and answers relayed.", "type");
        _failures = f.CreateCounter("hlsswarm_tracker_failures_total", "Failure replies sent, by reason.", "reason");
        _closes = f.CreateCounter("hlsswarm_tracker_closes_total", "Connections closed by the tracker, by reason.", "reason");
        _rejections = f.CreateCounter("hlsswarm_tracker_rejected_upgrades_total", "WebSocket upgrades refused, by reason.", "reason");
        _answersDropped = f.CreateCounter("hlsswarm_tracker_answers_dropped_total", "Answers whose target was not in the swarm.");
        _peersExpired = f.CreateCounter("hlsswarm_tracker_peers_expired_total", "Peers dropped after 2 x interval without announce.");
        if (loop.Clustered)
        {
            _cluster = f.CreateCounter("hlsswarm_tracker_cluster_events_total",
                "This node's cluster traffic (docs/tracker-cluster.md), by node id and kind.", "node", "kind");
            _redisAvailable = f.CreateGauge("hlsswarm_tracker_cluster_redis_available",
                "1 while this node reaches Redis, 0 while it is degraded (serving its own peers only).");
            _clusterWide = f.CreateGauge("hlsswarm_tracker_cluster_wide",
                "Cluster-wide figures summed over the live nodes from Redis (docs/tracker-cluster.md), by kind.", "kind");
            _nodePeers = f.CreateGauge("hlsswarm_tracker_cluster_node_peers",
                "Registered peers per live node, as each node published it in Redis.", "node");
        }

        Registry.AddBeforeCollectCallback(async ct =>
        {
            var s = await loop.GetStatsAsync(ct).ConfigureAwait(false);
            _connections.Set(s.Connections);
            _swarms.Set(s.Swarms);
            _peers.Set(s.Peers);
            _uptime.Set(s.UptimeSeconds);
            foreach (var kv in s.MessagesByKind)
            {
                _messages.WithLabels(kv.Key).IncTo(kv.Value);
            }

            _relays.WithLabels("offer").IncTo(s.Relays.Offers);
            _relays.WithLabels("answer").IncTo(s.Relays.Answers);
            foreach (var kv in s.FailuresByReason)
            {
                _failures.WithLabels(kv.Key).IncTo(kv.Value);
            }

            foreach (var kv in s.ClosesByReason)
            {
                _closes.WithLabels(kv.Key).IncTo(kv.Value);
            }

            foreach (var kv in s.RejectedUpgrades)
            {
                _rejections.WithLabels(kv.Key).IncTo(kv.Value);
            }

            _answersDropped.IncTo(s.AnswersDropped);
            _peersExpired.IncTo(s.PeersExpired);
            if (_cluster is not null && s.Cluster is { } c)
            {
                _cluster.WithLabels(c.NodeId, "announces").IncTo(c.Announces);
                _cluster.WithLabels(c.NodeId, "redis_round_trips").IncTo(c.RedisRoundTrips);
                _cluster.WithLabels(c.NodeId, "offers_to_local_peers").IncTo(c.OffersToLocalPeers);
                _cluster.WithLabels(c.NodeId, "offers_to_remote_peers").IncTo(c.OffersToRemotePeers);
                _cluster.WithLabels(c.NodeId, "answers_to_remote_peers").IncTo(c.AnswersToRemotePeers);
                _cluster.WithLabels(c.NodeId, "answers_dropped").IncTo(c.AnswersDropped);
                _cluster.WithLabels(c.NodeId, "relays_received").IncTo(c.RelaysReceived);
                _cluster.WithLabels(c.NodeId, "relays_delivered").IncTo(c.RelaysDelivered);
                _cluster.WithLabels(c.NodeId, "relays_to_unknown_peers").IncTo(c.RelaysToUnknownPeers);
                _cluster.WithLabels(c.NodeId, "redis_errors").IncTo(c.RedisErrors);
                _redisAvailable!.Set(c.RedisAvailable ? 1 : 0);
            }

            if (_clusterWide is not null && s.ClusterWide is { } w)
            {
                _clusterWide.WithLabels("live_nodes").Set(w.LiveNodes);
                _clusterWide.WithLabels("down_nodes").Set(w.DownNodes.Count);
                _clusterWide.WithLabels("connections").Set(w.Connections);
                _clusterWide.WithLabels("peers").Set(w.Peers);
                _clusterWide.WithLabels("swarm_parts").Set(w.SwarmParts);
                _clusterWide.WithLabels("complete").Set(w.Complete);
                _clusterWide.WithLabels("incomplete").Set(w.Incomplete);
                _clusterWide.WithLabels("announces").Set(w.Announces);
                _clusterWide.WithLabels("redis_round_trips").Set(w.RedisRoundTrips);
                _clusterWide.WithLabels("relays_sent_cross_node").Set(w.RelaysSentCrossNode);
                _clusterWide.WithLabels("relays_received_cross_node").Set(w.RelaysReceivedCrossNode);
                _clusterWide.WithLabels("redis_errors").Set(w.RedisErrors);
                _clusterWide.WithLabels("age_seconds").Set(w.AgeSeconds);
                lock (_nodesShown) // two scrapes may refresh at once
                {
                    var shown = new HashSet<string>();
                    foreach (var n in w.Nodes)
                    {
                        _nodePeers!.WithLabels(n.NodeId).Set(n.Peers);
                        shown.Add(n.NodeId);
                    }

                    // A node that went away leaves the scrape rather than freezing at its last value.
                    foreach (var gone in _nodesShown.Except(shown))
                    {
                        _nodePeers!.RemoveLabelled(gone);
                    }

                    _nodesShown.Clear();
                    _nodesShown.UnionWith(shown);
                }
            }
        });
    }

    /// <summary>The registry served at <c>/metrics</c>.</summary>
    public CollectorRegistry Registry { get; }
}
