using System.Net;
using FsCheck;
using FsCheck.Xunit;
using HlsSwarm.WebRtc.Ice;
using HlsSwarm.WebRtc.Mdns;
using HlsSwarm.WebRtc.Stun;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Ice;

/// <summary>Two agents joined by <see cref="IceTestNetwork"/> in virtual time.</summary>
public class IceAgentConnectTests
{
    private static readonly IPEndPoint A1 = new(IPAddress.Parse("10.0.0.1"), 50001);
    private static readonly IPEndPoint B1 = new(IPAddress.Parse("10.0.0.2"), 50002);

    private static bool Done(IceAgent agent) => agent.State == IceConnectionState.Completed;

    private static (IceTestNetwork Net, IceAgent A, IceAgent B) Pair(IceRole roleA, IceRole roleB, int seed = 1)
    {
        var net = new IceTestNetwork(seed);
        var a = net.Add(IceTestNetwork.Options(roleA, "aaaa"), seed * 10 + 1, A1);
        var b = net.Add(IceTestNetwork.Options(roleB, "bbbb"), seed * 10 + 2, B1);
        return (net, a, b);
    }

    private static void Exchange(IceAgent a, IceAgent b, bool aSeesB = true, bool bSeesA = true)
    {
        a.SetRemoteCredentials(new IceCredentials("bbbb", "bbbb-password-0123456789"));
        b.SetRemoteCredentials(new IceCredentials("aaaa", "aaaa-password-0123456789"));
        if (aSeesB)
        {
            foreach (var c in b.LocalCandidates)
            {
                a.AddRemoteCandidate(c);
            }
        }

        if (bSeesA)
        {
            foreach (var c in a.LocalCandidates)
            {
                b.AddRemoteCandidate(c);
            }
        }
    }

    private static void AssertConnectedTo(IceAgent a, IceAgent b)
    {
        Assert.Equal(IceConnectionState.Completed, a.State);
        Assert.Equal(IceConnectionState.Completed, b.State);
        Assert.NotEqual(a.Role, b.Role);
        Assert.Equal(a.SelectedPair!.LocalSocket, b.SelectedPair!.RemoteEndPoint);
        Assert.Equal(b.SelectedPair.LocalSocket, a.SelectedPair.RemoteEndPoint);
        Assert.True(a.SelectedPair.Nominated && b.SelectedPair.Nominated);
        Assert.True(a.CanSend && b.CanSend);
    }

    [Theory]
    [InlineData(IceRole.Controlling, IceRole.Controlled)]
    [InlineData(IceRole.Controlled, IceRole.Controlling)]
    public void Host_only_agents_complete_within_a_second(IceRole roleA, IceRole roleB)
    {
        var (net, a, b) = Pair(roleA, roleB);
        Exchange(a, b);
        var took = net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(10));
        AssertConnectedTo(a, b);
        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took}");
        Assert.Equal(roleA, a.Role);

        // The network delays each datagram 10 ms, so a check's round trip is 20 ms.
        net.Run(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromMilliseconds(20), a.RoundTripTime);
        Assert.Equal(TimeSpan.FromMilliseconds(20), b.RoundTripTime);
    }

    [Theory]
    [InlineData(IceRole.Controlling)]
    [InlineData(IceRole.Controlled)]
    public void Role_conflict_is_resolved_by_tie_breakers(IceRole both)
    {
        var (net, a, b) = Pair(both, both, seed: 3);
        Exchange(a, b);
        net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(10));
        AssertConnectedTo(a, b);

        // RFC 8445 §7.3.1.1: the agent with the larger tie-breaker ends up controlling.
        var winner = a.TieBreaker > b.TieBreaker ? a : b;
        Assert.Equal(IceRole.Controlling, winner.Role);
        Assert.Contains(net.Log, d => StunMessage.TryParse(d.Payload, out var m) == StunDecodeError.None && m.ErrorCode == 487);
    }

    [Theory]
    [InlineData(IceRole.Controlling, IceRole.Controlled)]
    [InlineData(IceRole.Controlled, IceRole.Controlling)]
    public void Unresolvable_mdns_candidate_still_connects_through_peer_reflexive(IceRole roleA, IceRole roleB)
    {
        var (net, a, b) = Pair(roleA, roleB, seed: 5);
        Exchange(a, b, aSeesB: false);

        // B hides its host address behind an mDNS name, as Chromium does; nobody resolves it.
        Assert.True(a.AddRemoteCandidate(b.LocalCandidates[0] with { Address = "cbf55dcd-1234-4f5e-8a9b-0123456789ab.local" }));
        Assert.Equal(["cbf55dcd-1234-4f5e-8a9b-0123456789ab.local"], a.UnresolvedMdnsNames);
        Assert.Empty(a.Pairs);

        net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(10));
        AssertConnectedTo(a, b);
        Assert.Equal(IceCandidateType.PeerReflexive, a.SelectedPair!.Remote.Type);
        Assert.Equal(IceCandidateType.Host, b.SelectedPair!.Remote.Type);
    }

    [Fact]
    public void Resolved_mdns_candidate_becomes_a_host_candidate()
    {
        var (net, a, b) = Pair(IceRole.Controlling, IceRole.Controlled);
        Exchange(a, b, aSeesB: false, bSeesA: false);
        a.AddRemoteCandidate(b.LocalCandidates[0] with { Address = "b.local" });
        b.AddRemoteCandidate(a.LocalCandidates[0] with { Address = "a.local" });
        Assert.Equal(1, a.ResolveMdnsName("b.local", B1.Address));
        Assert.Equal(1, b.ResolveMdnsName("A.LOCAL", A1.Address));
        net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(10));
        AssertConnectedTo(a, b);
        Assert.Equal(IceCandidateType.Host, a.SelectedPair!.Remote.Type);
        Assert.Empty(a.UnresolvedMdnsNames);
    }

    [Fact]
    public void Mdns_resolver_feeds_the_agent_end_to_end()
    {
        var (net, a, b) = Pair(IceRole.Controlled, IceRole.Controlling, seed: 21);
        Exchange(a, b, aSeesB: false, bSeesA: false);
        const string bName = "0a1b2c3d-0000-4000-8000-000000000b01.local";
        a.AddRemoteCandidate(b.LocalCandidates[0] with { Address = bName });

        // A's driver: resolve every unresolved name; a responder on the LAN answers for B's name.
        var resolver = new MdnsResolver(IceTestNetwork.Frequency);
        foreach (var name in a.UnresolvedMdnsNames.ToList())
        {
            Assert.True(resolver.Resolve(net.Now, name));
        }

        Assert.True(resolver.TryPollTransmit(out var query));
        Assert.Equal(MdnsDecodeError.None, MdnsMessage.TryParse(query.Span, out var asked));
        var answer = new byte[512];
        var length = MdnsMessage.WriteAnswer(answer, asked!.Questions[0].Name, B1.Address, 120);
        resolver.HandleReceive(net.Now, answer.AsSpan(0, length));
        Assert.True(resolver.TryPollEvent(out var resolution));
        Assert.Equal(1, a.ResolveMdnsName(resolution.Name, resolution.Address!));

        net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(10));
        AssertConnectedTo(a, b);
        Assert.Equal(IceCandidateType.Host, a.SelectedPair!.Remote.Type);
        Assert.Equal(IceCandidateType.PeerReflexive, b.SelectedPair!.Remote.Type); // B never saw A's candidate
    }

    [Fact]
    public void Both_sides_unresolvable_fails_after_the_connect_timeout()
    {
        var (net, a, b) = Pair(IceRole.Controlling, IceRole.Controlled);
        Exchange(a, b, aSeesB: false, bSeesA: false);
        a.AddRemoteCandidate(b.LocalCandidates[0] with { Address = "b.local" });
        b.AddRemoteCandidate(a.LocalCandidates[0] with { Address = "a.local" });
        var took = net.RunUntil(() => a.State == IceConnectionState.Failed && b.State == IceConnectionState.Failed, TimeSpan.FromMinutes(2));
        Assert.Equal(IceConnectionState.Failed, a.State);
        Assert.InRange(took.TotalSeconds, 29.9, 30.1);
        Assert.Null(a.PollTimeout());
    }

    [Fact]
    public void Remote_candidates_added_later_are_checked()
    {
        var (net, a, b) = Pair(IceRole.Controlling, IceRole.Controlled);
        Exchange(a, b, aSeesB: false, bSeesA: false);
        net.Run(TimeSpan.FromSeconds(2));
        Assert.Equal(IceConnectionState.Checking, a.State);
        a.AddRemoteCandidate(b.LocalCandidates[0]);
        net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(5));
        AssertConnectedTo(a, b);
    }

    [Fact]
    public void Silent_peer_goes_disconnected_then_fails_consent_after_30_seconds()
    {
        var (net, a, b) = Pair(IceRole.Controlling, IceRole.Controlled);
        Exchange(a, b);
        net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(5));
        AssertConnectedTo(a, b);

        var silentFrom = net.Now;
        net.Drop = (from, _) => from.Equals(B1);
        var toDisconnected = net.RunUntil(() => a.State == IceConnectionState.Disconnected, TimeSpan.FromMinutes(1));
        Assert.InRange(toDisconnected.TotalSeconds, 7, 13);
        Assert.True(a.CanSend);
        net.RunUntil(() => a.State == IceConnectionState.Failed, TimeSpan.FromMinutes(1));
        var toFailed = (net.Now - silentFrom) / (double)IceTestNetwork.Frequency;

        // RFC 7675 §5.1: consent expires 30 s after the last response; the last one came up to one consent
        // interval (≤ 6 s) before the silence began.
        Assert.Equal(IceConnectionState.Failed, a.State);
        Assert.InRange(toFailed, 24, 30.1);
        Assert.False(a.CanSend);
        var sent = net.Log.Count;
        net.Run(TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(net.Log.Skip(sent), d => d.From.Equals(A1));
    }

    [Fact]
    public void Application_data_keeps_the_state_but_not_consent()
    {
        var (net, a, b) = Pair(IceRole.Controlling, IceRole.Controlled);
        Exchange(a, b);
        net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(5));

        // B stops answering STUN but (in this model) keeps sending DTLS, which A's driver reports.
        net.Drop = (from, _) => from.Equals(B1);
        var start = net.Now;
        var sawDisconnected = false;
        while (a.State != IceConnectionState.Failed && net.Now - start < IceTestNetwork.Ticks(TimeSpan.FromMinutes(1)))
        {
            net.Run(TimeSpan.FromSeconds(1));
            a.HandleApplicationData(net.Now, B1, A1);
            a.HandleApplicationData(net.Now, new IPEndPoint(IPAddress.Parse("10.9.9.9"), 1), A1); // not the pair: ignored
            sawDisconnected |= a.State == IceConnectionState.Disconnected;
        }

        Assert.False(sawDisconnected);
        Assert.Equal(IceConnectionState.Failed, a.State);
        Assert.InRange((net.Now - start) / (double)IceTestNetwork.Frequency, 24, 31);
    }

    [Fact]
    public void Failed_nomination_falls_back_without_spinning()
    {
        var net = new IceTestNetwork(17);
        var a2 = new IPEndPoint(IPAddress.Parse("192.168.0.1"), 50003);
        var a = net.Add(IceTestNetwork.Options(IceRole.Controlling, "aaaa"), 1, A1, a2);
        var b = net.Add(IceTestNetwork.Options(IceRole.Controlled, "bbbb"), 2, B1);
        Exchange(a, b);

        // Ordinary checks get through, but the best path (A1 <-> B1) loses every nomination: that pair fails
        // after the nomination's retransmissions and the agent nominates the other valid pair.
        net.DropPayload = (from, _, payload) => from.Equals(A1)
            && StunMessage.TryParse(payload, out var m) == StunDecodeError.None && m.UseCandidate;
        var took = net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromMinutes(1));
        Assert.InRange(took.TotalSeconds, 12, 20);
        Assert.Equal(IceCandidatePairState.Failed, a.Pairs.Single(p => p.LocalSocket.Equals(A1)).State);
        Assert.Equal(a2, a.SelectedPair!.LocalSocket);
        Assert.Equal(a2, b.SelectedPair!.RemoteEndPoint);
    }

    [Fact]
    public void Connection_recovers_from_a_silence_shorter_than_the_consent_timeout()
    {
        var (net, a, b) = Pair(IceRole.Controlling, IceRole.Controlled);
        Exchange(a, b);
        net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(5));
        net.Drop = (_, _) => true;
        net.RunUntil(() => a.State == IceConnectionState.Disconnected && b.State == IceConnectionState.Disconnected, TimeSpan.FromSeconds(20));
        Assert.Equal(IceConnectionState.Disconnected, a.State);
        net.Drop = null;
        var back = net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(20));
        Assert.True(back < TimeSpan.FromSeconds(7), $"took {back}");
        net.Run(TimeSpan.FromMinutes(1));
        AssertConnectedTo(a, b);
    }

    [Fact]
    public void Failing_srflx_pair_does_not_fail_the_agent_while_an_mdns_name_is_unresolved()
    {
        var (net, a, b) = Pair(IceRole.Controlled, IceRole.Controlling, seed: 13);
        Exchange(a, b, aSeesB: false, bSeesA: false);
        a.AddRemoteCandidate(b.LocalCandidates[0] with { Address = "b.local" });
        IceCandidate.TryParse("candidate:9 1 udp 1686052607 198.51.100.99 40000 typ srflx raddr 0.0.0.0 rport 0", out var deadSrflx);
        a.AddRemoteCandidate(deadSrflx!);
        net.Run(TimeSpan.FromSeconds(20));
        Assert.Equal(IceCandidatePairState.Failed, Assert.Single(a.Pairs).State);
        Assert.Equal(IceConnectionState.Checking, a.State);

        // B learns A's address late (e.g. A's answer arrived late); B's checks reveal B to A as peer-reflexive.
        b.AddRemoteCandidate(a.LocalCandidates[0]);
        net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(5));
        AssertConnectedTo(a, b);
    }

    [Fact]
    public void Long_idle_connection_stays_completed_with_consent_every_five_seconds()
    {
        var (net, a, b) = Pair(IceRole.Controlling, IceRole.Controlled);
        Exchange(a, b);
        net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(5));
        while (a.TryPollEvent(out _))
        {
        }

        var start = net.Log.Count;
        net.Run(TimeSpan.FromMinutes(10));
        Assert.Equal(IceConnectionState.Completed, a.State);
        Assert.Equal(IceConnectionState.Completed, b.State);
        Assert.False(a.TryPollEvent(out var e), $"unexpected event {e}");

        // 10 min / 5 s = 120 consent requests each way (±20 % jitter), each answered.
        var fromA = net.Log.Skip(start).Count(d => d.From.Equals(A1) && d.Payload[0] == 0x00 && d.Payload[1] == 0x01);
        Assert.InRange(fromA, 100, 150);
    }

    [Fact]
    public void Lossy_delayed_path_connects_and_never_fails()
    {
        var (net, a, b) = Pair(IceRole.Controlling, IceRole.Controlled, seed: 7);
        net.Loss = 0.05;
        net.Delay = TimeSpan.FromMilliseconds(100);
        Exchange(a, b);
        net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(20));
        AssertConnectedTo(a, b);
        net.Run(TimeSpan.FromMinutes(5));
        Assert.True(a.CanSend && b.CanSend);
    }

    [Property(MaxTest = 40)]
    public void Connects_and_stays_up_under_random_loss_delay_reordering_and_duplication(
        PositiveInt seed, byte lossPerMille, byte delayMs, bool aControls, bool mdns)
    {
        var (net, a, b) = Pair(aControls ? IceRole.Controlling : IceRole.Controlled, aControls ? IceRole.Controlled : IceRole.Controlling, seed.Get);
        net.Loss = (lossPerMille % 51) / 1000.0;            // 0–5 %
        net.Delay = TimeSpan.FromMilliseconds(delayMs % 201); // 0–200 ms one way
        net.Jitter = TimeSpan.FromMilliseconds(20);
        net.Duplicate = 0.02;
        Exchange(a, b, aSeesB: !mdns);
        if (mdns)
        {
            a.AddRemoteCandidate(b.LocalCandidates[0] with { Address = "hidden.local" });
        }

        var took = net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(30));
        Assert.True(Done(a) && Done(b), $"seed {net.Seed}: {a.State}/{b.State} after {took}");
        AssertConnectedTo(a, b);
        net.Run(TimeSpan.FromMinutes(2));
        Assert.True(a.CanSend && b.CanSend, $"seed {net.Seed}: {a.State}/{b.State}");
    }

    [Fact]
    public void Dual_stack_agents_pair_by_family_and_connect()
    {
        var net = new IceTestNetwork(19);
        var a6 = new IPEndPoint(IPAddress.Parse("2001:db8::1"), 50005);
        var b6 = new IPEndPoint(IPAddress.Parse("2001:db8::2"), 50006);
        var a = net.Add(IceTestNetwork.Options(IceRole.Controlling, "aaaa"), 1, a6, A1);
        var b = net.Add(IceTestNetwork.Options(IceRole.Controlled, "bbbb"), 2, b6, B1);
        Exchange(a, b);
        Assert.Equal(2, a.Pairs.Count); // v6-v6 and v4-v4, never across families
        Assert.All(a.Pairs, p => Assert.Equal(p.LocalSocket.AddressFamily, p.RemoteEndPoint.AddressFamily));
        net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(10));
        AssertConnectedTo(a, b);
        Assert.Equal(a6, a.SelectedPair!.LocalSocket); // first host socket has the higher local preference
    }

    [Fact]
    public void Ipv4_mapped_sources_from_dual_stack_sockets_match_ipv4_candidates()
    {
        var (_, a, b) = Pair(IceRole.Controlling, IceRole.Controlled);
        Exchange(a, b);
        a.HandleTimeout(0);
        Assert.True(a.TryPollTransmit(out var check));
        b.HandleReceive(1, check.Payload.Span, new IPEndPoint(A1.Address.MapToIPv6(), A1.Port), B1);
        Assert.True(b.TryPollTransmit(out var response));
        Assert.Equal(A1, response.Destination);
        Assert.Equal(IceCandidateType.Host, Assert.Single(b.RemoteCandidates).Type);
    }

    [Fact]
    public void Picks_the_highest_priority_pair_among_several_interfaces()
    {
        var net = new IceTestNetwork(9);
        var a2 = new IPEndPoint(IPAddress.Parse("192.168.0.1"), 50003);
        var b2 = new IPEndPoint(IPAddress.Parse("192.168.0.2"), 50004);
        var a = net.Add(IceTestNetwork.Options(IceRole.Controlling, "aaaa"), 1, A1, a2);
        var b = net.Add(IceTestNetwork.Options(IceRole.Controlled, "bbbb"), 2, B1, b2);
        Exchange(a, b);
        net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(10));
        AssertConnectedTo(a, b);
        Assert.Equal(4, a.Pairs.Count);
        Assert.Equal(a.Pairs[0], a.SelectedPair);
        Assert.Equal(A1, a.SelectedPair!.LocalSocket);
        Assert.Equal(B1, a.SelectedPair.RemoteEndPoint);
    }

    [Fact]
    public void Gathers_server_reflexive_candidates_and_connects_through_a_nat()
    {
        var net = new IceTestNetwork(11);
        var stun = new IPEndPoint(IPAddress.Parse("198.51.100.1"), 3478);
        var deadStun = new IPEndPoint(IPAddress.Parse("198.51.100.2"), 3478);
        net.StunServers.Add(stun);
        var outside = new IPEndPoint(IPAddress.Parse("203.0.113.5"), 61000);
        net.Nat(A1, outside);
        var optionsA = IceTestNetwork.Options(IceRole.Controlling, "aaaa") with { StunServers = [stun, deadStun] };
        var a = net.Add(optionsA, 1, A1);
        var b = net.Add(IceTestNetwork.Options(IceRole.Controlled, "bbbb"), 2, B1);

        a.StartGathering(net.Now);
        var gathering = net.RunUntil(() => a.GatheringComplete, TimeSpan.FromSeconds(10));
        Assert.InRange(gathering.TotalSeconds, 3.4, 3.6); // the dead server: 0.5 + 1 + 2 s
        var events = new List<IceEvent>();
        while (a.TryPollEvent(out var e))
        {
            events.Add(e);
        }

        var srflx = Assert.Single(events, e => e.Kind == IceEventKind.LocalCandidate).Candidate!;
        Assert.Equal(IceEventKind.GatheringComplete, events[^1].Kind);
        Assert.Equal(IceCandidateType.ServerReflexive, srflx.Type);
        Assert.Equal("203.0.113.5", srflx.Address);
        Assert.Equal(61000, srflx.Port);
        Assert.Equal("10.0.0.1", srflx.RelatedAddress);
        Assert.Equal(2, a.LocalCandidates.Count);

        // B only gets the srflx candidate (A's host address is private); B sees A's checks from outside.
        a.SetRemoteCredentials(new IceCredentials("bbbb", "bbbb-password-0123456789"));
        b.SetRemoteCredentials(new IceCredentials("aaaa", "aaaa-password-0123456789"));
        a.AddRemoteCandidate(b.LocalCandidates[0]);
        b.AddRemoteCandidate(srflx);
        net.RunUntil(() => Done(a) && Done(b), TimeSpan.FromSeconds(10));
        Assert.Equal(IceConnectionState.Completed, a.State);
        Assert.Equal(IceConnectionState.Completed, b.State);
        Assert.Equal(outside, b.SelectedPair!.RemoteEndPoint);
    }

    [Fact]
    public void Gathering_without_servers_completes_at_once()
    {
        var net = new IceTestNetwork();
        var a = net.Add(IceTestNetwork.Options(IceRole.Controlling, "aaaa"), 1, A1);
        a.StartGathering(net.Now);
        Assert.True(a.GatheringComplete);
        Assert.True(a.TryPollEvent(out var e));
        Assert.Equal(IceEventKind.GatheringComplete, e.Kind);
    }
}
