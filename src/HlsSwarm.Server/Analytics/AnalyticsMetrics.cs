using Prometheus;

namespace HlsSwarm.Server.Analytics;

/// <summary>
/// The viewer aggregates for Prometheus (prefix <c>hlsswarm_</c>), in the registry the host serves at <c>/metrics</c>
/// (the tracker's, so several servers in one process never mix their numbers).
/// </summary>
public sealed class AnalyticsMetrics
{
    private readonly Gauge _viewers;
    private readonly Counter _bytes;
    private readonly Counter _beacons;
    private readonly Counter _failures;
    private readonly Counter _stalls;
    private readonly Histogram _startup;
    private readonly HashSet<string> _viewerLabels = new(StringComparer.Ordinal);

    /// <summary>Creates the collectors in <paramref name="registry"/>; viewers are refreshed from <paramref name="aggregates"/> before each scrape.</summary>
    public AnalyticsMetrics(CollectorRegistry registry, ViewerAggregates aggregates, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(aggregates);
        ArgumentNullException.ThrowIfNull(time);
        var f = Metrics.WithCustomRegistry(registry);
        _viewers = f.CreateGauge("hlsswarm_viewers", "Live viewers (last beacon younger than 15 s), by stream.", "stream");
        _bytes = f.CreateCounter("hlsswarm_viewer_bytes_total", "Bytes viewers reported, by stream and source (http, p2p, uploaded).", "stream", "source");
        _beacons = f.CreateCounter("hlsswarm_beacons_total", "Beacons received, by result.", "result");
        _failures = f.CreateCounter("hlsswarm_peer_failures_total", "Failed peer connections viewers reported, by reason.", "reason");
        _stalls = f.CreateCounter("hlsswarm_stalls_total", "Rebuffering events viewers reported, by stream.", "stream");
        _startup = f.CreateHistogram("hlsswarm_startup_seconds", "Time to first frame reported by viewers.",
            new HistogramConfiguration { Buckets = [0.25, 0.5, 1, 2, 3, 5, 8, 13, 20] });
        foreach (var result in new[] { "accepted", "invalid", "stale", "too_large", "rate_limited", "unsupported_media" })
            _beacons.WithLabels(result);
        registry.AddBeforeCollectCallback(() =>
        {
            var now = time.GetUtcNow();
            lock (_viewerLabels)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (stream, viewers) in aggregates.LiveViewersByStream(now))
                {
                    _viewers.WithLabels(stream).Set(viewers);
                    seen.Add(stream);
                }

                // A stream pruned by retention leaves the gauge instead of staying at its last value.
                foreach (var gone in _viewerLabels.Where(s => !seen.Contains(s)).ToList())
                {
                    _viewers.RemoveLabelled(gone);
                    _viewerLabels.Remove(gone);
                }

                _viewerLabels.UnionWith(seen);
            }
        });
    }

    /// <summary>Counts one beacon answered with <paramref name="result"/> (<c>accepted</c>, <c>invalid</c>, <c>stale</c>, <c>too_large</c>, <c>rate_limited</c>, <c>unsupported_media</c>).</summary>
    public void Beacon(string result) => _beacons.WithLabels(result).Inc();

    /// <summary>Adds byte deltas of one beacon.</summary>
    public void Bytes(string stream, long http, long p2p, long uploaded)
    {
        if (http > 0)
            _bytes.WithLabels(stream, "http").Inc(http);
        if (p2p > 0)
            _bytes.WithLabels(stream, "p2p").Inc(p2p);
        if (uploaded > 0)
            _bytes.WithLabels(stream, "uploaded").Inc(uploaded);
    }

    /// <summary>Adds failed peer connections.</summary>
    public void PeerFailures(string reason, long count) => _failures.WithLabels(reason).Inc(count);

    /// <summary>Adds rebuffering events.</summary>
    public void Stalls(string stream, long count) => _stalls.WithLabels(stream).Inc(count);

    /// <summary>Observes a session's start-up time once, when it first reports one.</summary>
    public void Startup(long milliseconds) => _startup.Observe(milliseconds / 1000.0);
}
