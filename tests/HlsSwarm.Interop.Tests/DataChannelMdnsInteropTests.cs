using System.Diagnostics;
using System.Net;
using HlsSwarm.Testing;
using HlsSwarm.WebRtc.Ice;
using HlsSwarm.WebRtc.Udp;
using Xunit;
using Xunit.Abstractions;
using static HlsSwarm.Interop.Tests.DataChannelInteropTests;

namespace HlsSwarm.Interop.Tests;

/// <summary>
/// Chromium's mDNS host candidates resolved by our driver (<c>MulticastDnsResolver</c>, RFC 6762 one-shot queries on
/// the namespace's veth): Chromium's own responder answers for its names, and the selected pair's remote candidate is
/// then the host candidate that came from the resolved name (not the peer-reflexive one its checks create).
/// </summary>
[Collection(BrowserSwarmCollection.Name)]
public sealed class DataChannelMdnsInteropTests(ITestOutputHelper output)
{
    [Theory(Timeout = 60_000)]
    [InlineData(Offerer.Chromium)]
    [InlineData(Offerer.Ours)]
    public async Task Chromium_s_mDNS_name_resolves_to_its_address_and_the_selected_pair_uses_that_host_candidate(Offerer offerer)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        await using var session = await DataChannelSession.StartAsync(offerer, HostCandidates.Mdns, cts.Token);
        bool resolvedBeforeOpen = session.Ours.RemoteNamesResolved.IsCompleted;
        var names = await session.Ours.RemoteNamesResolved.WaitAsync(cts.Token);
        output.WriteLine($"{offerer} offered; set-up {session.SetupTime.TotalMilliseconds:F0} ms; the name was resolved " +
                         $"{(resolvedBeforeOpen ? "before" : "after")} both channel ends were open: {string.Join(", ", names.Select(n => $"{n.Key} → {n.Value}"))}");

        string candidate = session.BrowserSdp.Split("\r\n").First(l => l.StartsWith("a=candidate:", StringComparison.Ordinal));
        var (name, address) = Assert.Single(names);
        Assert.Contains($" {name} ", candidate, StringComparison.Ordinal);
        Assert.Equal(IPAddress.Parse(session.Namespace.HostAddress), address);

        var (type, endPoint, port) = await session.Ours.InspectAsync(pc =>
            (pc.Ice.SelectedPair?.Remote.Type, pc.Ice.SelectedPair?.RemoteEndPoint, pc.Ice.SelectedPair?.Remote.Port));
        output.WriteLine($"selected pair: remote {type} {endPoint}; Chromium's candidate: {candidate}");
        Assert.Equal(IceCandidateType.Host, type);
        Assert.Equal(session.Namespace.HostAddress, endPoint?.Address.ToString());
        Assert.Contains($" {port} typ host", candidate, StringComparison.Ordinal);

        // How fast Chromium's responder answers one query (a fresh resolver on the same interface). A responder multicasts
        // a record at most once a second (RFC 6762 §6), so ask after that: earlier the answer waits for the second to pass.
        await Task.Delay(1100, cts.Token);
        using var resolver = session.Namespace.RunInside(() => new MulticastDnsResolver(IPAddress.Parse(session.Namespace.HostAddress)));
        var clock = Stopwatch.StartNew();
        Assert.Equal(address, await resolver.ResolveAsync(name, cts.Token).WaitAsync(TimeSpan.FromSeconds(2), cts.Token));
        output.WriteLine($"a second resolution of the name took {clock.Elapsed.TotalMilliseconds:F1} ms");

        await OursToChromiumMessageAsync(session.Page, session.Channel, 64 * 1024, cts.Token);
        await ChromiumToOursMessageAsync(session.Page, session.Channel, 64 * 1024, cts.Token);
    }
}
