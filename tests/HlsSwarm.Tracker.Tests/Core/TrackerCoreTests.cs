using HlsSwarm.Protocol.Tracker;
using Xunit;
using static HlsSwarm.Tracker.Tests.Messages;

namespace HlsSwarm.Tracker.Tests.Core;

public class TrackerCoreTests
{
    [Fact]
    public void Spec_9_9_two_peer_ids_on_one_connection_exchange_offer_and_answer()
    {
        // Both JS clients share one socket (connection 1), exactly like the captured run.
        var h = new CoreHarness(new TrackerOptions { AnnounceInterval = TimeSpan.FromSeconds(120) });
        const string capturedOfferId = "°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃ";

        var s1 = h.Send(1, Announce(InfoHash, PeerA, offers: 5));
        var reply1 = Assert.Single(s1);
        Assert.Equal(1, reply1.To);
        Assert.Equal("announce", reply1.Str("action"));
        Assert.Equal(120, reply1.Int("interval"));
        Assert.Equal(InfoHash, reply1.Str("info_hash"));
        Assert.Equal(0, reply1.Int("complete"));
        Assert.Equal(1, reply1.Int("incomplete"));

        var announceB = Announce(InfoHash, PeerB, offers: 5).Replace(OfferId(0), capturedOfferId, StringComparison.Ordinal);
        var s2 = h.Send(1, announceB);
        Assert.Equal(2, s2.Count);
        Assert.Equal(0, s2[0].Int("complete"));
        Assert.Equal(2, s2[0].Int("incomplete"));
        Assert.Equal(InfoHash, s2[0].Str("info_hash"));
        Assert.False(s2[0].Has("peer_id"));
        var offer = s2[1];
        Assert.Equal(1, offer.To);
        Assert.Equal("announce", offer.Str("action"));
        Assert.Equal(PeerB, offer.Str("peer_id"));
        Assert.Equal(capturedOfferId, offer.Str("offer_id"));
        Assert.Equal(InfoHash, offer.Str("info_hash"));
        Assert.Equal("offer", offer.Json.GetProperty("offer").GetProperty("type").GetString());
        Assert.Equal($"v=0\r\no={PeerB}-0\r\n", offer.Json.GetProperty("offer").GetProperty("sdp").GetString());
        Assert.Equal(5, offer.Json.EnumerateObject().Count());

        var s3 = h.Send(1, Answer(InfoHash, PeerA, PeerB, capturedOfferId));
        var answer = Assert.Single(s3);
        Assert.Equal(1, answer.To);
        Assert.Equal("announce", answer.Str("action"));
        Assert.Equal(PeerA, answer.Str("peer_id"));
        Assert.Equal(capturedOfferId, answer.Str("offer_id"));
        Assert.Equal(InfoHash, answer.Str("info_hash"));
        Assert.Equal("answer", answer.Json.GetProperty("answer").GetProperty("type").GetString());
        Assert.False(answer.Has("to_peer_id"));
        Assert.Equal(5, answer.Json.EnumerateObject().Count());
        Assert.Equal(1, h.Core.Counters.OffersRelayed);
        Assert.Equal(1, h.Core.Counters.AnswersRelayed);
    }

    [Fact]
    public void Reply_goes_to_the_announcer_before_any_offer()
    {
        var h = new CoreHarness();
        h.Send(1, Announce(InfoHash, PeerA));
        h.Send(2, Announce(InfoHash, PeerB));
        var sent = h.Send(3, Announce(InfoHash, PeerC, offers: 5));
        Assert.Equal(3, sent[0].To);
        Assert.True(sent[0].Has("interval"));
        Assert.Equal([1L, 2L], sent.Skip(1).Select(s => s.To).Order());
    }

    [Fact]
    public void Shared_socket_disconnect_empties_every_swarm_it_registered()
    {
        var h = new CoreHarness();
        h.Send(1, Announce(InfoHash, PeerA));
        h.Send(1, Announce(InfoHash2, PeerB));
        h.Send(2, Announce(InfoHash2, PeerC));
        Assert.Equal(1, h.Peers(InfoHash));
        Assert.Equal(2, h.Peers(InfoHash2));

        h.Core.HandleDisconnected(h.Now, 1);

        Assert.Equal(0, h.Peers(InfoHash));
        Assert.Equal(1, h.Peers(InfoHash2));
        Assert.Equal(1, h.Core.Counters.Swarms);
        Assert.Equal(1, h.Core.Counters.Peers);
        Assert.Equal(1, h.Core.Counters.Connections);
        // Offers from the remaining peer go nowhere now: nobody else is in the swarm.
        Assert.Single(h.Send(2, Announce(InfoHash2, PeerC, offers: 5, evt: null)));
    }

    [Fact]
    public void Re_announcing_peer_id_is_rebound_to_the_arriving_connection()
    {
        var h = new CoreHarness();
        h.Send(1, Announce(InfoHash, PeerA));
        h.Send(2, Announce(InfoHash, PeerA, evt: null)); // browser reconnected on a new socket
        Assert.True(h.Core.IsRegistered(WireId.FromLatin1(InfoHash), WireId.FromLatin1(PeerA), 2));
        Assert.Equal(0, h.Core.CountRegistrations(1));
        Assert.Equal(1, h.Peers(InfoHash));

        var sent = h.Send(3, Announce(InfoHash, PeerB, offers: 1));
        Assert.Equal(2, sent[1].To);

        h.Core.HandleDisconnected(h.Now, 1); // the old dead socket closing must not remove the rebound peer
        Assert.Equal(2, h.Peers(InfoHash));
    }

    [Fact]
    public void Fan_out_picks_distinct_random_peers_and_respects_the_cap()
    {
        var h = new CoreHarness(new TrackerOptions { MaxOffersPerAnnounce = 3 });
        for (var c = 1; c <= 10; c++)
        {
            h.Send(c, Announce(InfoHash, $"-PM0203-{c:D12}"));
        }

        var firstTargets = new HashSet<long>();
        for (var round = 0; round < 20; round++)
        {
            var sent = h.Send(11, Announce(InfoHash, "-PM0203-ANNOUNCER000", offers: 5, evt: null));
            var offers = sent.Skip(1).ToList();
            Assert.Equal(3, offers.Count);
            Assert.Equal(3, offers.Select(o => o.To).Distinct().Count());
            Assert.DoesNotContain(11L, offers.Select(o => o.To));
            Assert.Equal([OfferId(0), OfferId(1), OfferId(2)], offers.Select(o => o.Str("offer_id")));
            firstTargets.Add(offers[0].To);
        }

        Assert.True(firstTargets.Count >= 4, $"choices should vary, got {firstTargets.Count} distinct first targets");
    }

    [Fact]
    public void Fan_out_never_exceeds_offers_or_other_peers()
    {
        var h = new CoreHarness();
        h.Send(1, Announce(InfoHash, PeerA));
        h.Send(2, Announce(InfoHash, PeerB));
        Assert.Equal(2, h.Send(3, Announce(InfoHash, PeerC, offers: 1)).Count);
        Assert.Equal(3, h.Send(3, Announce(InfoHash, PeerC, offers: 5, evt: null)).Count);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(50, 4)]
    public void Numwant_limits_the_fan_out(int numwant, int expectedOffers)
    {
        var h = new CoreHarness();
        for (var c = 1; c <= 6; c++)
        {
            h.Send(c, Announce(InfoHash, $"-PM0203-{c:D12}"));
        }

        var sent = h.Send(7, Announce(InfoHash, PeerA, offers: 4, numwant: numwant));
        Assert.Equal(expectedOffers, sent.Count - 1);
    }

    [Fact]
    public void Answer_to_unknown_target_is_dropped_silently_and_the_sender_stays()
    {
        var h = new CoreHarness();
        h.Send(1, Announce(InfoHash, PeerA));
        Assert.Empty(h.Send(1, Answer(InfoHash, PeerA, PeerB, OfferId(0))));
        Assert.Empty(h.Send(1, Answer(InfoHash2, PeerA, PeerB, OfferId(0))));
        Assert.Empty(h.Closed);
        Assert.Equal(2, h.Core.Counters.AnswersDropped);
        Assert.Equal(1, h.Peers(InfoHash));
        h.Send(2, Announce(InfoHash, PeerB, offers: 1));
        Assert.Single(h.Send(1, Answer(InfoHash, PeerA, PeerB, OfferId(0))));
    }

    [Fact]
    public void Answer_only_reaches_a_target_in_the_same_swarm()
    {
        var h = new CoreHarness();
        h.Send(1, Announce(InfoHash, PeerA));
        h.Send(2, Announce(InfoHash2, PeerB));
        Assert.Empty(h.Send(1, Answer(InfoHash, PeerA, PeerB, OfferId(0))));
    }

    [Fact]
    public void Peers_expire_after_two_intervals_without_announce()
    {
        var h = new CoreHarness(new TrackerOptions { AnnounceInterval = TimeSpan.FromSeconds(20) });
        h.Send(1, Announce(InfoHash, PeerA));
        h.Send(2, Announce(InfoHash, PeerB));
        Assert.Equal(h.Now + 40_001, h.Core.PollTimeout());

        h.Advance(TimeSpan.FromSeconds(30));
        h.Send(2, Announce(InfoHash, PeerB, evt: null)); // B refreshes at 30 s
        h.Advance(TimeSpan.FromSeconds(10)); // 40 s: exactly 2 × interval, not more
        Assert.Equal(2, h.Peers(InfoHash));
        h.Advance(TimeSpan.FromSeconds(1)); // 41 s: A expires, B (refreshed at 30 s) stays
        Assert.Equal(1, h.Peers(InfoHash));
        Assert.Equal(0, h.Core.CountRegistrations(1));
        Assert.Equal(1, h.Core.Counters.PeersExpired);
        h.Advance(TimeSpan.FromSeconds(30)); // 71 s: B expires too
        Assert.Equal(0, h.Peers(InfoHash));
        Assert.Equal(0, h.Core.Counters.Swarms);
        Assert.Null(h.Core.PollTimeout());
    }

    [Fact]
    public void Stopped_leaves_the_swarm_and_is_answered_like_the_reference()
    {
        var h = new CoreHarness();
        h.Send(1, Announce(InfoHash, PeerA));
        h.Send(2, Announce(InfoHash, PeerB));
        var reply = Assert.Single(h.Send(1, Announce(InfoHash, PeerA, evt: "stopped")));
        Assert.Equal("announce", reply.Str("action"));
        Assert.Equal(1, reply.Int("incomplete"));
        Assert.Equal(InfoHash, reply.Str("info_hash"));
        Assert.Equal(1, h.Peers(InfoHash));

        var last = Assert.Single(h.Send(2, Announce(InfoHash, PeerB, evt: "stopped")));
        Assert.Equal(0, last.Int("incomplete"));
        Assert.Equal(0, h.Core.Counters.Swarms);
    }

    [Fact]
    public void Stopped_from_another_connection_does_not_remove_the_peer()
    {
        var h = new CoreHarness();
        h.Send(1, Announce(InfoHash, PeerA));
        h.Send(2, Announce(InfoHash, PeerA, evt: "stopped"));
        Assert.Equal(1, h.Peers(InfoHash));
    }

    [Fact]
    public void Completed_and_left_zero_count_as_complete()
    {
        var h = new CoreHarness();
        h.Send(1, Announce(InfoHash, PeerA));
        var r = h.Send(1, Announce(InfoHash, PeerA, evt: "completed"))[0];
        Assert.Equal(1, r.Int("complete"));
        Assert.Equal(0, r.Int("incomplete"));
        var r2 = h.Send(2, Announce(InfoHash, PeerB, evt: null, extra: ",\"left\":0"))[0];
        Assert.Equal(2, r2.Int("complete"));
        var r3 = h.Send(3, Announce(InfoHash, PeerC))[0];
        Assert.Equal(2, r3.Int("complete"));
        Assert.Equal(1, r3.Int("incomplete"));
        h.Core.HandleDisconnected(h.Now, 1);
        Assert.Equal(1, h.Send(3, Announce(InfoHash, PeerC, evt: null))[0].Int("complete"));
    }

    [Theory]
    [InlineData("update")]
    [InlineData("paused")]
    public void Update_and_paused_are_tolerated_as_refresh(string evt)
    {
        var h = new CoreHarness();
        h.Send(1, Announce(InfoHash, PeerA));
        var sent = h.Send(2, Announce(InfoHash, PeerB, offers: 1, evt: evt));
        Assert.Equal(2, sent.Count);
        Assert.Equal(2, sent[0].Int("incomplete"));
        Assert.Equal(1, h.Core.Counters.MessagesByKind[(int)(evt == "update" ? TrackerMessageKind.Update : TrackerMessageKind.Paused)]);
    }

    [Fact]
    public void Scrape_one_many_and_all()
    {
        var h = new CoreHarness();
        h.Send(1, Announce(InfoHash, PeerA));
        h.Send(2, Announce(InfoHash, PeerB, evt: "completed"));
        h.Send(2, Announce(InfoHash2, PeerC));

        var one = Assert.Single(h.Send(5, $"{{\"action\":\"scrape\",\"info_hash\":\"{InfoHash}\"}}"));
        Assert.Equal(5, one.To);
        Assert.Equal("scrape", one.Str("action"));
        var f = one.Json.GetProperty("files").GetProperty(InfoHash);
        Assert.Equal(1, f.GetProperty("complete").GetInt32());
        Assert.Equal(1, f.GetProperty("incomplete").GetInt32());
        Assert.Equal(1, f.GetProperty("downloaded").GetInt32());

        const string unknown = "UNKNOWN-SWARM-000000";
        var many = Assert.Single(h.Send(5, $"{{\"action\":\"scrape\",\"info_hash\":[\"{InfoHash2}\",\"{unknown}\"]}}"));
        Assert.Equal(1, many.Json.GetProperty("files").GetProperty(InfoHash2).GetProperty("incomplete").GetInt32());
        Assert.Equal(0, many.Json.GetProperty("files").GetProperty(unknown).GetProperty("incomplete").GetInt32());
        Assert.Equal(2, many.Json.GetProperty("files").EnumerateObject().Count());

        var all = Assert.Single(h.Send(5, "{\"action\":\"scrape\"}"));
        Assert.Equal([InfoHash2, InfoHash], all.Json.GetProperty("files").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"short\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\"}", "invalid info_hash", false)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\",\"event\":\"bogus\"}", "invalid event", true)]
    [InlineData("[1,2,3]", "invalid message: not a JSON object", false)]
    [InlineData("{\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\"}", "invalid message: missing action", true)]
    [InlineData("{\"action\":\"connect\"}", "invalid action", false)]
    [InlineData("not json", "invalid message: not JSON", false)]
    public void Invalid_messages_get_a_failure_with_action_and_known_info_hash(string json, string reason, bool hasInfoHash)
    {
        var h = new CoreHarness();
        var failure = Assert.Single(h.Send(1, json));
        Assert.Equal("announce", failure.Str("action"));
        Assert.Equal(reason, failure.Str("failure reason"));
        Assert.Equal(hasInfoHash ? InfoHash : null, failure.Str("info_hash"));
        Assert.Empty(h.Closed);
        Assert.Equal(1, h.Core.Counters.MessagesByKind[(int)TrackerMessageKind.Invalid]);
    }

    [Fact]
    public void Scrape_failure_uses_action_scrape()
    {
        var h = new CoreHarness();
        var failure = Assert.Single(h.Send(1, "{\"action\":\"scrape\",\"info_hash\":[\"short\"]}"));
        Assert.Equal("scrape", failure.Str("action"));
        Assert.Equal("invalid info_hash", failure.Str("failure reason"));
    }

    [Fact]
    public void Limit_on_swarms_per_connection()
    {
        var h = new CoreHarness(new TrackerOptions { MaxSwarmsPerConnection = 2, MaxPeerIdsPerConnection = 10 });
        h.Send(1, Announce("SWARM-1-000000000000", PeerA));
        h.Send(1, Announce("SWARM-1-000000000000", PeerB)); // same swarm, second peer id: fine
        h.Send(1, Announce("SWARM-2-000000000000", PeerA));
        var failure = Assert.Single(h.Send(1, Announce("SWARM-3-000000000000", PeerA)));
        Assert.Equal("too many swarms on this connection", failure.Str("failure reason"));
        Assert.Equal("SWARM-3-000000000000", failure.Str("info_hash"));
        Assert.Equal(0, h.Peers("SWARM-3-000000000000"));
        Assert.Equal(3, h.Core.CountRegistrations(1));
        Assert.True(h.Send(1, Announce("SWARM-1-000000000000", PeerA, evt: null))[0].Has("interval"), "existing registrations still refresh");
        Assert.True(h.Send(2, Announce("SWARM-3-000000000000", PeerA))[0].Has("interval"), "other connections are unaffected");
    }

    [Fact]
    public void Limit_on_peer_ids_per_connection()
    {
        var h = new CoreHarness(new TrackerOptions { MaxSwarmsPerConnection = 1, MaxPeerIdsPerConnection = 2 });
        h.Send(1, Announce(InfoHash, PeerA));
        h.Send(1, Announce(InfoHash, PeerB));
        var failure = Assert.Single(h.Send(1, Announce(InfoHash, PeerC)));
        Assert.Equal("too many peer ids on this connection", failure.Str("failure reason"));
        Assert.Equal(2, h.Peers(InfoHash));
        Assert.Equal(1, h.Core.Counters.FailuresByReason[(int)TrackerFailure.TooManyPeerIds]);
    }

    [Fact]
    public void Rate_limit_answers_with_failure_refills_over_time_and_closes_persistent_abusers()
    {
        var h = new CoreHarness(new TrackerOptions { AnnounceBurst = 3, AnnouncesPerSecond = 2, RateLimitedMessagesBeforeClose = 5 });
        for (var i = 0; i < 3; i++)
        {
            Assert.True(h.Send(1, Announce(InfoHash, PeerA))[0].Has("interval"));
        }

        var limited = Assert.Single(h.Send(1, Announce(InfoHash, PeerA)));
        Assert.Equal("rate limit exceeded: too many messages per second on this connection", limited.Str("failure reason"));
        Assert.Equal(InfoHash, limited.Str("info_hash"));
        Assert.True(h.Send(2, Announce(InfoHash, PeerB))[0].Has("interval"), "another connection is not limited");

        h.Advance(TimeSpan.FromMilliseconds(500)); // one token back at 2/s
        Assert.True(h.Send(1, Announce(InfoHash, PeerA))[0].Has("interval"));
        for (var i = 0; i < 4; i++)
        {
            h.Send(1, Announce(InfoHash, PeerA));
        }

        Assert.Empty(h.Closed);
        h.Send(1, Announce(InfoHash, PeerA)); // fifth limited message in a row
        Assert.Equal([(1L, "rate limit exceeded: too many messages per second")], h.Closed);
        Assert.Empty(h.Send(1, Announce(InfoHash, PeerA)));
        Assert.Equal(1, h.Core.Counters.ConnectionsClosedByPolicy);
    }

    [Fact]
    public void Counters_follow_messages_and_relays()
    {
        var h = new CoreHarness();
        h.Core.HandleConnected(h.Now, 1);
        h.Core.HandleConnected(h.Now, 2);
        h.Send(1, Announce(InfoHash, PeerA));
        h.Send(2, Announce(InfoHash, PeerB, offers: 2));
        h.Send(1, Answer(InfoHash, PeerA, PeerB, OfferId(0)));
        h.Send(1, "{\"action\":\"scrape\"}");
        h.Send(1, "garbage");
        var c = h.Core.Counters;
        Assert.Equal(2, c.Connections);
        Assert.Equal(1, c.Swarms);
        Assert.Equal(2, c.Peers);
        Assert.Equal(2, c.MessagesByKind[(int)TrackerMessageKind.Announce]);
        Assert.Equal(1, c.MessagesByKind[(int)TrackerMessageKind.Answer]);
        Assert.Equal(1, c.MessagesByKind[(int)TrackerMessageKind.Scrape]);
        Assert.Equal(1, c.MessagesByKind[(int)TrackerMessageKind.Invalid]);
        Assert.Equal(1, c.OffersRelayed);
        Assert.Equal(1, c.AnswersRelayed);
        Assert.Equal(1, c.FailuresByReason[(int)TrackerFailure.InvalidJson]);
        Assert.Equal([new KeyValuePair<string, int>(InfoHash, 2)], h.Core.ListLargestSwarms(10));
    }

    [Fact]
    public void Options_validation_rejects_nonsense()
    {
        Assert.Throws<ArgumentException>(() => new TrackerOptions { MaxOffersPerAnnounce = -1 }.Validate());
        Assert.Throws<ArgumentException>(() => new TrackerOptions { AnnouncesPerSecond = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new TrackerOptions { AnnounceInterval = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentException>(() => new TrackerOptions { MaxPeerIdsPerConnection = 1, MaxSwarmsPerConnection = 2 }.Validate());
        new TrackerOptions().Validate();
    }
}
