using System.Net;
using HlsSwarm.Testing;
using HlsSwarm.WebRtc.Connection;
using HlsSwarm.WebRtc.Ice;
using HlsSwarm.WebRtc.Udp;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static HlsSwarm.Interop.Tests.DataChannelInteropTests;

namespace HlsSwarm.Interop.Tests;

/// <summary>
/// Several Chromium peers against one <see cref="UdpPeerConnectionHost"/> (one UDP socket for all our connections),
/// with Chromium's mDNS candidates: the host must route each page's checks and records to the right connection.
/// </summary>
[Collection(BrowserSwarmCollection.Name)]
public sealed class DataChannelHostInteropTests(ITestOutputHelper output)
{
    [Fact(Timeout = 90_000)]
    public async Task Four_Chromium_pages_connect_to_one_host_socket_in_both_roles_and_each_carries_its_own_data()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(80));
        using var ns = NetworkNamespace.Create();
        await using var chromium = await ChromiumInNamespace.LaunchAsync(ns, HostCandidates.Mdns);
        await using var host = ns.RunInside(() => new UdpPeerConnectionHost(new UdpPeerConnectionHostOptions
        {
            LocalEndPoint = new IPEndPoint(IPAddress.Parse(ns.HostAddress), 0),
        }));

        var sessions = new List<(IPage Page, UdpPeerConnection Ours, UdpDataChannel Channel)>();
        for (int i = 0; i < 4; i++)
        {
            IBrowserContext context = await chromium.Browser.NewContextAsync();
            IPage page = await DataChannelSession.OpenPageAsync(context);
            bool chromiumOffers = i % 2 == 0;
            UdpPeerConnection ours = host.CreateConnection(new UdpPeerConnectionOptions
            {
                Peer = new PeerConnectionOptions { Offerer = !chromiumOffers },
            });
            var (channel, _) = await DataChannelSession.ConnectAsync(page, ours, chromiumOffers ? Offerer.Chromium : Offerer.Ours, cts.Token);
            sessions.Add((page, ours, channel));
        }

        Assert.Equal(4, host.ConnectionCount);
        var remotes = new List<IPEndPoint?>();
        foreach (var (page, ours, channel) in sessions)
        {
            var (type, remote) = await ours.InspectAsync(pc => (pc.Ice.SelectedPair?.Remote.Type, pc.Ice.SelectedPair?.RemoteEndPoint));
            output.WriteLine($"connection {remotes.Count}: local {ours.LocalEndPoint}, remote {type} {remote}");
            Assert.Equal(host.LocalEndPoint, ours.LocalEndPoint);
            Assert.Equal(ns.HostAddress, remote?.Address.ToString());
            remotes.Add(remote);
        }

        // Four Chromium sockets, four routes: each connection's pair leads to a different page.
        Assert.Equal(4, remotes.Distinct().Count());

        // All at once, each its own 64 KiB each way (checked by SHA-256 on both sides).
        await Task.WhenAll(sessions.Select(async s =>
        {
            await OursToChromiumMessageAsync(s.Page, s.Channel, 64 * 1024, cts.Token);
            await ChromiumToOursMessageAsync(s.Page, s.Channel, 64 * 1024, cts.Token);
        }));
        output.WriteLine($"datagrams the host could not route: {host.DatagramsUnrouted}");

        foreach (var s in sessions)
        {
            await s.Ours.DisposeAsync();
        }
        Assert.Equal(0, host.ConnectionCount);
    }
}
