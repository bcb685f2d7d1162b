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
}
