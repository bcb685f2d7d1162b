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
            }
        });
    }

    /// <summary>The registry served at <c>/metrics</c>.</summary>
    public CollectorRegistry Registry { get; }
}
