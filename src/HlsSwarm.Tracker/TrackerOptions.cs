namespace HlsSwarm.Tracker;

/// <summary>
/// Limits and timings of the tracker core. Every limit is named and configurable (style.md convention 13);
/// the defaults follow spec §2.5 and the reference trackers it compares.
/// </summary>
public sealed record TrackerOptions
{
    /// <summary>Re-announce interval sent to clients in every announce reply (spec §2.5 point 10: 20–120 s).</summary>
    public TimeSpan AnnounceInterval { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>At most this many peers receive offers from one announce (spec §2.5 point 5; wt-tracker uses 20, the reference server 82).</summary>
    public int MaxOffersPerAnnounce { get; init; } = 10;

    /// <summary>At most this many distinct swarms (info_hashes) may be joined through one connection.</summary>
    public int MaxSwarmsPerConnection { get; init; } = 64;

    /// <summary>At most this many (info_hash, peer_id) registrations may be held by one connection.</summary>
    public int MaxPeerIdsPerConnection { get; init; } = 128;

    /// <summary>Announce messages (with or without offers, answers included) a connection may send in a burst.</summary>
    public int AnnounceBurst { get; init; } = 50;

    /// <summary>Sustained announce messages per second per connection once the burst is spent.</summary>
    public double AnnouncesPerSecond { get; init; } = 10;

    /// <summary>Peers not refreshed for this long are dropped; spec §2.5 point 7 says 2 × interval.</summary>
    public TimeSpan PeerExpiry => AnnounceInterval * 2;

    /// <summary>
    /// Entries accepted in one announce's <c>offers</c> array; a longer array is answered with a failure reply.
    /// Only <see cref="MaxOffersPerAnnounce"/> of them are relayed.
    /// </summary>
    public int MaxOffersPerMessage { get; init; } = 50;

    /// <summary>Info hashes accepted in one scrape request (aquatic: 255); also the most swarms a scrape of all swarms lists.</summary>
    public int MaxScrapeInfoHashes { get; init; } = 255;

    /// <summary>
    /// A connection that keeps sending this many rate-limited messages in a row (ignoring the failure replies) is
    /// closed with a policy-violation reason. 0 never closes (every such message only gets a failure reply).
    /// </summary>
    public int RateLimitedMessagesBeforeClose { get; init; } = 1000;

    /// <summary>Swarms listed by name in <c>/stats</c> <c>peersPerSwarm</c> (the largest ones); the totals always cover all.</summary>
    public int MaxSwarmsInStats { get; init; } = 100;

    /// <summary>
    /// This node is one of several sharing every swarm (docs/tracker-cluster.md): offers are not fanned out over
    /// the local swarm but written as <see cref="TrackerOutput.ClusterWork"/> for a backplane to address; answers
    /// to peers of other nodes are handed to it too, and departures are reported by
    /// <see cref="TrackerCore.TryPollPeerLeft"/>. False (the default) is the single-node tracker.
    /// </summary>
    public bool Clustered { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first nonsense value.</summary>
    public void Validate()
    {
        if (AnnounceInterval < TimeSpan.FromSeconds(1) || AnnounceInterval > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"AnnounceInterval must be between 1 s and 1 day, got {AnnounceInterval}.");
        }

        Positive(MaxOffersPerAnnounce, nameof(MaxOffersPerAnnounce));
        Positive(MaxSwarmsPerConnection, nameof(MaxSwarmsPerConnection));
        Positive(MaxPeerIdsPerConnection, nameof(MaxPeerIdsPerConnection));
        Positive(AnnounceBurst, nameof(AnnounceBurst));
        Positive(MaxOffersPerMessage, nameof(MaxOffersPerMessage));
        Positive(MaxScrapeInfoHashes, nameof(MaxScrapeInfoHashes));
        if (!(AnnouncesPerSecond > 0) || double.IsInfinity(AnnouncesPerSecond))
        {
            throw new ArgumentException($"AnnouncesPerSecond must be a positive finite number, got {AnnouncesPerSecond}.");
        }

        if (MaxPeerIdsPerConnection < MaxSwarmsPerConnection)
        {
            throw new ArgumentException($"MaxPeerIdsPerConnection ({MaxPeerIdsPerConnection}) must be at least MaxSwarmsPerConnection ({MaxSwarmsPerConnection}).");
        }

        if (RateLimitedMessagesBeforeClose < 0)
        {
            throw new ArgumentException($"RateLimitedMessagesBeforeClose must be 0 (never) or positive, got {RateLimitedMessagesBeforeClose}.");
        }

        if (MaxSwarmsInStats < 0)
        {
            throw new ArgumentException($"MaxSwarmsInStats must not be negative, got {MaxSwarmsInStats}.");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{name} must be positive, got {value}.");
        }
    }
}
