using System.Diagnostics;
using System.Globalization;
using System.Net;
using HlsSwarm.Chromium;
using HlsSwarm.WebRtc.Connection;
using HlsSwarm.WebRtc.Udp;
using Microsoft.Playwright;

namespace HlsSwarm.Cli.Bench;

/// <summary>
/// Our stack against headless Chromium, and Chromium against itself, in the same run: a network namespace (Chromium
/// gathers no candidate on loopback), Chromium launched inside it through Playwright, our
/// <see cref="UdpPeerConnection"/> bound to the namespace's address, no-trickle signalling through Playwright (as
/// simple-peer does), one ordered reliable channel as p2p-media-loader opens it. Chromium writes IP-literal host
/// candidates here, so that its two RTCPeerConnections reach each other without mDNS.
/// </summary>
internal static class ChromiumDataChannelBench
{
    private const string Label = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c";

    /// <summary>Set-ups timed per role after the first (cold) one.</summary>
    private const int SetupRounds = 5;

    /// <summary>Page side: helpers for one channel to our stack, bulk sending with bounded bufferedAmount, counting.</summary>
    private const string PageSetup = """
        () => {
          window.gathered = pc => new Promise(r => pc.iceGatheringState === 'complete' ? r() :
            pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r()));
          window.opened = dc => new Promise(r => dc.readyState === 'open' ? r() : dc.addEventListener('open', () => r(), { once: true }));
          window.attach = dc => { dc.binaryType = 'arraybuffer'; window.dc = dc; window.dcOpen = window.opened(dc); };
          window.countUntilEnd = dc => new Promise(resolve => {
            let bytes = 0, messages = 0;
            dc.onmessage = e => {
              if (typeof e.data === 'string') { dc.onmessage = null; resolve(bytes + ' ' + messages); }
              else { bytes += e.data.byteLength; messages++; }
            };
          });
          window.sendBulk = async (dc, total, size) => {
            const message = new Uint8Array(size);
            for (let i = 0; i < size; i += 65536) crypto.getRandomValues(message.subarray(i, Math.min(size, i + 65536)));
            dc.bufferedAmountLowThreshold = 2 << 20;
            for (let sent = 0; sent < total; sent += size) {
              while (dc.bufferedAmount > (8 << 20)) {
                await new Promise(r => dc.addEventListener('bufferedamountlow', r, { once: true }));
              }
              dc.send(message);
            }
            dc.send('end');
          };
        }
        """;

    private const string CreateOffer = """
        async label => {
          if (window.pc) window.pc.close();
          const pc = new RTCPeerConnection();
          window.pc = pc;
          window.attach(pc.createDataChannel(label));
          await pc.setLocalDescription(await pc.createOffer());
          await window.gathered(pc);
          return pc.localDescription.sdp;
        }
        """;

    private const string CreateAnswer = """
        async offer => {
          if (window.pc) window.pc.close();
          const pc = new RTCPeerConnection();
          window.pc = pc;
          window.channel = new Promise(r => pc.ondatachannel = e => { window.attach(e.channel); r(e.channel.label); });
          await pc.setRemoteDescription({ type: 'offer', sdp: offer });
          await pc.setLocalDescription(await pc.createAnswer());
          await window.gathered(pc);
          return pc.localDescription.sdp;
        }
        """;

    /// <summary>Two RTCPeerConnections in this page; returns "bytes messages milliseconds" timed in the page.</summary>
    private const string ChromiumToChromium = """
        async ([total, size]) => {
          const a = new RTCPeerConnection(), b = new RTCPeerConnection();
          try {
            const sending = a.createDataChannel('bench');
            const receiving = new Promise(r => b.ondatachannel = e => { e.channel.binaryType = 'arraybuffer'; r(e.channel); });
            await a.setLocalDescription(await a.createOffer());
            await window.gathered(a);
            await b.setRemoteDescription(a.localDescription);
            await b.setLocalDescription(await b.createAnswer());
            await window.gathered(b);
            await a.setRemoteDescription(b.localDescription);
            const dc = await receiving;
            await window.opened(sending);
            await window.opened(dc);
            const counted = window.countUntilEnd(dc);
            const start = performance.now();
            await window.sendBulk(sending, total, size);
            const result = await counted;
            return result + ' ' + (performance.now() - start);
          } finally {
            a.close();
            b.close();
          }
        }
        """;

    /// <summary>Why Chromium cannot run here, or null when it can (Linux, root, iproute2, Debian's chromium).</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "needs Linux network namespaces";
        }
        if (!Environment.IsPrivilegedProcess)
        {
            return "creating a network namespace needs root (CAP_SYS_ADMIN): run as root";
        }
        if (!File.Exists("/usr/sbin/ip"))
        {
            return "iproute2 not found (/usr/sbin/ip): apt-get install iproute2";
        }
        if (!File.Exists(ChromiumInNamespace.ChromiumPath))
        {
            return $"chromium not found at {ChromiumInNamespace.ChromiumPath}: apt-get install chromium";
        }
        return null;
    }

    /// <summary>Runs the Chromium measurements; failures come back as a <see cref="ChromiumResult"/> with a note.</summary>
    public static async Task<ChromiumResult> RunAsync(DataChannelBenchSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        if (Unavailable() is { } reason)
        {
            return new ChromiumResult(reason);
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromMinutes(10));
        try
        {
            return await MeasureAsync(settings, progress, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or PlaywrightException or PeerConnectionException
                                      or InvalidDataException or TimeoutException or OperationCanceledException)
        {
            return new ChromiumResult($"failed: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}") { Failed = true };
        }
    }

    private static async Task<ChromiumResult> MeasureAsync(DataChannelBenchSettings settings, TextWriter progress, CancellationToken ct)
    {
        // A namespace or a browser that cannot be made here means "not available" (null figures, exit 0), like a
        // missing root or chromium; failures after that are failures of the measurement.
        NetworkNamespace ns;
        try
        {
            ns = NetworkNamespace.Create();
        }
        catch (Exception e) when (e is InvalidOperationException or PlatformNotSupportedException or System.ComponentModel.Win32Exception)
        {
            return new ChromiumResult($"no network namespace: {e.Message.ReplaceLineEndings(" ")}");
        }
        using var namespaceScope = ns;
        ChromiumInNamespace chromium;
        try
        {
            chromium = await ChromiumInNamespace.LaunchAsync(ns, HostCandidates.IpLiterals).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or PlatformNotSupportedException or PlaywrightException)
        {
            return new ChromiumResult($"Chromium did not start: {e.Message.ReplaceLineEndings(" ")}");
        }
        await using var browserScope = chromium;
        await using var context = await chromium.Browser.NewContextAsync().ConfigureAwait(false);
        var page = await context.NewPageAsync().ConfigureAwait(false);
        // A secure context (as players have) that Playwright answers itself, so nothing leaves the namespace.
        await page.RouteAsync("http://localhost/", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = "<!doctype html><title>hlsswarm bench datachannel</title>",
        })).ConfigureAwait(false);
        await page.GotoAsync("http://localhost/").ConfigureAwait(false);
        await page.EvaluateAsync(PageSetup).ConfigureAwait(false);
        await progress.WriteLineAsync($"[bench] Chromium {chromium.Browser.Version} in network namespace {ns.Name} ({ns.HostAddress})").ConfigureAwait(false);

        var chromiumOffers = new List<double>();
        var offersReady = new List<double>();
        for (var i = 0; i <= SetupRounds; i++)
        {
            var (connection, _, ms, offerMs) = await ConnectAsync(ns, page, oursOffer: false, ct).ConfigureAwait(false);
            chromiumOffers.Add(ms);
            offersReady.Add(offerMs);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        var oursOffers = new List<double>();
        UdpPeerConnection? kept = null;
        UdpDataChannel? channel = null;
        try
        {
            for (var i = 0; i <= SetupRounds; i++)
            {
                if (kept is not null)
                {
                    await kept.DisposeAsync().ConfigureAwait(false);
                }
                double ms;
                (kept, channel, ms, _) = await ConnectAsync(ns, page, oursOffer: true, ct).ConfigureAwait(false);
                oursOffers.Add(ms);
            }
            var setupOurs = new SetupTimes(oursOffers[0], oursOffers[1..]);
            var setupChromium = new SetupTimes(chromiumOffers[0], chromiumOffers[1..]);
            var offerReady = new SetupTimes(offersReady[0], offersReady[1..]);
            await progress.WriteLineAsync(
                $"[bench] set-up with Chromium: we offer p50 {setupOurs.P50:0.0} ms (first {setupOurs.ColdMs:0.0}), " +
                $"Chromium offers p50 {setupChromium.P50:0.0} ms (first {setupChromium.ColdMs:0.0}), of which its offer with gathered candidates took p50 {offerReady.P50:0.0} ms").ConfigureAwait(false);

            var bytes = settings.ChromiumBytes;
            var size = DataChannelBenchSettings.LargeMessage;
            var maxTime = TimeSpan.FromSeconds(Math.Max(settings.Seconds, 30));
            await OursToChromiumAsync(page, channel!, size, settings.WarmUpBytes, maxTime, ct).ConfigureAwait(false);
            var oursToChromium = await OursToChromiumAsync(page, channel!, size, bytes, maxTime, ct).ConfigureAwait(false);
            await progress.WriteLineAsync($"[bench] ours → Chromium: {oursToChromium.Mbps:0} Mbit/s ({oursToChromium.Bytes / 1e6:0} MB in {oursToChromium.Seconds:0.00} s)").ConfigureAwait(false);
            await ChromiumToOursAsync(page, channel!, size, settings.WarmUpBytes, ct).ConfigureAwait(false);
            var chromiumToOurs = await ChromiumToOursAsync(page, channel!, size, bytes, ct).ConfigureAwait(false);
            await progress.WriteLineAsync($"[bench] Chromium → ours: {chromiumToOurs.Mbps:0} Mbit/s ({chromiumToOurs.Bytes / 1e6:0} MB in {chromiumToOurs.Seconds:0.00} s)").ConfigureAwait(false);
            await ChromiumToChromiumAsync(page, size, settings.WarmUpBytes, ct).ConfigureAwait(false);
            var chromiumToChromium = await ChromiumToChromiumAsync(page, size, bytes, ct).ConfigureAwait(false);
            await progress.WriteLineAsync($"[bench] Chromium → Chromium: {chromiumToChromium.Mbps:0} Mbit/s ({chromiumToChromium.Bytes / 1e6:0} MB in {chromiumToChromium.Seconds:0.00} s)").ConfigureAwait(false);
            return new ChromiumResult(null, chromium.Browser.Version, oursToChromium, chromiumToOurs, chromiumToChromium, setupOurs, setupChromium)
            {
                ChromiumOfferReady = offerReady,
            };
        }
        finally
        {
            if (kept is not null)
            {
                await kept.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// One connection between our stack and the page, timed from the offer's creation to the channel open on both
    /// sides; when Chromium offers, also until its offer (with gathered candidates) was ready.
    /// </summary>
    private static async Task<(UdpPeerConnection Connection, UdpDataChannel Channel, double Ms, double OfferMs)> ConnectAsync(
        NetworkNamespace ns, IPage page, bool oursOffer, CancellationToken ct)
    {
        // Our socket must live in the namespace and bind its veth address: that is where Chromium's checks go.
        var ours = ns.RunInside(() => new UdpPeerConnection(new UdpPeerConnectionOptions
        {
            LocalEndPoint = new IPEndPoint(IPAddress.Parse(ns.HostAddress), 0),
            Peer = new PeerConnectionOptions { Offerer = oursOffer },
        }));
        try
        {
            var clock = Stopwatch.StartNew();
            var offerMs = 0.0;
            UdpDataChannel channel;
            if (oursOffer)
            {
                channel = await ours.ConnectAsync(async (offer, _) =>
                    await page.EvaluateAsync<string>(CreateAnswer, offer).ConfigureAwait(false), Label, ct).ConfigureAwait(false);
                await page.EvaluateAsync("() => window.channel.then(() => window.dcOpen)").WaitAsync(ct).ConfigureAwait(false);
            }
            else
            {
                var offer = await page.EvaluateAsync<string>(CreateOffer, Label).ConfigureAwait(false);
                offerMs = clock.Elapsed.TotalMilliseconds;
                channel = await ours.AcceptAsync(offer, (answer, _) =>
                    page.EvaluateAsync("a => window.pc.setRemoteDescription({ type: 'answer', sdp: a })", answer), ct).ConfigureAwait(false);
                await page.EvaluateAsync("() => window.dcOpen").WaitAsync(ct).ConfigureAwait(false);
            }
            clock.Stop();
            return (ours, channel, clock.Elapsed.TotalMilliseconds, offerMs);
        }
        catch
        {
            await ours.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Our stack sends; timed from our first send until the page has counted the end marker.</summary>
    private static async Task<ThroughputResult> OursToChromiumAsync(IPage page, UdpDataChannel channel, int size, long bytes,
        TimeSpan maxTime, CancellationToken ct)
    {
        await page.EvaluateAsync("() => { window.counted = window.countUntilEnd(window.dc); }").ConfigureAwait(false);
        var message = new byte[size];
        new Random(size).NextBytes(message);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        long messages = 0;
        while (sent < bytes && clock.Elapsed < maxTime)
        {
            await channel.SendAsync(message, ct).ConfigureAwait(false);
            sent += size;
            messages++;
        }
        await channel.SendTextAsync(BulkTransfer.EndMarker, ct).ConfigureAwait(false);
        var counted = await page.EvaluateAsync<string>("() => window.counted").WaitAsync(ct).ConfigureAwait(false);
        clock.Stop();
        var fields = counted.Split(' ');
        var received = long.Parse(fields[0], CultureInfo.InvariantCulture);
        if (received != sent || long.Parse(fields[1], CultureInfo.InvariantCulture) != messages)
        {
            throw new InvalidDataException($"Chromium counted {counted} (bytes messages); we sent {sent} bytes in {messages} messages");
        }
        return new ThroughputResult(received, messages, clock.Elapsed.TotalSeconds, 0);
    }

    /// <summary>Chromium sends; timed from the call until our stack has the end marker.</summary>
    private static async Task<ThroughputResult> ChromiumToOursAsync(IPage page, UdpDataChannel channel, int size, long bytes, CancellationToken ct)
    {
        var messages = (bytes + size - 1) / size;
        var clock = Stopwatch.StartNew();
        var sending = page.EvaluateAsync("([total, size]) => window.sendBulk(window.dc, total, size)", new[] { messages * size, size });
        var (received, count) = await BulkTransfer.ReceiveAsync(channel, size, checkSequence: false, ct).ConfigureAwait(false);
        clock.Stop();
        await sending.WaitAsync(ct).ConfigureAwait(false);
        if (count != messages)
        {
            throw new InvalidDataException($"Chromium sent {messages} messages, {count} arrived");
        }
        return new ThroughputResult(received, count, clock.Elapsed.TotalSeconds, 0);
    }

    private static async Task<ThroughputResult> ChromiumToChromiumAsync(IPage page, int size, long bytes, CancellationToken ct)
    {
        var messages = (bytes + size - 1) / size;
        var result = await page.EvaluateAsync<string>(ChromiumToChromium, new[] { messages * size, size }).WaitAsync(ct).ConfigureAwait(false);
        var fields = result.Split(' ');
        var received = long.Parse(fields[0], CultureInfo.InvariantCulture);
        var count = long.Parse(fields[1], CultureInfo.InvariantCulture);
        if (count != messages)
        {
            throw new InvalidDataException($"Chromium → Chromium: {messages} messages sent, {count} arrived");
        }
        return new ThroughputResult(received, count, double.Parse(fields[2], CultureInfo.InvariantCulture) / 1000, 0);
    }
}
