using HlsSwarm.Server.Analytics;
using HlsSwarm.Tracker;
using HlsSwarm.Tracker.AspNetCore;
using HlsSwarm.Tracker.AspNetCore.Cluster;

namespace HlsSwarm.Server;

/// <summary>Everything <see cref="HlsSwarmServer.Build"/> needs to host the tracker, the demo origin and the player.</summary>
public sealed record ServerOptions
{
    /// <summary>Kestrel listen URLs, e.g. <c>http://127.0.0.1:8080</c> or <c>https://0.0.0.0:443</c>; port 0 picks a free port.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8080"];

    /// <summary>Limits and timings of the tracker core.</summary>
    public TrackerOptions Tracker { get; init; } = new();

    /// <summary>Transport limits of the tracker's WebSocket endpoint.</summary>
    public TrackerEndpointOptions TrackerEndpoint { get; init; } = new();

    /// <summary>
    /// Shares every swarm with other tracker nodes through Redis (<c>--redis</c>, <c>--node-id</c>;
    /// docs/tracker-cluster.md); null (the default) is a single in-memory tracker.
    /// </summary>
    public TrackerClusterOptions? Cluster { get; init; }

    /// <summary>The demo origin (VOD and the looping live channel); null hosts no demo (the <c>tracker</c> command).</summary>
    public DemoOptions? Demo { get; init; } = new();

    /// <summary>Serve the web player at <c>/</c> and its bundle at <c>/dist/hlsswarm.js</c>.</summary>
    public bool ServePlayer { get; init; } = true;

    /// <summary>The certificate for <c>https://</c> URLs; null uses Kestrel's default (the development certificate).</summary>
    public TlsCertificateOptions? Certificate { get; init; }

    /// <summary>
    /// Viewer analytics, the P2P policy and the admin API (<c>/api/*</c>, issue 5); null turns them off (the endpoints
    /// are 404). The default keeps its database in memory; the CLI's <c>serve</c> uses a file.
    /// </summary>
    public AnalyticsOptions? Analytics { get; init; } = new();

    /// <summary>Directory of the static web files; null means <c>wwwroot</c> next to the binaries.</summary>
    public string? WebRootPath { get; init; }

    /// <summary>Returns every problem with these options, one sentence each; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Urls.Count == 0)
            errors.Add("at least one listen URL is required");
        foreach (var url in Urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                errors.Add($"'{url}' is not an http:// or https:// URL");
        }
        if (Demo is not null)
            errors.AddRange(Demo.Validate());
        if (Tracker.AnnounceInterval <= TimeSpan.Zero)
            errors.Add("the announce interval must be positive");
        if (Tracker.MaxOffersPerAnnounce < 0 || Tracker.MaxSwarmsPerConnection < 1 || Tracker.MaxPeerIdsPerConnection < 1)
            errors.Add("max offers must be ≥ 0 and max swarms / peer ids per connection ≥ 1");
        if (Tracker.AnnounceBurst < 1 || !(Tracker.AnnouncesPerSecond > 0) || double.IsInfinity(Tracker.AnnouncesPerSecond))
            errors.Add("the announce burst must be ≥ 1 and announces per second a positive number");
        if (TrackerEndpoint.MaxFrameBytes < 1024)
            errors.Add("the maximum frame size must be at least 1024 bytes");
        if (TrackerEndpoint.MaxConnectionsPerIp < 0)
            errors.Add("max connections per IP must be ≥ 0 (0 = unlimited)");
        if (TrackerEndpoint.IdleTimeout <= TimeSpan.Zero)
            errors.Add("the idle timeout must be positive");
        if (Analytics is not null)
            errors.AddRange(Analytics.Validate());
        if (Cluster is not null)
        {
            try
            {
                Cluster.Validate();
            }
            catch (ArgumentException ex)
            {
                errors.Add(ex.Message);
            }
        }
        return errors;
    }
}
