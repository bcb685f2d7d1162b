using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Channels;
using HlsSwarm.Testing;
using HlsSwarm.WebRtc.Connection;
using HlsSwarm.WebRtc.Ice;
using HlsSwarm.WebRtc.Udp;
using Microsoft.Playwright;
using Xunit;
using static HlsSwarm.Interop.Tests.DataChannelTransfers;
using Xunit.Abstractions;

namespace HlsSwarm.Interop.Tests;

/// <summary>
/// Our managed WebRTC stack (<see cref="UdpPeerConnection"/>) against a real Chromium inside a network namespace, in
/// both roles, with Chromium's default mDNS host candidates (we can only reach it through the peer-reflexive candidate
/// its checks create) and with IP literals. Signalling is no-trickle (gathering complete), as simple-peer does it; the
/// channel is one ordered reliable channel with a 40-hex-character label, as p2p-media-loader creates it.
/// </summary>
[Collection(BrowserSwarmCollection.Name)]
public sealed class DataChannelInteropTests(ITestOutputHelper output)
{
    internal const string Label = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c";

    /// <summary>Page side: one peer connection and one channel; received messages are queued or gathered in bulk.</summary>
    internal const string PageSetup = """
        () => {
          window.inbox = [];
          window.waiters = [];
          window.bulk = null;
          window.channelClosed = new Promise(r => window.onChannelClosed = r);
          window.attach = dc => {
            dc.binaryType = 'arraybuffer';
            window.dc = dc;
            window.opened = new Promise(r => dc.readyState === 'open' ? r() : dc.addEventListener('open', () => r()));
            dc.onclose = () => window.onChannelClosed(dc.readyState);
            dc.onmessage = e => {
              const data = new Uint8Array(e.data);
              const b = window.bulk;
              if (b) {
                b.buffer.set(data, b.received);
                b.received += data.length;
                if (b.received >= b.buffer.length) { window.bulk = null; b.done(); }
                return;
              }
              const w = window.waiters.shift();
              if (w) w(data); else window.inbox.push(data);
            };
          };
          window.next = () => window.inbox.length ? Promise.resolve(window.inbox.shift())
                                                 : new Promise(r => window.waiters.push(r));
          window.hex = async data => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', data)))
                                        .map(b => b.toString(16).padStart(2, '0')).join('');
          window.random = n => {
            const out = new Uint8Array(n);
            for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
            return out;
          };
          window.gathered = pc => new Promise(r => pc.iceGatheringState === 'complete' ? r() :
            pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r()));
        }
        """;

    internal const string CreateOffer = """
        async label => {
          const pc = new RTCPeerConnection();
          window.pc = pc;
          window.attach(pc.createDataChannel(label));
          await pc.setLocalDescription(await pc.createOffer());
          await window.gathered(pc);
          return pc.localDescription.sdp;
        }
        """;

    internal const string CreateAnswer = """
        async offer => {
          const pc = new RTCPeerConnection();
          window.pc = pc;
          window.channel = new Promise(r => pc.ondatachannel = e => { window.attach(e.channel); r(e.channel.label); });
          await pc.setRemoteDescription({ type: 'offer', sdp: offer });
          await pc.setLocalDescription(await pc.createAnswer());
          await window.gathered(pc);
          return pc.localDescription.sdp;
        }
        """;

    public enum Offerer
    {
        Chromium,
        Ours,
    }

    public enum Closer
    {
        Chromium,
        Ours,
    }

    // Each role is closed once from each side across the candidate kinds, so all four combinations are covered
    // without running the 50 MB transfers twice per combination.
    [Theory(Timeout = 120_000)]
    [InlineData(Offerer.Chromium, HostCandidates.Mdns, Closer.Chromium)]
    [InlineData(Offerer.Chromium, HostCandidates.IpLiterals, Closer.Ours)]
    [InlineData(Offerer.Ours, HostCandidates.Mdns, Closer.Ours)]
    [InlineData(Offerer.Ours, HostCandidates.IpLiterals, Closer.Chromium)]
    public async Task Chromium_and_our_stack_exchange_messages_and_see_each_others_close(
        Offerer offerer, HostCandidates candidates, Closer closer)
    {
        using var ns = NetworkNamespace.Create();
        await using var chromium = await ChromiumInNamespace.LaunchAsync(ns, candidates);
        await using IBrowserContext context = await chromium.Browser.NewContextAsync();
        IPage page = await DataChannelSession.OpenPageAsync(context);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(100));

        // Our socket must live in the namespace and bind its veth address: that is where Chromium's checks go.
        await using var ours = ns.RunInside(() => new UdpPeerConnection(new UdpPeerConnectionOptions
        {
            LocalEndPoint = new IPEndPoint(IPAddress.Parse(ns.HostAddress), 0),
            Peer = new PeerConnectionOptions { Offerer = offerer == Offerer.Ours },
        }));

        var setup = Stopwatch.StartNew();
        var inChromium = new Stopwatch(); // Chromium creating its description and gathering its candidates
        var (channel, browserSdp) = await DataChannelSession.ConnectAsync(page, ours, offerer, cts.Token, inChromium);
        if (offerer == Offerer.Ours)
        {
            Assert.Equal(Label, await page.EvaluateAsync<string>("() => window.channel"));
        }
        setup.Stop();
        // The whole figure includes Chromium's createOffer/createAnswer and its candidate gathering (no trickle), which
        // is not ours; the rest is the exchange, ICE, DTLS, SCTP and DCEP on both sides.
        output.WriteLine($"{offerer} offers, {candidates}: channel open on both sides after {setup.ElapsedMilliseconds} ms, " +
                         $"of which {inChromium.ElapsedMilliseconds} ms in Chromium creating its description and gathering");

        Assert.Equal(Label, channel.Label);
        string candidateLine = browserSdp.Split("\r\n").First(l => l.StartsWith("a=candidate:", StringComparison.Ordinal));
        output.WriteLine($"Chromium's candidate: {candidateLine}");
        Assert.Contains(candidates == HostCandidates.Mdns ? ".local " : $" {ns.HostAddress} ", candidateLine, StringComparison.Ordinal);
        Assert.Equal("open", await page.EvaluateAsync<string>("() => window.dc.readyState"));

        // With mDNS names the driver asks Chromium's responder (DataChannelMdnsInteropTests measures it); a resolved name
        // turns the peer-reflexive candidate its checks taught us (RFC 8445 §7.3.1.3) into its host candidate, an
        // unresolved one leaves it peer-reflexive. With IP literals it is the host candidate from the start.
        var names = await ours.RemoteNamesResolved.WaitAsync(cts.Token);
        var (remoteType, remoteEndPoint) = await ours.InspectAsync(pc =>
            (pc.Ice.SelectedPair?.Remote.Type, pc.Ice.SelectedPair?.RemoteEndPoint));
        output.WriteLine($"our selected pair: remote {remoteType} {remoteEndPoint}; names {string.Join(", ", names.Select(n => $"{n.Key} → {n.Value}"))}");
        Assert.Equal(candidates == HostCandidates.Mdns ? 1 : 0, names.Count);
        Assert.Equal(names.Values.Any(a => a is null) ? IceCandidateType.PeerReflexive : IceCandidateType.Host, remoteType);
        Assert.Equal(ns.HostAddress, remoteEndPoint?.Address.ToString());
        Assert.Equal("ordered reliable",
            await page.EvaluateAsync<string>(
                "() => (window.dc.ordered ? 'ordered' : 'unordered') + ' ' + " +
                "(window.dc.maxRetransmits === null && window.dc.maxPacketLifeTime === null ? 'reliable' : 'partial')"));

        foreach (int size in new[] { 64 * 1024, 256 * 1024 })
        {
            await OursToChromiumMessageAsync(page, channel, size, cts.Token);
            await ChromiumToOursMessageAsync(page, channel, size, cts.Token);
        }

        double oursToChromium = await OursToPageBulkAsync(new PlaywrightBrowserPage(page), channel, cts.Token);
        double chromiumToOurs = await PageToOursBulkAsync(new PlaywrightBrowserPage(page), channel, cts.Token);
        output.WriteLine($"{BulkBytes / 1_000_000} MB by SHA-256: ours → Chromium {oursToChromium:F0} Mbit/s, " +
                         $"Chromium → ours {chromiumToOurs:F0} Mbit/s");

        var closing = Stopwatch.StartNew();
        if (closer == Closer.Chromium)
        {
            await page.EvaluateAsync("() => window.dc.close()");
            await channel.Completion.WaitAsync(TimeSpan.FromSeconds(10), cts.Token);
            await Assert.ThrowsAsync<ChannelClosedException>(async () => await channel.ReceiveAsync(cts.Token));
        }
        else
        {
            await channel.CloseAsync(cts.Token).WaitAsync(TimeSpan.FromSeconds(10), cts.Token);
            Assert.Equal("closed",
                await page.EvaluateAsync<string>("() => window.channelClosed").WaitAsync(TimeSpan.FromSeconds(10), cts.Token));
        }
        output.WriteLine($"{closer} closed the channel; the other side saw it after {closing.ElapsedMilliseconds} ms");
    }

    internal static Task OursToChromiumMessageAsync(IPage page, UdpDataChannel channel, int size, CancellationToken ct) =>
        OursToPageMessageAsync(new PlaywrightBrowserPage(page), channel, size, ct);

    internal static Task ChromiumToOursMessageAsync(IPage page, UdpDataChannel channel, int size, CancellationToken ct) =>
        PageToOursMessageAsync(new PlaywrightBrowserPage(page), channel, size, ct);
}
