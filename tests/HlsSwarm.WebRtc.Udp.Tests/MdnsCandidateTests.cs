using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using HlsSwarm.WebRtc.Connection;
using HlsSwarm.WebRtc.Ice;
using Xunit;

namespace HlsSwarm.WebRtc.Udp.Tests;

/// <summary>
/// Remote <c>*.local</c> candidates in the UDP driver, with a fake <see cref="ICandidateNameResolver"/>: the offerer's
/// host candidates are rewritten to mDNS names on the signalling path, as Chromium sends them.
/// </summary>
public partial class MdnsCandidateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_resolved_name_becomes_the_host_candidate_of_the_selected_pair()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var resolver = new FakeResolver(_ => IPAddress.Loopback);
        var (offerer, answerer) = await ConnectAsync(resolver, names: 1, cts.Token);
        await using (offerer)
        await using (answerer)
        {
            var resolved = await answerer.RemoteNamesResolved.WaitAsync(cts.Token);
            var (name, address) = Assert.Single(resolved);
            Assert.EndsWith(".local", name, StringComparison.Ordinal);
            Assert.Equal(IPAddress.Loopback, address);
            Assert.Equal([name], resolver.Asked);

            // Checks from the offerer may have taught the answerer a peer-reflexive candidate first; the resolved
            // name replaces it with the signalled host candidate at the same address.
            var remote = await answerer.InspectAsync(pc => (pc.Ice.SelectedPair?.Remote.Type, pc.Ice.SelectedPair?.RemoteEndPoint));
            Assert.Equal(IceCandidateType.Host, remote.Item1);
            Assert.Equal(offerer.LocalEndPoint, remote.Item2);
        }
    }

    [Fact]
    public async Task An_unanswered_name_times_out_and_the_connection_forms_through_peer_reflexive()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var resolver = new FakeResolver(_ => null, hang: true);
        var (offerer, answerer) = await ConnectAsync(resolver, names: 1, cts.Token, timeout: TimeSpan.FromMilliseconds(300));
        await using (offerer)
        await using (answerer)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var resolved = await answerer.RemoteNamesResolved.WaitAsync(cts.Token);
            Assert.Null(Assert.Single(resolved).Value);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"gave up after {clock.Elapsed}");
            var type = await answerer.InspectAsync(pc => pc.Ice.SelectedPair?.Remote.Type);
            Assert.Equal(IceCandidateType.PeerReflexive, type);
        }
    }

    [Fact]
    public async Task At_most_the_configured_number_of_names_is_resolved()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var resolver = new FakeResolver(_ => null);
        var (offerer, answerer) = await ConnectAsync(resolver, names: 6, cts.Token, maxNames: 4);
        await using (offerer)
        await using (answerer)
        {
            var resolved = await answerer.RemoteNamesResolved.WaitAsync(cts.Token);
            Assert.Equal(4, resolved.Count);
            Assert.Equal(4, resolver.Asked.Count);
            Assert.All(resolved.Values, Assert.Null);
        }
    }

    [Fact]
    public async Task With_the_default_multicast_resolver_a_name_nobody_answers_gives_up_within_the_timeout()
    {
        // The real MulticastDnsResolver on 127.0.0.1: either lo cannot do multicast here (it gives up at once) or the
        // query goes out and nobody answers for a random name; in both cases the name ends unresolved within the
        // 1 s timeout and the connection forms through peer-reflexive, as before the driver resolved names.
        using var cts = new CancellationTokenSource(Timeout);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (offerer, answerer) = await ConnectAsync(null, names: 1, cts.Token);
        await using (offerer)
        await using (answerer)
        {
            var resolved = await answerer.RemoteNamesResolved.WaitAsync(cts.Token);
            Assert.Null(Assert.Single(resolved).Value);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"gave up after {clock.Elapsed}");
            var type = await answerer.InspectAsync(pc => pc.Ice.SelectedPair?.Remote.Type);
            Assert.Equal(IceCandidateType.PeerReflexive, type);
        }
    }

    private static async Task<(UdpPeerConnection Offerer, UdpPeerConnection Answerer)> ConnectAsync(
        ICandidateNameResolver? resolver, int names, CancellationToken ct, TimeSpan? timeout = null, int maxNames = 4)
    {
        var local = new IPEndPoint(IPAddress.Loopback, 0);
        var offerer = new UdpPeerConnection(new UdpPeerConnectionOptions { LocalEndPoint = local });
        var answerer = new UdpPeerConnection(new UdpPeerConnectionOptions
        {
            LocalEndPoint = local,
            Peer = new PeerConnectionOptions { Offerer = false },
            NameResolver = resolver,
            NameResolutionTimeout = timeout ?? TimeSpan.FromSeconds(1),
            MaxResolvedNames = maxNames,
        });
        Task<UdpDataChannel>? accept = null;
        var answerReady = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await offerer.ConnectAsync(
            (offer, _) =>
            {
                accept = answerer.AcceptAsync(HideHostAddresses(offer, names), (answer, _) =>
                {
                    answerReady.TrySetResult(answer);
                    return Task.CompletedTask;
                }, ct);
                return answerReady.Task.WaitAsync(ct);
            },
            "p2pml",
            ct);
        await accept!.WaitAsync(ct);
        return (offerer, answerer);
    }

    /// <summary>Rewrites the offer's host candidate to an mDNS name, as Chromium does, plus extra names that never resolve.</summary>
    private static string HideHostAddresses(string sdp, int names)
    {
        var line = sdp.Split("\r\n").Single(l => l.StartsWith("a=candidate:", StringComparison.Ordinal));
        var hidden = CandidateAddress().Replace(line, $" {Guid.NewGuid()}.local $1 typ host");
        var extra = Enumerable.Range(1, names - 1).Select(i =>
            CandidateAddress().Replace(line.Replace("a=candidate:", $"a=candidate:{i}", StringComparison.Ordinal), $" {Guid.NewGuid()}.local {40000 + i} typ host"));
        return sdp.Replace(line, string.Join("\r\n", [hidden, .. extra]), StringComparison.Ordinal);
    }

    [GeneratedRegex(@" 127\.0\.0\.1 (\d+) typ host")]
    private static partial Regex CandidateAddress();

    private sealed class FakeResolver(Func<string, IPAddress?> answer, bool hang = false) : ICandidateNameResolver
    {
        private readonly ConcurrentQueue<string> _asked = new();

        public List<string> Asked => [.. _asked];

        public async Task<IPAddress?> ResolveAsync(string name, CancellationToken cancellationToken)
        {
            _asked.Enqueue(name);
            if (hang)
            {
                // Never answers and ignores the token on purpose: the driver's own timeout must bound it.
                await new TaskCompletionSource().Task;
            }

            await Task.Yield();
            return answer(name);
        }
    }
}
