using System.Net;
using System.Text;
using FsCheck.Xunit;
using HlsSwarm.WebRtc.Ice;
using HlsSwarm.WebRtc.Stun;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Ice;

/// <summary>One agent driven by hand-built STUN messages shaped like Chromium's.</summary>
public class IceAgentTests
{
    private const string LocalPassword = "aaaa-password-0123456789";
    private const string RemotePassword = "remote-password-0123456789";
    private static readonly IPEndPoint Local = new(IPAddress.Parse("10.0.0.1"), 50001);
    private static readonly IPEndPoint Browser = new(IPAddress.Parse("10.0.0.9"), 60001);
    private static readonly byte[] TransactionId = Convert.FromHexString("0102030405060708090a0b0c");

    private static IceAgent Agent(IceRole role, bool remoteKnown = true)
    {
        var agent = new IceAgent(IceTestNetwork.Options(role, "aaaa"), new Random(42));
        agent.AddHostCandidate(Local);
        if (remoteKnown)
        {
            agent.SetRemoteCredentials(new IceCredentials("remote", RemotePassword));
        }

        return agent;
    }

    /// <summary>A Binding request as Chromium sends it (GOOG-NETWORK-INFO included).</summary>
    private static byte[] Request(
        string username = "aaaa:remote", string password = LocalPassword, bool controlling = true, ulong tieBreaker = 0x1234,
        bool useCandidate = false, bool integrity = true, ushort? extraType = null)
    {
        var writer = new StunWriter(new byte[300], StunClass.Request, StunMethod.Binding, TransactionId);
        writer.AddUsername(username);
        writer.AddAttribute(StunAttributeType.GoogNetworkInfo, [0, 1, 0, 10]);
        if (controlling)
        {
            writer.AddIceControlling(tieBreaker);
        }
        else
        {
            writer.AddIceControlled(tieBreaker);
        }

        if (useCandidate)
        {
            writer.AddUseCandidate();
        }

        writer.AddPriority(1853824767);
        if (extraType is { } type)
        {
            writer.AddAttribute((StunAttributeType)type, [1, 2]);
        }

        if (integrity)
        {
            writer.AddMessageIntegrity(Encoding.UTF8.GetBytes(password));
        }

        writer.AddFingerprint();
        return writer.Written.ToArray();
    }

    private static List<IceTransmit> Drain(IceAgent agent)
    {
        var list = new List<IceTransmit>();
        while (agent.TryPollTransmit(out var t))
        {
            list.Add(t);
        }

        return list;
    }

    private static List<IceEvent> Events(IceAgent agent)
    {
        var list = new List<IceEvent>();
        while (agent.TryPollEvent(out var e))
        {
            list.Add(e);
        }

        return list;
    }

    [Fact]
    public void Answers_a_chromium_check_and_learns_a_peer_reflexive_candidate()
    {
        var agent = Agent(IceRole.Controlled);
        agent.HandleReceive(1000, Request(useCandidate: true), Browser, Local);

        var response = Assert.Single(Drain(agent));
        Assert.Equal(Local, response.LocalSocket);
        Assert.Equal(Browser, response.Destination);
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(response.Payload.Span, out var message));
        Assert.Equal(StunClass.SuccessResponse, message.Class);
        Assert.Equal(TransactionId, message.TransactionId.ToArray());
        Assert.True(message.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(Browser, mapped);
        Assert.True(message.VerifyMessageIntegrity(Encoding.UTF8.GetBytes(LocalPassword)));
        Assert.True(message.VerifyFingerprint());

        var prflx = Assert.Single(agent.RemoteCandidates);
        Assert.Equal(IceCandidateType.PeerReflexive, prflx.Type);
        Assert.Equal(1853824767u, prflx.Priority);

        // The triggered check goes back to the browser with our role and the browser's password.
        agent.HandleTimeout(1000);
        var check = Assert.Single(Drain(agent));
        Assert.Equal(Browser, check.Destination);
        StunMessage.TryParse(check.Payload.Span, out var request);
        Assert.Equal(StunClass.Request, request.Class);
        Assert.Equal("remote:aaaa", request.GetUsernameString());
        Assert.NotNull(request.IceControlled);
        Assert.False(request.UseCandidate);
        Assert.Equal(IceCandidate.ComputePriority(IceCandidateType.PeerReflexive, 65535), request.Priority);
        Assert.True(request.VerifyMessageIntegrity(Encoding.UTF8.GetBytes(RemotePassword)));
        Assert.True(request.VerifyFingerprint());

        // Its success completes the pair; USE-CANDIDATE received earlier nominates it (RFC 8445 §7.3.1.5).
        var writer = new StunWriter(new byte[200], StunClass.SuccessResponse, StunMethod.Binding, request.TransactionId);
        writer.AddXorMappedAddress(Local);
        writer.AddMessageIntegrity(Encoding.UTF8.GetBytes(RemotePassword));
        writer.AddFingerprint();
        agent.HandleReceive(1001, writer.Written, Browser, Local);
        Assert.Equal(IceConnectionState.Completed, agent.State);
        Assert.True(agent.SelectedPair!.Nominated);
        Assert.Contains(Events(agent), e => e.Kind == IceEventKind.SelectedPairChanged && e.Pair == agent.SelectedPair);
    }

    [Fact]
    public void Signalled_candidate_replaces_the_peer_reflexive_one_learnt_first()
    {
        var agent = Agent(IceRole.Controlling);
        agent.HandleReceive(1000, Request(controlling: false), Browser, Local);
        Assert.Equal(IceCandidateType.PeerReflexive, Assert.Single(agent.RemoteCandidates).Type);
        var before = agent.Pairs[0].Priority;

        IceCandidate.TryParse("candidate:3119931283 1 udp 2113937151 10.0.0.9 60001 typ host generation 0 network-cost 999", out var host);
        Assert.True(agent.AddRemoteCandidate(host!));
        Assert.Same(host, Assert.Single(agent.RemoteCandidates));
        var pair = Assert.Single(agent.Pairs);
        Assert.Same(host, pair.Remote);
        Assert.NotEqual(before, pair.Priority);
        Assert.False(agent.AddRemoteCandidate(host!));
    }

    [Fact]
    public void Resolving_an_mdns_name_upgrades_the_peer_reflexive_candidate()
    {
        var agent = Agent(IceRole.Controlled);
        IceCandidate.TryParse("candidate:1 1 udp 2113937151 7dfd7ca2-9f48-4acf-86d9-6a9473da825c.local 60001 typ host", out var mdns);
        Assert.True(agent.AddRemoteCandidate(mdns!));
        agent.HandleReceive(1000, Request(), Browser, Local);
        Assert.Equal(IceCandidateType.PeerReflexive, Assert.Single(agent.RemoteCandidates).Type);
        Assert.Equal(1, agent.ResolveMdnsName("7dfd7ca2-9f48-4acf-86d9-6a9473da825c.local", Browser.Address));
        var remote = Assert.Single(agent.RemoteCandidates);
        Assert.Equal(IceCandidateType.Host, remote.Type);
        Assert.Equal("10.0.0.9", remote.Address);
        Assert.Same(remote, Assert.Single(agent.Pairs).Remote);
        Assert.Empty(agent.UnresolvedMdnsNames);
    }

    [Fact]
    public void Datagrams_on_an_unknown_local_socket_are_dropped()
    {
        var agent = Agent(IceRole.Controlled);
        agent.HandleReceive(1000, Request(), Browser, new IPEndPoint(IPAddress.Parse("10.0.0.99"), 1));
        agent.HandleReceive(1000, Request(), new IPEndPoint(IPAddress.IPv6Loopback, 5), null);
        Assert.Empty(Drain(agent));
        Assert.Equal(2, agent.DroppedDatagrams);
    }

    [Fact]
    public void Failed_agent_sends_nothing_more()
    {
        var agent = Agent(IceRole.Controlled);
        agent.HandleTimeout(0);
        agent.HandleTimeout(31 * IceTestNetwork.Frequency);
        Assert.Equal(IceConnectionState.Failed, agent.State);
        agent.HandleReceive(32 * IceTestNetwork.Frequency, Request(), Browser, Local);
        agent.HandleTimeout(33 * IceTestNetwork.Frequency);
        Assert.Empty(Drain(agent));
        Assert.Null(agent.PollTimeout());
    }

    [Fact]
    public void Request_on_a_pair_in_progress_retransmits_its_check_at_once()
    {
        var agent = Agent(IceRole.Controlling);
        IceCandidate.TryParse("candidate:1 1 udp 2122260223 10.0.0.9 60001 typ host", out var remote);
        agent.AddRemoteCandidate(remote!);
        agent.HandleTimeout(1000);
        var check = Assert.Single(Drain(agent));
        agent.HandleReceive(1100, Request(controlling: false), Browser, Local);
        var sent = Drain(agent);
        Assert.Equal(2, sent.Count); // the success response, then our check again
        Assert.Equal(check.Payload.ToArray(), sent[1].Payload.ToArray());
    }

    [Fact]
    public void Stun_server_answers_from_elsewhere_are_ignored()
    {
        var server = new IPEndPoint(IPAddress.Parse("198.51.100.1"), 3478);
        var agent = new IceAgent(IceTestNetwork.Options(IceRole.Controlling, "aaaa") with { StunServers = [server] }, new Random(1));
        agent.AddHostCandidate(Local);
        agent.StartGathering(1000);
        var request = Assert.Single(Drain(agent));
        StunMessage.TryParse(request.Payload.Span, out var message);
        var writer = new StunWriter(new byte[100], StunClass.SuccessResponse, StunMethod.Binding, message.TransactionId);
        writer.AddXorMappedAddress(new IPEndPoint(IPAddress.Parse("203.0.113.66"), 4444));
        agent.HandleReceive(1001, writer.Written, new IPEndPoint(IPAddress.Parse("198.51.100.7"), 3478), Local);
        Assert.Single(agent.LocalCandidates);
        agent.HandleReceive(1002, writer.Written, server, Local);
        Assert.Equal(2, agent.LocalCandidates.Count);
        Assert.True(agent.GatheringComplete);
    }

    [Theory]
    [InlineData("candidate:1 1 udp 2122260223 10.0.0.9 0 typ host")]
    [InlineData("candidate:1 1 udp 2122260223 0.0.0.0 9 typ host")]
    [InlineData("candidate:1 1 udp 2122260223 :: 9 typ host")]
    [InlineData("candidate:1 1 udp 2122260223 255.255.255.255 9 typ host")]
    [InlineData("candidate:1 1 udp 2122260223 224.0.0.251 5353 typ host")]
    [InlineData("candidate:1 1 udp 2122260223 ff02::fb 5353 typ host")]
    [InlineData("candidate:1 1 tcp 2122260223 10.0.0.9 9 typ host tcptype active")]
    [InlineData("candidate:1 2 udp 2122260223 10.0.0.9 9 typ host")]
    [InlineData("candidate:1 1 udp 2122260223 example.com 9 typ host")]
    public void Unusable_remote_candidates_are_refused(string line)
    {
        var agent = Agent(IceRole.Controlling);
        Assert.Equal(IceCandidateError.None, IceCandidate.TryParse(line, out var candidate));
        Assert.False(agent.AddRemoteCandidate(candidate!));
        Assert.Empty(agent.Pairs);
        Assert.Empty(agent.UnresolvedMdnsNames);
    }

    [Fact]
    public void Candidates_of_another_ice_session_are_refused()
    {
        var agent = Agent(IceRole.Controlling);
        IceCandidate.TryParse("candidate:1 1 udp 2122260223 10.0.0.9 60001 typ host generation 0 ufrag old1", out var stale);
        IceCandidate.TryParse("candidate:1 1 udp 2122260223 10.0.0.9 60001 typ host generation 0 ufrag remote", out var current);
        Assert.False(agent.AddRemoteCandidate(stale!));
        Assert.True(agent.AddRemoteCandidate(current!));
    }

    [Fact]
    public void Answers_before_remote_credentials_are_known_and_checks_once_they_are()
    {
        var agent = Agent(IceRole.Controlled, remoteKnown: false);
        agent.HandleReceive(1000, Request(), Browser, Local);
        Assert.Single(Drain(agent));
        agent.HandleTimeout(1000);
        Assert.Empty(Drain(agent));
        agent.SetRemoteCredentials(new IceCredentials("remote", RemotePassword));
        agent.HandleTimeout(1001);
        Assert.Equal(Browser, Assert.Single(Drain(agent)).Destination);
    }

    public static TheoryData<string, byte[], int> Rejected => new()
    {
        { "wrong password", Request(password: "nope"), 401 },
        { "wrong ufrag", Request(username: "zzzz:remote"), 401 },
        { "no MESSAGE-INTEGRITY", Request(integrity: false), 400 },
        { "unknown comprehension-required attribute", Request(extraType: 0x0777), 420 },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejects_bad_requests_with_the_rfc_error_and_learns_nothing(string name, byte[] request, int code)
    {
        var agent = Agent(IceRole.Controlled);
        agent.HandleReceive(1000, request, Browser, Local);
        var response = Assert.Single(Drain(agent));
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(response.Payload.Span, out var message));
        Assert.True(code == message.ErrorCode, name);
        Assert.Equal(StunClass.ErrorResponse, message.Class);
        if (code == 420)
        {
            Assert.Equal("0777", Convert.ToHexStringLower(message.UnknownAttributes));
        }

        Assert.Empty(agent.RemoteCandidates);
        Assert.Empty(agent.Pairs);
    }

    [Fact]
    public void Role_conflict_with_a_smaller_tie_breaker_gets_487()
    {
        var agent = Agent(IceRole.Controlling);
        agent.HandleReceive(1000, Request(controlling: true, tieBreaker: 0), Browser, Local);
        StunMessage.TryParse(Assert.Single(Drain(agent)).Payload.Span, out var message);
        Assert.Equal(487, message.ErrorCode);
        Assert.True(message.VerifyMessageIntegrity(Encoding.UTF8.GetBytes(LocalPassword)));
        Assert.Equal(IceRole.Controlling, agent.Role);
    }

    [Fact]
    public void Role_conflict_with_a_larger_tie_breaker_switches_role()
    {
        var agent = Agent(IceRole.Controlling);
        agent.HandleReceive(1000, Request(controlling: true, tieBreaker: ulong.MaxValue), Browser, Local);
        StunMessage.TryParse(Assert.Single(Drain(agent)).Payload.Span, out var message);
        Assert.Equal(StunClass.SuccessResponse, message.Class);
        Assert.Equal(IceRole.Controlled, agent.Role);
        Assert.Contains(Events(agent), e => e.Kind == IceEventKind.RoleChanged && e.Role == IceRole.Controlled);
    }

    [Fact]
    public void Controlled_agent_meeting_a_controlled_peer_with_smaller_tie_breaker_takes_control()
    {
        var agent = Agent(IceRole.Controlled);
        agent.HandleReceive(1000, Request(controlling: false, tieBreaker: 0), Browser, Local);
        StunMessage.TryParse(Assert.Single(Drain(agent)).Payload.Span, out var message);
        Assert.Equal(StunClass.SuccessResponse, message.Class);
        Assert.Equal(IceRole.Controlling, agent.Role);
    }

    [Fact]
    public void Responses_with_a_bad_integrity_or_from_elsewhere_do_not_validate_a_pair()
    {
        var agent = Agent(IceRole.Controlling);
        IceCandidate.TryParse("candidate:1 1 udp 2122260223 10.0.0.9 60001 typ host", out var remote);
        agent.AddRemoteCandidate(remote!);
        agent.HandleTimeout(1000);
        var check = Assert.Single(Drain(agent));
        StunMessage.TryParse(check.Payload.Span, out var request);
        var id = request.TransactionId.ToArray();

        byte[] Response(string password)
        {
            var writer = new StunWriter(new byte[200], StunClass.SuccessResponse, StunMethod.Binding, id);
            writer.AddXorMappedAddress(Local);
            writer.AddMessageIntegrity(Encoding.UTF8.GetBytes(password));
            writer.AddFingerprint();
            return writer.Written.ToArray();
        }

        agent.HandleReceive(1001, Response("forged"), Browser, Local);
        Assert.Equal(IceCandidatePairState.InProgress, agent.Pairs[0].State);
        Assert.Equal(1, agent.DroppedDatagrams);

        // RFC 8445 §7.2.5.2.1: a response from another address fails the pair (non-symmetric path).
        agent.HandleReceive(1002, Response(RemotePassword), new IPEndPoint(IPAddress.Parse("10.0.0.10"), 60001), Local);
        Assert.Equal(IceCandidatePairState.Failed, agent.Pairs[0].State);
        Assert.Null(agent.SelectedPair);
    }

    [Fact]
    public void Check_retransmits_with_doubling_rto_then_fails_the_pair()
    {
        var agent = Agent(IceRole.Controlling);
        IceCandidate.TryParse("candidate:1 1 udp 2122260223 10.0.0.9 60001 typ host", out var remote);
        agent.AddRemoteCandidate(remote!);
        var now = 1000L;
        var sends = new List<long>();
        while (agent.PollTimeout() is { } due && agent.State != IceConnectionState.Failed && now < 100 * IceTestNetwork.Frequency)
        {
            now = Math.Max(now, due);
            agent.HandleTimeout(now);
            sends.AddRange(Drain(agent).Select(_ => now));
        }

        Assert.Equal(7, sends.Count);
        var gaps = sends.Zip(sends.Skip(1), (x, y) => (y - x) / 1000).ToArray();
        Assert.Equal(new long[] { 500, 1000, 2000, 3000, 3000, 3000 }, gaps);
        Assert.Equal(IceCandidatePairState.Failed, agent.Pairs[0].State);
        Assert.Equal(IceConnectionState.Failed, agent.State);
    }

    [Fact]
    public void Hostile_flood_from_many_addresses_stays_bounded()
    {
        var agent = Agent(IceRole.Controlled);
        for (var i = 0; i < 1000; i++)
        {
            agent.HandleReceive(1000 + i, Request(), new IPEndPoint(IPAddress.Parse("10.1.0.0"), 1000 + i), Local);
            Drain(agent);
        }

        Assert.True(agent.RemoteCandidates.Count <= 64);
        Assert.True(agent.Pairs.Count <= 100);
    }

    [Property(MaxTest = 1000)]
    public void Random_datagrams_never_throw(byte[] datagram)
    {
        var agent = Agent(IceRole.Controlling);
        agent.HandleReceive(1000, datagram, Browser, Local);
        agent.HandleTimeout(2000);
    }

    [Property(MaxTest = 1000)]
    public void Mutated_chromium_checks_never_throw(int position, byte value, bool useCandidate)
    {
        var agent = Agent(IceRole.Controlled);
        var request = Request(useCandidate: useCandidate);
        request[Math.Abs(position % request.Length)] = value;
        agent.HandleReceive(1000, request, Browser, Local);
        agent.HandleTimeout(2000);
        Drain(agent);
    }
}
