using System.CommandLine;
using HlsSwarm.Server;
using HlsSwarm.Tracker;
using HlsSwarm.Tracker.AspNetCore;
using HlsSwarm.Tracker.AspNetCore.Cluster;

namespace HlsSwarm.Cli;

/// <summary>
/// The options shared by <c>serve</c> and <c>tracker</c>: listen URLs, TLS, and one flag per property of
/// <see cref="TrackerOptions"/> and <see cref="TrackerEndpointOptions"/>; plus the demo flags of <c>serve</c>.
/// </summary>
public sealed class HostFlags
{
    private static readonly TrackerOptions TrackerDefaults = new();
    private static readonly TrackerEndpointOptions EndpointDefaults = new();

    /// <summary>Creates the flags of one command.</summary>
    /// <param name="defaultUrl">The listen URL when <c>--urls</c> is not given.</param>
    /// <param name="demo">Whether the command hosts the demo origin (adds <c>--live-window</c>, <c>--demo-media</c>).</param>
    public HostFlags(string defaultUrl, bool demo)
    {
        DefaultUrl = defaultUrl;
        Urls = new Option<string[]>("--urls")
        {
            Description = $"Listen URLs, http:// or https:// (repeat, or separate with ';'). Default: {defaultUrl}",
            HelpName = "url",
            AllowMultipleArgumentsPerToken = false,
        };
        if (demo)
        {
            LiveWindow = new Option<int>("--live-window")
            {
                Description = "Segments in each live playlist (2 s each)",
                HelpName = "segments",
                DefaultValueFactory = _ => DemoOptions.DefaultLiveWindowSegments,
            };
            DemoMedia = new Option<string?>("--demo-media")
            {
                Description = "Directory with master.m3u8 and renditions to serve as the demo. Default: the bundled demo",
                HelpName = "dir",
            };
            Analytics = new AnalyticsFlags();
        }
    }

    /// <summary>The listen URL used when <c>--urls</c> is absent.</summary>
    public string DefaultUrl { get; }

    /// <summary><c>--urls</c>.</summary>
    public Option<string[]> Urls { get; }

    /// <summary><c>--certificate</c>: PFX/PKCS#12 or PEM certificate for https:// URLs.</summary>
    public Option<string?> Certificate { get; } = new("--certificate")
    { Description = "Certificate for https:// URLs: a .pfx/.p12 file or a PEM certificate", HelpName = "path" };

    /// <summary><c>--certificate-password</c>.</summary>
    public Option<string?> CertificatePassword { get; } = new("--certificate-password")
    { Description = "Password of the .pfx file or of an encrypted PEM key", HelpName = "password" };

    /// <summary><c>--certificate-key</c>.</summary>
    public Option<string?> CertificateKey { get; } = new("--certificate-key")
    { Description = "PEM private key file, when the key is not inside the certificate file", HelpName = "path" };

    /// <summary><c>--interval</c> → <see cref="TrackerOptions.AnnounceInterval"/>.</summary>
    public Option<double> Interval { get; } = new("--interval")
    {
        Description = "Re-announce interval sent to clients, in seconds",
        HelpName = "seconds",
        DefaultValueFactory = _ => TrackerDefaults.AnnounceInterval.TotalSeconds,
    };

    /// <summary><c>--max-offers</c> → <see cref="TrackerOptions.MaxOffersPerAnnounce"/>.</summary>
    public Option<int> MaxOffers { get; } = new("--max-offers")
    { Description = "Peers that receive offers from one announce", HelpName = "n", DefaultValueFactory = _ => TrackerDefaults.MaxOffersPerAnnounce };

    /// <summary><c>--max-swarms-per-connection</c>.</summary>
    public Option<int> MaxSwarmsPerConnection { get; } = new("--max-swarms-per-connection")
    { Description = "Distinct swarms one connection may join", HelpName = "n", DefaultValueFactory = _ => TrackerDefaults.MaxSwarmsPerConnection };

    /// <summary><c>--max-peer-ids-per-connection</c>.</summary>
    public Option<int> MaxPeerIdsPerConnection { get; } = new("--max-peer-ids-per-connection")
    { Description = "(swarm, peer id) registrations one connection may hold", HelpName = "n", DefaultValueFactory = _ => TrackerDefaults.MaxPeerIdsPerConnection };

    /// <summary><c>--announce-burst</c>.</summary>
    public Option<int> AnnounceBurst { get; } = new("--announce-burst")
    { Description = "Announces a connection may send in a burst", HelpName = "n", DefaultValueFactory = _ => TrackerDefaults.AnnounceBurst };

    /// <summary><c>--announces-per-second</c>.</summary>
    public Option<double> AnnouncesPerSecond { get; } = new("--announces-per-second")
    { Description = "Sustained announces per second per connection after the burst", HelpName = "rate", DefaultValueFactory = _ => TrackerDefaults.AnnouncesPerSecond };

    /// <summary><c>--max-frame-bytes</c>.</summary>
    public Option<int> MaxFrameBytes { get; } = new("--max-frame-bytes")
    { Description = "Largest WebSocket message accepted, in bytes", HelpName = "bytes", DefaultValueFactory = _ => EndpointDefaults.MaxFrameBytes };

    /// <summary><c>--max-connections-per-ip</c>.</summary>
    public Option<int> MaxConnectionsPerIp { get; } = new("--max-connections-per-ip")
    { Description = "Concurrent WebSocket connections per remote IP (0 = unlimited)", HelpName = "n", DefaultValueFactory = _ => EndpointDefaults.MaxConnectionsPerIp };

    /// <summary><c>--idle-timeout</c>.</summary>
    public Option<double> IdleTimeout { get; } = new("--idle-timeout")
    { Description = "Close a connection silent for this long, in seconds", HelpName = "seconds", DefaultValueFactory = _ => EndpointDefaults.IdleTimeout.TotalSeconds };

    /// <summary><c>--allow-origin</c> (repeatable).</summary>
    public Option<string[]> AllowOrigin { get; } = new("--allow-origin")
    { Description = "Allowed Origin header of tracker WebSocket clients (repeat; default: any origin)", HelpName = "origin" };

    /// <summary><c>--redis</c>: join a cluster of tracker nodes sharing every swarm through this Redis.</summary>
    public Option<string?> Redis { get; } = new("--redis")
    {
        Description = "Share every swarm with other tracker nodes through this Redis (StackExchange.Redis configuration, e.g. 127.0.0.1:6379); needs --node-id",
        HelpName = "connection",
    };

    /// <summary><c>--node-id</c>: this node's id in the cluster.</summary>
    public Option<string?> NodeId { get; } = new("--node-id")
    { Description = "This tracker node's unique id in the --redis cluster (letters, digits, '.', '_', '-')", HelpName = "id" };

    /// <summary><c>--live-window</c>; null for commands without the demo.</summary>
    public Option<int>? LiveWindow { get; }

    /// <summary><c>--demo-media</c>; null for commands without the demo.</summary>
    public Option<string?>? DemoMedia { get; }

    /// <summary>The viewer-analytics flags (issue 5); null for commands without the demo (<c>tracker</c>).</summary>
    public AnalyticsFlags? Analytics { get; }

    /// <summary>Adds every flag to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Urls);
        if (LiveWindow is not null)
            command.Options.Add(LiveWindow);
        if (DemoMedia is not null)
            command.Options.Add(DemoMedia);
        foreach (var option in new Option[]
                 {
                     Interval, MaxOffers, MaxSwarmsPerConnection, MaxPeerIdsPerConnection, AnnounceBurst,
                     AnnouncesPerSecond, MaxFrameBytes, MaxConnectionsPerIp, IdleTimeout, AllowOrigin,
                     Certificate, CertificatePassword, CertificateKey, Redis, NodeId,
                 })
            command.Options.Add(option);
        Analytics?.AddTo(command);
    }

    /// <summary>
    /// Turns a parse result into <see cref="ServerOptions"/>, or returns the problems (one line each) when the
    /// values are out of range. Nothing is loaded or started here.
    /// </summary>
    public (ServerOptions? Options, IReadOnlyList<string> Errors) Bind(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = new List<string>();
        var urls = (result.GetValue(Urls) ?? [])
            .SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        if (urls.Length == 0)
            urls = [DefaultUrl];

        var interval = result.GetValue(Interval);
        var idle = result.GetValue(IdleTimeout);
        if (!(interval is > 0 and <= 86400))
            errors.Add($"--interval must be between 0 and 86400 seconds, not {interval}");
        if (!(idle is > 0 and <= 86400))
            errors.Add($"--idle-timeout must be between 0 and 86400 seconds, not {idle}");
        CheckNotNegative(errors, MaxOffers, result);
        CheckNotNegative(errors, MaxSwarmsPerConnection, result);
        CheckNotNegative(errors, MaxPeerIdsPerConnection, result);
        CheckNotNegative(errors, AnnounceBurst, result);
        CheckNotNegative(errors, MaxFrameBytes, result);
        CheckNotNegative(errors, MaxConnectionsPerIp, result);
        var origins = result.GetValue(AllowOrigin) ?? [];
        foreach (var origin in origins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || o.Scheme is not ("http" or "https") || o.AbsolutePath != "/")
                errors.Add($"--allow-origin '{origin}' is not an origin like https://example.com");
        }

        TlsCertificateOptions? certificate = null;
        var certificatePath = result.GetValue(Certificate);
        if (certificatePath is not null)
            certificate = new TlsCertificateOptions(certificatePath, result.GetValue(CertificatePassword), result.GetValue(CertificateKey));
        else if (result.GetValue(CertificateKey) is not null || result.GetValue(CertificatePassword) is not null)
            errors.Add("--certificate-key and --certificate-password need --certificate");
        if (certificate is null && urls.Any(u => u.StartsWith("https:", StringComparison.OrdinalIgnoreCase)))
            errors.Add("https:// URLs need --certificate <pfx or pem>");

        TrackerClusterOptions? cluster = null;
        var redis = result.GetValue(Redis);
        var nodeId = result.GetValue(NodeId);
        if (redis is not null && nodeId is null)
            errors.Add("--redis needs --node-id <id>, unique per tracker node");
        else if (redis is null && nodeId is not null)
            errors.Add("--node-id needs --redis <connection>");
        else if (redis is not null)
            cluster = new TrackerClusterOptions { Redis = redis, NodeId = nodeId! };

        DemoOptions? demo = null;
        if (LiveWindow is not null)
        {
            demo = new DemoOptions
            {
                LiveWindowSegments = result.GetValue(LiveWindow),
                MediaDirectory = DemoMedia is null ? null : result.GetValue(DemoMedia),
            };
        }

        var analytics = Analytics?.Bind(result, errors);

        if (errors.Count > 0)
            return (null, errors);

        var options = new ServerOptions
        {
            Urls = urls,
            Demo = demo,
            ServePlayer = demo is not null,
            Certificate = certificate,
            Cluster = cluster,
            Analytics = analytics,
            Tracker = new TrackerOptions
            {
                AnnounceInterval = TimeSpan.FromSeconds(interval),
                MaxOffersPerAnnounce = result.GetValue(MaxOffers),
                MaxSwarmsPerConnection = result.GetValue(MaxSwarmsPerConnection),
                MaxPeerIdsPerConnection = result.GetValue(MaxPeerIdsPerConnection),
                AnnounceBurst = result.GetValue(AnnounceBurst),
                AnnouncesPerSecond = result.GetValue(AnnouncesPerSecond),
            },
            TrackerEndpoint = new TrackerEndpointOptions
            {
                MaxFrameBytes = result.GetValue(MaxFrameBytes),
                MaxConnectionsPerIp = result.GetValue(MaxConnectionsPerIp),
                IdleTimeout = TimeSpan.FromSeconds(idle),
                AllowedOrigins = origins,
            },
        };
        var invalid = options.Validate();
        return invalid.Count > 0 ? (null, invalid) : (options, []);
    }

    private static void CheckNotNegative(List<string> errors, Option<int> option, ParseResult result)
    {
        var value = result.GetValue(option);
        if (value < 0)
            errors.Add($"{option.Name} must not be negative, not {value}");
    }
}
