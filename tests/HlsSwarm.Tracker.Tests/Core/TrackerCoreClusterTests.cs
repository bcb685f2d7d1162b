using System.Text;
using HlsSwarm.Protocol.Tracker;
using Xunit;
using static HlsSwarm.Tracker.Tests.Messages;

namespace HlsSwarm.Tracker.Tests.Core;

/// <summary>A clustered core leaves addressing to the backplane and reports departures (docs/tracker-cluster.md).</summary>
public sealed class TrackerCoreClusterTests
{
    private readonly TrackerCore _core = new(new TrackerOptions { Clustered = true, MaxOffersPerAnnounce = 3 }, new Random(1), 1000);
    private readonly TrackerOutput _output = new();

    private void Send(long connection, string json)
    {
        _output.Clear();
        _core.HandleMessage(0, connection, Encoding.UTF8.GetBytes(json), _output);
    }

    [Fact]
    public void Announce_writes_unaddressed_offers_capped_by_limits_not_by_local_swarm_size()
    {
        // Alone on this node, yet 3 offers (MaxOffersPerAnnounce) are handed on: other nodes may hold peers.
        Send(1, Announce(InfoHash, PeerA, offers: 5, numwant: 5));
        Assert.Single(_output.Transmits.ToArray()); // the announce reply only
        var work = _output.ClusterWork.ToArray();
        Assert.Equal(4, work.Length);
        Assert.Equal(new TrackerClusterWork(TrackerClusterWorkKind.Announce, WireId.FromLatin1(InfoHash), WireId.FromLatin1(PeerA), default, 0, 0, 3), work[0]);
        for (var i = 1; i < 4; i++)
        {
            Assert.Equal(TrackerClusterWorkKind.Offer, work[i].Kind);
            var json = System.Text.Json.JsonDocument.Parse(_output.GetMessage(work[i]).ToArray()).RootElement;
            Assert.Equal(OfferId(i - 1), json.GetProperty("offer_id").GetString());
            Assert.Equal(PeerA, json.GetProperty("peer_id").GetString());
        }
    }

    [Fact]
    public void Announce_without_offers_still_refreshes_through_the_backplane_and_numwant_caps()
    {
        Send(1, Announce(InfoHash, PeerA, offers: 2, numwant: 1));
        Assert.Equal(1, _output.ClusterWork[0].Count);
        Send(1, Announce(InfoHash, PeerA, evt: null));
        Assert.Equal(TrackerClusterWorkKind.Announce, Assert.Single(_output.ClusterWork.ToArray()).Kind);
        Assert.Equal(0, _output.ClusterWork[0].Count);
    }

    [Fact]
    public void Answer_to_a_local_peer_is_relayed_locally_and_to_an_absent_one_goes_to_the_backplane()
    {
        Send(1, Announce(InfoHash, PeerA));
        Send(2, Announce(InfoHash, PeerB));
        Send(2, Answer(InfoHash, PeerB, PeerA, OfferId(0)));
        Assert.Equal(1, Assert.Single(_output.Transmits.ToArray()).ConnectionId);
        Assert.Empty(_output.ClusterWork.ToArray());

        Send(2, Answer(InfoHash, PeerB, PeerC, OfferId(0)));
        Assert.Empty(_output.Transmits.ToArray());
        var w = Assert.Single(_output.ClusterWork.ToArray());
        Assert.Equal((TrackerClusterWorkKind.Answer, WireId.FromLatin1(PeerC)), (w.Kind, w.ToPeerId));
        Assert.Contains("\"answer\"", Encoding.UTF8.GetString(_output.GetMessage(w)));
    }

    [Fact]
    public void Stopped_disconnect_and_expiry_report_departures_and_local_lookup_follows()
    {
        Send(1, Announce(InfoHash, PeerA));
        Send(1, Announce(InfoHash2, PeerA));
        Send(2, Announce(InfoHash, PeerB));
        Assert.True(_core.TryFindConnection(WireId.FromLatin1(InfoHash), WireId.FromLatin1(PeerB), out var conn));
        Assert.Equal(2, conn);
        Assert.False(_core.TryPollPeerLeft(out _));

        Send(2, Announce(InfoHash, PeerB, evt: "stopped"));
        Assert.True(_core.TryPollPeerLeft(out var left));
        Assert.Equal(new TrackerRegistration(WireId.FromLatin1(InfoHash), WireId.FromLatin1(PeerB)), left);
        Assert.False(_core.TryFindConnection(WireId.FromLatin1(InfoHash), WireId.FromLatin1(PeerB), out _));

        _core.HandleDisconnected(0, 1);
        var lefts = new List<TrackerRegistration>();
        while (_core.TryPollPeerLeft(out var l))
        {
            lefts.Add(l);
        }

        Assert.Equal(2, lefts.Count);
        Assert.All(lefts, l => Assert.Equal(WireId.FromLatin1(PeerA), l.PeerId));

        Send(3, Announce(InfoHash, PeerC));
        _core.HandleTimeout(1000 * 1000); // far past 2 × interval
        Assert.True(_core.TryPollPeerLeft(out var expired));
        Assert.Equal(WireId.FromLatin1(PeerC), expired.PeerId);
    }

    [Fact]
    public void Single_node_core_reports_no_cluster_work()
    {
        var core = new TrackerCore(new TrackerOptions(), new Random(1), 1000);
        _output.Clear();
        core.HandleMessage(0, 1, Encoding.UTF8.GetBytes(Announce(InfoHash, PeerA, offers: 2)), _output);
        core.HandleDisconnected(0, 1);
        Assert.Empty(_output.ClusterWork.ToArray());
        Assert.False(core.TryPollPeerLeft(out _));
    }

    [Fact]
    public void Registrations_are_listed_for_a_resync()
    {
        Send(1, Announce(InfoHash, PeerA));
        Send(1, Announce(InfoHash2, PeerA));
        Send(2, Announce(InfoHash, PeerB));
        var all = new List<TrackerRegistration>();
        _core.CopyRegistrationsTo(all);
        Assert.Equal(
            new[] { (InfoHash, PeerA), (InfoHash, PeerB), (InfoHash2, PeerA) }.Order(),
            all.Select(r => (r.InfoHash.ToLatin1String(), r.PeerId.ToLatin1String())).Order());
    }

    [Fact]
    public void Local_peers_are_picked_distinct_and_never_the_announcer()
    {
        string[] peers = [PeerA, PeerB, PeerC, "-PM0203-DDDDDDDDDDDD"];
        for (var i = 0; i < peers.Length; i++)
        {
            Send(i + 1, Announce(InfoHash, peers[i]));
        }

        var seen = new HashSet<WireId>();
        var targets = new WireId[5];
        for (var round = 0; round < 50; round++)
        {
            var n = _core.PickLocalPeers(WireId.FromLatin1(InfoHash), WireId.FromLatin1(PeerA), targets);
            Assert.Equal(3, n);
            Assert.Equal(3, targets.Take(n).Distinct().Count());
            Assert.DoesNotContain(WireId.FromLatin1(PeerA), targets.Take(n));
            var one = _core.PickLocalPeers(WireId.FromLatin1(InfoHash), WireId.FromLatin1(PeerA), targets.AsSpan(0, 1));
            Assert.Equal(1, one);
            seen.Add(targets[0]);
        }

        Assert.Equal(3, seen.Count); // random, so every other peer comes up in 50 draws (P(miss) ≈ 3 × (2/3)^50)
        Assert.Equal(0, _core.PickLocalPeers(WireId.FromLatin1(InfoHash2), WireId.FromLatin1(PeerA), targets));
    }

    [Fact]
    public void A_peer_moved_to_another_node_is_dropped_here_without_a_departure_and_its_answers_go_to_the_backplane()
    {
        Send(1, Announce(InfoHash, PeerA));
        Send(2, Announce(InfoHash, PeerB));
        Assert.True(_core.HandlePeerMoved(WireId.FromLatin1(InfoHash), WireId.FromLatin1(PeerA)));
        Assert.False(_core.HandlePeerMoved(WireId.FromLatin1(InfoHash), WireId.FromLatin1(PeerA)));
        Assert.False(_core.HandlePeerMoved(WireId.FromLatin1(InfoHash), WireId.FromLatin1(PeerC)));
        Assert.False(_core.TryPollPeerLeft(out _)); // the membership belongs to the other node now
        Assert.Equal(1, _core.CountPeers(WireId.FromLatin1(InfoHash)));
        Assert.Equal(0, _core.CountRegistrations(1));
        Assert.Equal(1, _core.Counters.Peers);

        // B's answer to A no longer finds the stale connection 1: it goes to the node A moved to.
        Send(2, Answer(InfoHash, PeerB, PeerA, OfferId(0)));
        Assert.Empty(_output.Transmits.ToArray());
        Assert.Equal(TrackerClusterWorkKind.Answer, Assert.Single(_output.ClusterWork.ToArray()).Kind);

        // The stale connection closing later reports nothing either.
        _core.HandleDisconnected(0, 1);
        Assert.False(_core.TryPollPeerLeft(out _));
    }

    [Fact]
    public void Complete_peers_are_counted_as_they_complete_and_leave()
    {
        Send(1, Announce(InfoHash, PeerA, extra: ",\"left\":0"));
        Send(2, Announce(InfoHash, PeerB));
        Assert.Equal((2, 1), (_core.Counters.Peers, _core.Counters.CompletePeers));
        Send(2, Announce(InfoHash, PeerB, evt: "completed"));
        Send(2, Announce(InfoHash, PeerB, evt: "completed")); // counted once
        Assert.Equal(2, _core.Counters.CompletePeers);
        _core.HandleDisconnected(0, 1);
        Assert.Equal((1, 1), (_core.Counters.Peers, _core.Counters.CompletePeers));
        Assert.True(_core.HandlePeerMoved(WireId.FromLatin1(InfoHash), WireId.FromLatin1(PeerB)));
        Assert.Equal((0, 0), (_core.Counters.Peers, _core.Counters.CompletePeers));
    }
}
