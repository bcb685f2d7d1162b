using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Channels;
using HlsSwarm.WebRtc.Connection;
using HlsSwarm.WebRtc.Ice;
using HlsSwarm.WebRtc.Udp;
using Xunit;
using static HlsSwarm.Interop.Tests.DataChannelTransfers;
using Xunit.Abstractions;

namespace HlsSwarm.Interop.Tests;

/// <summary>
/// Our managed WebRTC stack (<see cref="UdpPeerConnection"/>) against a real Firefox ESR (its SCTP is usrsctp, where
/// Chromium's is dcsctp) inside a network namespace, in both roles, with IP-literal host candidates and with Firefox's
/// default mDNS names. Firefox has no automation protocol Playwright can use, so it opens a <see cref="ScriptedPage"/>
/// served inside the namespace and runs the same page scripts as <see cref="DataChannelInteropTests"/>: no-trickle
/// signalling, one ordered reliable channel with a 40-hex label, 64 and 256 KiB messages and 50 MB each way by SHA-256,
/// then a close from one side seen by the other.
/// </summary>
[Collection(BrowserSwarmCollection.Name)]
public sealed class FirefoxDataChannelInteropTests(ITestOutputHelper output)
{
    /// <summary>
    /// Records when Firefox's ICE, connection and channel states change (epoch ms, the test's clock), to tell Firefox's
    /// share of the set-up time from ours.
    /// </summary>
    private const string RecordTimeline = """
        () => {
          window.timeline = [];
          const mark = what => window.timeline.push(Date.now() + ' ' + what);
          const Native = window.RTCPeerConnection;
          window.RTCPeerConnection = function (config) {
            const pc = new Native(config);
            pc.addEventListener('iceconnectionstatechange', () => mark('ice ' + pc.iceConnectionState));
            pc.addEventListener('connectionstatechange', () => mark('connection ' + pc.connectionState));
            pc.addEventListener('datachannel', () => mark('datachannel event'));
            return pc;
          };
          const attach = window.attach;
          window.attach = dc => { attach(dc); dc.addEventListener('open', () => mark('channel open')); };
        }
        """;

    public enum Side
    {
        Firefox,
        Ours,
    }

    // As for Chromium: each role is closed once from each side across the candidate kinds.
    [Theory(Timeout = 90_000)]
    [InlineData(Side.Firefox, HostCandidates.IpLiterals, Side.Firefox)]
    [InlineData(Side.Ours, HostCandidates.IpLiterals, Side.Ours)]
    [InlineData(Side.Firefox, HostCandidates.Mdns, Side.Ours)]
    [InlineData(Side.Ours, HostCandidates.Mdns, Side.Firefox)]
    public async Task Firefox_and_our_stack_exchange_messages_and_see_each_others_close(
        Side offerer, HostCandidates candidates, Side closer)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(85));
        CancellationToken ct = cts.Token;
        using var ns = NetworkNamespace.Create();
        await using var page = ScriptedPage.Start(ns);
        var launch = Stopwatch.StartNew();
        await using var firefox = FirefoxInNamespace.Launch(ns, ScriptedPage.Url, candidates);
        try
        {
            await page.Loaded.WaitAsync(TimeSpan.FromSeconds(30), ct);
            output.WriteLine($"Firefox (pid {firefox.ProcessId}) loaded the page after {launch.ElapsedMilliseconds} ms");
            await page.EvaluateAsync(DataChannelInteropTests.PageSetup, ct);
            await page.EvaluateAsync(RecordTimeline, ct);
            await RunAsync(page, ns, offerer, candidates, closer, ct);
        }
        catch
        {
            output.WriteLine("Firefox's output:\n" + firefox.Output);
            throw;
        }
    }

    private async Task RunAsync(ScriptedPage page, NetworkNamespace ns, Side offerer, HostCandidates candidates, Side closer, CancellationToken ct)
    {
        // Our socket must live in the namespace and bind its veth address: that is where Firefox's checks go.
        await using var ours = ns.RunInside(() => new UdpPeerConnection(new UdpPeerConnectionOptions
        {
            LocalEndPoint = new IPEndPoint(IPAddress.Parse(ns.HostAddress), 0),
            Peer = new PeerConnectionOptions { Offerer = offerer == Side.Ours },
        }));

        try
        {
            await ConnectTransferAndCloseAsync(page, ns, ours, offerer, candidates, closer, ct);
        }
        catch
        {
            await WriteDiagnosticsAsync(page, ours);
            throw;
        }
    }

    private async Task ConnectTransferAndCloseAsync(
        ScriptedPage page, NetworkNamespace ns, UdpPeerConnection ours, Side offerer, HostCandidates candidates, Side closer, CancellationToken ct)
    {
        var setup = Stopwatch.StartNew();
        var inFirefox = new Stopwatch();
        string browserSdp;
        UdpDataChannel channel;
        long exchanged = 0; // when the second description was handed over (the answer to Firefox, or ours got it)
        if (offerer == Side.Firefox)
        {
            inFirefox.Start();
            browserSdp = await page.EvaluateAsync<string>(DataChannelInteropTests.CreateOffer, DataChannelInteropTests.Label, ct);
            inFirefox.Stop();
            exchanged = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            channel = await ours.AcceptAsync(browserSdp, async (answer, c) =>
            {
                exchanged = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                await page.EvaluateAsync("a => window.pc.setRemoteDescription({ type: 'answer', sdp: a })", answer, c);
            }, ct);
        }
        else
        {
            string? answerSdp = null;
            channel = await ours.ConnectAsync(async (offer, c) =>
            {
                inFirefox.Start();
                answerSdp = await page.EvaluateAsync<string>(DataChannelInteropTests.CreateAnswer, offer, c);
                inFirefox.Stop();
                exchanged = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                return answerSdp;
            }, DataChannelInteropTests.Label, ct);
            browserSdp = answerSdp!;
        }
        long oursOpen = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await page.EvaluateAsync("() => window.opened", ct);
        if (offerer == Side.Ours)
        {
            Assert.Equal(DataChannelInteropTests.Label, await page.EvaluateAsync<string>("() => window.channel", ct));
        }
        setup.Stop();
        output.WriteLine($"{offerer} offers, {candidates}: channel open on both sides after {setup.ElapsedMilliseconds} ms, " +
                         $"of which {inFirefox.ElapsedMilliseconds} ms in Firefox creating its description and gathering");
        output.WriteLine($"after the answer was handed over: our channel open at +{oursOpen - exchanged} ms; Firefox: " +
                         string.Join(", ", (await page.EvaluateAsync<string[]>("() => window.timeline", ct))
                             .Select(e => e.Split(' ', 2)).Select(e => $"{e[1]} +{long.Parse(e[0], System.Globalization.CultureInfo.InvariantCulture) - exchanged} ms")));
        foreach (string line in browserSdp.Split("\r\n").Where(l =>
                     l.StartsWith("a=candidate:", StringComparison.Ordinal) || l.StartsWith("a=sctp", StringComparison.Ordinal) ||
                     l.StartsWith("a=max-message-size", StringComparison.Ordinal) || l.StartsWith("m=", StringComparison.Ordinal)))
        {
            output.WriteLine($"Firefox's SDP: {line}");
        }
        Assert.Equal(DataChannelInteropTests.Label, channel.Label);

        string udpCandidate = browserSdp.Split("\r\n").First(l =>
            l.StartsWith("a=candidate:", StringComparison.Ordinal) && l.Contains(" UDP ", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(candidates == HostCandidates.Mdns ? ".local " : $" {ns.HostAddress} ", udpCandidate, StringComparison.Ordinal);
        Assert.Equal("open", await page.EvaluateAsync<string>("() => window.dc.readyState", ct));

        var names = await ours.RemoteNamesResolved.WaitAsync(ct);
        var (remoteType, remoteEndPoint) = await ours.InspectAsync(pc =>
            (pc.Ice.SelectedPair?.Remote.Type, pc.Ice.SelectedPair?.RemoteEndPoint));
        output.WriteLine($"our selected pair: remote {remoteType} {remoteEndPoint}; names {string.Join(", ", names.Select(n => $"{n.Key} → {n.Value}"))}");
        Assert.Equal(candidates == HostCandidates.Mdns ? 1 : 0, names.Count);
        Assert.Equal(names.Values.Any(a => a is null) ? IceCandidateType.PeerReflexive : IceCandidateType.Host, remoteType);
        Assert.Equal(ns.HostAddress, remoteEndPoint?.Address.ToString());
        Assert.Equal("ordered reliable",
            await page.EvaluateAsync<string>(
                "() => (window.dc.ordered ? 'ordered' : 'unordered') + ' ' + " +
                "(window.dc.maxRetransmits === null && window.dc.maxPacketLifeTime === null ? 'reliable' : 'partial')", ct));
        // RFC 8841 §6: each side may send the other at most what the other announced. Firefox announces ~1 GiB
        // (Chromium 256 KiB) and takes our a=max-message-size as its sending limit.
        double firefoxSendLimit = await page.EvaluateAsync<double>("() => window.pc.sctp.maxMessageSize", ct);
        string announced = browserSdp.Split("\r\n").First(l => l.StartsWith("a=max-message-size:", StringComparison.Ordinal));
        int ourSendLimit = await ours.InspectAsync(pc => pc.DataChannels!.Association.RemoteMaxMessageSize);
        output.WriteLine($"Firefox's pc.sctp.maxMessageSize {firefoxSendLimit}; Firefox's {announced} → our sending limit {ourSendLimit}");
        Assert.Equal(new PeerConnectionOptions().MaxMessageSize, firefoxSendLimit);
        Assert.Equal(announced["a=max-message-size:".Length..], ourSendLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));

        foreach (int size in new[] { 64 * 1024, 256 * 1024 })
        {
            await OursToPageMessageAsync(page, channel, size, ct);
            await PageToOursMessageAsync(page, channel, size, ct);
        }

        double oursToFirefox = await OursToPageBulkAsync(page, channel, ct);
        double firefoxToOurs = await PageToOursBulkAsync(page, channel, ct);
        output.WriteLine($"{BulkBytes / 1_000_000} MB by SHA-256: ours → Firefox {oursToFirefox:F0} Mbit/s, " +
                         $"Firefox → ours {firefoxToOurs:F0} Mbit/s");

        var closing = Stopwatch.StartNew();
        if (closer == Side.Firefox)
        {
            await page.EvaluateAsync("() => window.dc.close()", ct);
            await channel.Completion.WaitAsync(TimeSpan.FromSeconds(10), ct);
            await Assert.ThrowsAsync<ChannelClosedException>(async () => await channel.ReceiveAsync(ct));
        }
        else
        {
            await channel.CloseAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
            Assert.Equal("closed",
                await page.EvaluateAsync<string>("() => window.channelClosed", ct).WaitAsync(TimeSpan.FromSeconds(10), ct));
        }
        output.WriteLine($"{closer} closed the channel; the other side saw it after {closing.ElapsedMilliseconds} ms");
    }

    /// <summary>Where a stalled transfer stopped: the page's view (if it still answers) and our association's.</summary>
    private async Task WriteDiagnosticsAsync(ScriptedPage page, UdpPeerConnection ours)
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            output.WriteLine("page: " + await page.EvaluateAsync<string>(
                "() => JSON.stringify({ state: window.dc && window.dc.readyState, buffered: window.dc && window.dc.bufferedAmount, " +
                "bulkReceived: window.bulk ? window.bulk.received : null, inbox: window.inbox.length, " +
                "ice: window.pc && window.pc.iceConnectionState, connection: window.pc && window.pc.connectionState, timeline: window.timeline })",
                quick.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            output.WriteLine($"page did not answer: {e.Message}");
        }
        output.WriteLine($"now: {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
        try
        {
            output.WriteLine("ours: " + await ours.InspectAsync(pc =>
            {
                var a = pc.DataChannels?.Association;
                var st = a?.Stats;
                return $"pc {pc.State}, ice {pc.Ice.Role} {pc.Ice.State} via {pc.Ice.SelectedPair}, pairs [{string.Join("; ", pc.Ice.Pairs)}], " +
                       $"consent checks {pc.Ice.ConsentChecksSent} answered {pc.Ice.ConsentResponses}, remote candidates {pc.Ice.RemoteCandidates.Count}, " +
                       $"dtls {pc.DtlsRole} {pc.DtlsTransport?.State}, sctp {a?.State}, buffered {a?.BufferedAmount}, packets sent {st?.PacketsSent} received {st?.PacketsReceived} " +
                       $"dropped {st?.PacketsDropped}, data chunks sent {st?.DataChunksSent}, T3 {st?.T3Expiries}, rtx timeout {st?.TimeoutRetransmissions} " +
                       $"fast {st?.FastRetransmissions}, zero-window probes {st?.ZeroWindowProbes}, SACKs sent {st?.SacksSent}, datagrams dropped {pc.DroppedDatagrams}";
            }).WaitAsync(TimeSpan.FromSeconds(3)));
        }
        catch (Exception e) when (e is TimeoutException or ObjectDisposedException or InvalidOperationException or PeerConnectionException)
        {
            output.WriteLine($"our connection did not answer: {e.Message}");
        }
    }
}
