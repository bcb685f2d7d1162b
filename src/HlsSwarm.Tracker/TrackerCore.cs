using System.Runtime.InteropServices;
using HlsSwarm.Protocol.Tracker;

namespace HlsSwarm.Tracker;

/// <summary>
/// The sans-I/O tracker (spec §2.5): swarm registry, offer fan-out, answer relay, expiry, scrape and limits.
/// No sockets, clock, tasks or locks: exactly one owner calls the <c>Handle*</c> methods with the current time
/// (monotonic ticks at <c>ticksPerSecond</c>) and sends what each call wrote into the caller's
/// <see cref="TrackerOutput"/>.
/// </summary>
/// <remarks>
/// Loop contract:
/// <code>
/// core.HandleConnected(now, id);                 // a WebSocket opened
/// core.HandleMessage(now, id, utf8Json, output); // a complete message arrived → output.Transmits / Closes
/// core.HandleDisconnected(now, id);              // the socket is gone: every peer id it registered leaves
/// if (core.PollTimeout() is { } t &amp;&amp; now >= t) core.HandleTimeout(now); // expiry (2 × interval)
/// </code>
/// </remarks>
public sealed class TrackerCore
{
    private readonly TrackerOptions _options;
    private readonly Random _random;
    private readonly long _ticksPerSecond;
    private readonly long _expiryTicks;
    private readonly int _intervalSeconds;
    private readonly Dictionary<WireId, Swarm> _swarms = new();
    private readonly Dictionary<long, TrackerConnectionState> _connections = new();
    private readonly PeerExpiryList _expiry = new();
    private readonly TrackerRequest _request = new();
    private readonly List<ScrapeFile> _scrapeFiles = new();
    private readonly Queue<TrackerRegistration> _left = new();

    /// <summary>Creates a core.</summary>
    /// <param name="options">Limits and timings (validated here).</param>
    /// <param name="random">Source of the random fan-out choice; pass a seeded one in tests.</param>
    /// <param name="ticksPerSecond">Frequency of the <c>now</c> values (e.g. <c>TimeProvider.TimestampFrequency</c>).</param>
    public TrackerCore(TrackerOptions options, Random random, long ticksPerSecond)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticksPerSecond);
        options.Validate();
        _options = options;
        _random = random;
        _ticksPerSecond = ticksPerSecond;
        _expiryTicks = (long)(options.PeerExpiry.TotalSeconds * ticksPerSecond);
        _intervalSeconds = (int)Math.Round(options.AnnounceInterval.TotalSeconds);
    }

    /// <summary>The options in force.</summary>
    public TrackerOptions Options => _options;

    /// <summary>Counters and gauges (read them on the owner's loop).</summary>
    public TrackerCounters Counters { get; } = new();

    /// <summary>Registers a new connection. Messages from an unknown connection also register it.</summary>
    public void HandleConnected(long now, long connectionId) => GetConnection(now, connectionId);

    /// <summary>
    /// Handles one complete client message. Replies, relays, failure replies and closes are appended to
    /// <paramref name="output"/>. Never throws on any input bytes.
    /// </summary>
    public void HandleMessage(long now, long connectionId, ReadOnlySpan<byte> utf8Json, TrackerOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var conn = GetConnection(now, connectionId);
        if (conn.Closing)
        {
            return;
        }

        var error = TrackerRequestParser.Parse(utf8Json, _request, _options.MaxOffersPerMessage, _options.MaxScrapeInfoHashes);
        var req = _request;
        if (!TakeToken(now, conn))
        {
            conn.RateLimitedInARow++;
            Fail(output, conn.Id, TrackerFailure.RateLimited, req);
            if (_options.RateLimitedMessagesBeforeClose > 0 && conn.RateLimitedInARow >= _options.RateLimitedMessagesBeforeClose)
            {
                conn.Closing = true;
                Counters.ConnectionsClosedByPolicy++;
                output.AddClose(conn.Id, "rate limit exceeded: too many messages per second");
            }

            return;
        }

        conn.RateLimitedInARow = 0;
        if (error != TrackerParseError.None)
        {
            Counters.MessagesByKind[(int)TrackerMessageKind.Invalid]++;
            Fail(output, conn.Id, TrackerFailureText.FromParseError(error), req);
            return;
        }

        switch (req.Kind)
        {
            case TrackerRequestKind.Scrape:
                Counters.MessagesByKind[(int)TrackerMessageKind.Scrape]++;
                HandleScrape(conn, req, output);
                break;
            case TrackerRequestKind.Answer:
                Counters.MessagesByKind[(int)TrackerMessageKind.Answer]++;
                HandleAnswer(req, utf8Json, output);
                break;
            default:
                HandleAnnounce(now, conn, req, utf8Json, output);
                break;
        }
    }

    /// <summary>
    /// Cluster: the peer re-announced on another node, which now holds its registration (spec §2.5 point 3 across
    /// nodes), while its old connection here is still open. Removes the registration here so that nothing is relayed
    /// to the stale connection, without reporting a departure (the shared membership belongs to the other node now).
    /// Returns false when this node does not hold the peer.
    /// </summary>
    public bool HandlePeerMoved(WireId infoHash, WireId peerId)
    {
        if (!_swarms.TryGetValue(infoHash, out var swarm) || swarm.Find(peerId) is not { } peer)
        {
            return false;
        }

        peer.Connection.RemovePeer(peer);
        RemoveFromSwarm(peer, reportLeft: false);
        return true;
    }

    /// <summary>The connection is gone: removes every (info_hash, peer_id) it registered (spec §2.5 point 8).</summary>
    public void HandleDisconnected(long now, long connectionId)
    {
        if (!_connections.Remove(connectionId, out var conn))
        {
            return;
        }

        foreach (var peer in conn.Peers)
        {
            RemoveFromSwarm(peer);
        }

        conn.Peers.Clear();
        Counters.Connections = _connections.Count;
    }

    /// <summary>Drops every peer not refreshed for more than <see cref="TrackerOptions.PeerExpiry"/>.</summary>
    public void HandleTimeout(long now)
    {
        while (_expiry.Oldest is { } oldest && now - oldest.LastSeen > _expiryTicks)
        {
            oldest.Connection.RemovePeer(oldest);
            RemoveFromSwarm(oldest);
            Counters.PeersExpired++;
        }
    }

    /// <summary>When <see cref="HandleTimeout"/> has work next (absolute ticks), or null when no peer is registered.</summary>
    public long? PollTimeout() => _expiry.Oldest is { } oldest ? oldest.LastSeen + _expiryTicks + 1 : null;

    /// <summary>
    /// Clustered only: the next registration that left this node since the last poll (stopped, disconnect or
    /// expiry), for the backplane to remove from the shared membership.
    /// </summary>
    public bool TryPollPeerLeft(out TrackerRegistration left) => _left.TryDequeue(out left);

    /// <summary>
    /// Every registration of this node, appended to <paramref name="into"/>: what a cluster backplane writes back
    /// to Redis after an outage (resync). Allocates nothing beyond the list's growth.
    /// </summary>
    public void CopyRegistrationsTo(List<TrackerRegistration> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        foreach (var swarm in _swarms.Values)
        {
            for (var i = 0; i < swarm.Count; i++)
            {
                into.Add(new TrackerRegistration(swarm.InfoHash, swarm[i].PeerId));
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="targets"/> with distinct random peers of this node's part of a swarm, never
    /// <paramref name="except"/>; returns how many. A clustered node uses it while Redis is unavailable to keep
    /// relaying offers between its own peers (degraded mode, docs/tracker-cluster.md).
    /// </summary>
    public int PickLocalPeers(WireId infoHash, WireId except, Span<WireId> targets)
    {
        if (!_swarms.TryGetValue(infoHash, out var swarm))
        {
            return 0;
        }

        var n = SampleDistinct(swarm, swarm.Find(except) is { } excluded ? excluded.SwarmIndex : -1, targets.Length);
        for (var i = 0; i < n; i++)
        {
            targets[i] = swarm[i].PeerId;
        }

        return n;
    }

    /// <summary>
    /// Moves <paramref name="count"/> (at most) distinct random peers of <paramref name="swarm"/> to its first places and
    /// returns how many: a partial Fisher-Yates over the swarm's list, with the peer at <paramref name="exceptIndex"/>
    /// (−1: none) parked at the end so that it is never chosen.
    /// </summary>
    private int SampleDistinct(Swarm swarm, int exceptIndex, int count)
    {
        var candidates = swarm.Count;
        if (exceptIndex >= 0)
        {
            candidates--;
            swarm.Swap(exceptIndex, candidates);
        }

        var n = Math.Min(count, candidates);
        for (var i = 0; i < n; i++)
        {
            swarm.Swap(i, _random.Next(i, candidates));
        }

        return n;
    }

    /// <summary>The connection that holds a peer of this node, for a relay that the backplane routed here.</summary>
    public bool TryFindConnection(WireId infoHash, WireId peerId, out long connectionId)
    {
        if (_swarms.TryGetValue(infoHash, out var s) && s.Find(peerId) is { } p)
        {
            connectionId = p.Connection.Id;
            return true;
        }

        connectionId = 0;
        return false;
    }

    /// <summary>Peers of a swarm (0 when unknown).</summary>
    public int CountPeers(WireId infoHash) => _swarms.TryGetValue(infoHash, out var s) ? s.Count : 0;

    /// <summary>Number of (info_hash, peer_id) registrations held by a connection (0 when unknown).</summary>
    public int CountRegistrations(long connectionId) => _connections.TryGetValue(connectionId, out var c) ? c.Peers.Count : 0;

    /// <summary>True when the peer id is registered in the swarm and reached through the given connection.</summary>
    public bool IsRegistered(WireId infoHash, WireId peerId, long connectionId) =>
        _swarms.TryGetValue(infoHash, out var s) && s.Find(peerId) is { } p && p.Connection.Id == connectionId;

    /// <summary>
    /// Peers per swarm for <c>/stats</c>: the <paramref name="max"/> largest swarms, largest first, keyed by the
    /// info_hash binary string. Allocates; not for the hot path.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, int>> ListLargestSwarms(int max)
    {
        var all = new List<KeyValuePair<string, int>>(_swarms.Count);
        foreach (var s in _swarms.Values)
        {
            all.Add(new(s.InfoHash.ToLatin1String(), s.Count));
        }

        all.Sort(static (a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        if (all.Count > max)
        {
            all.RemoveRange(max, all.Count - max);
        }

        return all;
    }

    private void HandleAnnounce(long now, TrackerConnectionState conn, TrackerRequest req, ReadOnlySpan<byte> input, TrackerOutput output)
    {
        var kind = req.Event switch
        {
            AnnounceEvent.Stopped => TrackerMessageKind.Stopped,
            AnnounceEvent.Completed => TrackerMessageKind.Completed,
            AnnounceEvent.Update => TrackerMessageKind.Update,
            AnnounceEvent.Paused => TrackerMessageKind.Paused,
            _ => TrackerMessageKind.Announce,
        };
        Counters.MessagesByKind[(int)kind]++;
        _swarms.TryGetValue(req.InfoHash, out var swarm);
        var peer = swarm?.Find(req.PeerId);

        if (req.Event == AnnounceEvent.Stopped)
        {
            // Only the connection that holds the registration may remove it (peer ids are not secret).
            if (peer is not null && ReferenceEquals(peer.Connection, conn))
            {
                conn.RemovePeer(peer);
                RemoveFromSwarm(peer);
            }

            Reply(output, conn.Id, req.InfoHash, swarm is { Count: > 0 } ? swarm : null);
            return;
        }

        if (peer is null || !ReferenceEquals(peer.Connection, conn))
        {
            if (conn.Peers.Count >= _options.MaxPeerIdsPerConnection)
            {
                Fail(output, conn.Id, TrackerFailure.TooManyPeerIds, req);
                return;
            }

            if ((swarm is null || !conn.HasSwarm(swarm)) && conn.CountSwarms() >= _options.MaxSwarmsPerConnection)
            {
                Fail(output, conn.Id, TrackerFailure.TooManySwarms, req);
                return;
            }

            if (swarm is null)
            {
                swarm = new Swarm(req.InfoHash);
                _swarms.Add(req.InfoHash, swarm);
                Counters.Swarms = _swarms.Count;
            }

            if (peer is null)
            {
                peer = new SwarmPeer(swarm, req.PeerId, conn);
                swarm.Add(peer);
                Counters.Peers++;
            }
            else
            {
                // Rebind a re-announcing peer id to the connection it arrived on (spec §2.5 point 3).
                peer.Connection.RemovePeer(peer);
                peer.Connection = conn;
            }

            conn.AddPeer(peer);
        }

        peer.LastSeen = now;
        _expiry.MoveToNewest(peer);
        if ((req.Event == AnnounceEvent.Completed || req.LeftIsZero) && !peer.Complete)
        {
            peer.Complete = true;
            swarm!.Complete++;
            Counters.CompletePeers++;
        }

        if (req.Event == AnnounceEvent.Completed)
        {
            swarm!.Downloaded++;
        }

        Reply(output, conn.Id, req.InfoHash, swarm);
        if (_options.Clustered)
        {
            HandOffersToCluster(swarm!, peer, req, input, output);
        }
        else
        {
            FanOutOffers(swarm!, peer, req, input, output);
        }
    }

    private void FanOutOffers(Swarm swarm, SwarmPeer announcer, TrackerRequest req, ReadOnlySpan<byte> input, TrackerOutput output)
    {
        var offers = CollectionsMarshal.AsSpan(req.Offers);
        var n = Math.Min(offers.Length, swarm.Count - 1);
        n = Math.Min(n, _options.MaxOffersPerAnnounce);
        if (req.NumWant >= 0)
        {
            n = Math.Min(n, req.NumWant);
        }

        if (n <= 0)
        {
            return;
        }

        // n distinct peers, never the announcer.
        n = SampleDistinct(swarm, announcer.SwarmIndex, n);
        for (var i = 0; i < n; i++)
        {
            var target = swarm[i];
            var offer = offers[i];
            TrackerResponseWriter.WriteOfferRelay(output, swarm.InfoHash, announcer.PeerId, offer.OfferId, input.Slice(offer.OfferStart, offer.OfferLength));
            output.CompleteMessage(target.Connection.Id);
        }

        Counters.OffersRelayed += n;
    }

    /// <summary>
    /// Clustered: the swarm spans nodes, so this node cannot pick the targets. Writes the offer relays (whose bytes
    /// do not depend on the target) after an announce item; the backplane picks distinct random peers over the
    /// whole swarm and addresses them. The count is capped like <see cref="FanOutOffers"/>, except by the local size.
    /// </summary>
    private void HandOffersToCluster(Swarm swarm, SwarmPeer announcer, TrackerRequest req, ReadOnlySpan<byte> input, TrackerOutput output)
    {
        var offers = CollectionsMarshal.AsSpan(req.Offers);
        var n = Math.Min(offers.Length, _options.MaxOffersPerAnnounce);
        if (req.NumWant >= 0)
        {
            n = Math.Min(n, req.NumWant);
        }

        n = Math.Max(n, 0);
        output.AddClusterWork(new TrackerClusterWork(TrackerClusterWorkKind.Announce, swarm.InfoHash, announcer.PeerId, default, 0, 0, n));
        for (var i = 0; i < n; i++)
        {
            var offer = offers[i];
            TrackerResponseWriter.WriteOfferRelay(output, swarm.InfoHash, announcer.PeerId, offer.OfferId, input.Slice(offer.OfferStart, offer.OfferLength));
            output.CompleteClusterMessage(new TrackerClusterWork(TrackerClusterWorkKind.Offer, swarm.InfoHash, announcer.PeerId, default, 0, 0, 0));
        }
    }

    private void HandleAnswer(TrackerRequest req, ReadOnlySpan<byte> input, TrackerOutput output)
    {
        if (!_swarms.TryGetValue(req.InfoHash, out var swarm) || swarm.Find(req.ToPeerId) is not { } target)
        {
            if (_options.Clustered)
            {
                // The target may be a peer of another node: the backplane routes it, or drops it when it is nowhere.
                TrackerResponseWriter.WriteAnswerRelay(output, req.InfoHash, req.PeerId, req.OfferId, input.Slice(req.AnswerStart, req.AnswerLength));
                output.CompleteClusterMessage(new TrackerClusterWork(TrackerClusterWorkKind.Answer, req.InfoHash, req.PeerId, req.ToPeerId, 0, 0, 0));
                return;
            }

            // Unknown swarm or target: drop silently and keep the sender (spec §2.5 point 6).
            Counters.AnswersDropped++;
            return;
        }

        TrackerResponseWriter.WriteAnswerRelay(output, req.InfoHash, req.PeerId, req.OfferId, input.Slice(req.AnswerStart, req.AnswerLength));
        output.CompleteMessage(target.Connection.Id);
        Counters.AnswersRelayed++;
    }

    private void HandleScrape(TrackerConnectionState conn, TrackerRequest req, TrackerOutput output)
    {
        _scrapeFiles.Clear();
        if (req.ScrapeAll)
        {
            // Capped like a scrape that names its swarms: a scrape of everything must not turn one small request
            // into megabytes of reply on a tracker with many swarms.
            foreach (var s in _swarms.Values)
            {
                if (_scrapeFiles.Count == _options.MaxScrapeInfoHashes)
                {
                    break;
                }

                _scrapeFiles.Add(new ScrapeFile(s.InfoHash, s.Complete, s.Incomplete, s.Downloaded));
            }
        }
        else
        {
            foreach (var ih in req.ScrapeInfoHashes)
            {
                _scrapeFiles.Add(_swarms.TryGetValue(ih, out var s)
                    ? new ScrapeFile(ih, s.Complete, s.Incomplete, s.Downloaded)
                    : new ScrapeFile(ih, 0, 0, 0));
            }
        }

        TrackerResponseWriter.WriteScrapeReply(output, CollectionsMarshal.AsSpan(_scrapeFiles));
        output.CompleteMessage(conn.Id);
    }

    private void Reply(TrackerOutput output, long connectionId, WireId infoHash, Swarm? swarm)
    {
        TrackerResponseWriter.WriteAnnounceReply(output, infoHash, _intervalSeconds, swarm?.Complete ?? 0, swarm?.Incomplete ?? 0);
        output.CompleteMessage(connectionId);
    }

    private void Fail(TrackerOutput output, long connectionId, TrackerFailure failure, TrackerRequest req)
    {
        Counters.FailuresByReason[(int)failure]++;
        TrackerResponseWriter.WriteFailure(output, req.IsScrapeAction, TrackerFailureText.Reason(failure), req.HasInfoHash ? req.InfoHash : null);
        output.CompleteMessage(connectionId);
    }

    private bool TakeToken(long now, TrackerConnectionState conn)
    {
        var elapsed = now - conn.TokensAt;
        if (elapsed > 0)
        {
            conn.Tokens = Math.Min(_options.AnnounceBurst, conn.Tokens + (elapsed * _options.AnnouncesPerSecond / _ticksPerSecond));
            conn.TokensAt = now;
        }

        if (conn.Tokens < 1)
        {
            return false;
        }

        conn.Tokens -= 1;
        return true;
    }

    private TrackerConnectionState GetConnection(long now, long connectionId)
    {
        if (!_connections.TryGetValue(connectionId, out var conn))
        {
            conn = new TrackerConnectionState(connectionId, _options.AnnounceBurst, now);
            _connections.Add(connectionId, conn);
            Counters.Connections = _connections.Count;
        }

        return conn;
    }

    private void RemoveFromSwarm(SwarmPeer peer, bool reportLeft = true)
    {
        var swarm = peer.Swarm;
        swarm.Remove(peer);
        if (_options.Clustered && reportLeft)
        {
            _left.Enqueue(new TrackerRegistration(swarm.InfoHash, peer.PeerId));
        }

        _expiry.Remove(peer);
        Counters.Peers--;
        if (peer.Complete)
        {
            Counters.CompletePeers--;
        }
        if (swarm.Count == 0)
        {
            _swarms.Remove(swarm.InfoHash);
            Counters.Swarms = _swarms.Count;
        }
    }
}
