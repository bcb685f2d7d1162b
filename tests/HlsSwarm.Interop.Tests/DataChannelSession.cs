using System.Diagnostics;
using System.Net;
using HlsSwarm.Testing;
using HlsSwarm.WebRtc.Connection;
using HlsSwarm.WebRtc.Udp;
using Microsoft.Playwright;

namespace HlsSwarm.Interop.Tests;

/// <summary>
/// One connected session between Chromium (a page in its own namespace) and our <see cref="UdpPeerConnection"/>, set up
/// the way <see cref="DataChannelInteropTests"/> does it (no-trickle signalling through Playwright, one ordered reliable
/// channel named <see cref="DataChannelInteropTests.Label"/>), for the lifecycle tests that build on it.
/// </summary>
internal sealed class DataChannelSession : IAsyncDisposable
{
    private DataChannelSession(NetworkNamespace ns, ChromiumInNamespace chromium, IBrowserContext context, IPage page, UdpPeerConnection ours)
    {
        Namespace = ns;
        Chromium = chromium;
        Context = context;
        Page = page;
        Ours = ours;
    }

    public NetworkNamespace Namespace { get; }

    public ChromiumInNamespace Chromium { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public UdpPeerConnection Ours { get; }

    /// <summary>Our end of the first channel.</summary>
    public UdpDataChannel Channel { get; private set; } = null!;

    public string BrowserSdp { get; private set; } = "";

    public TimeSpan SetupTime { get; private set; }

    public static async Task<DataChannelSession> StartAsync(
        DataChannelInteropTests.Offerer offerer, HostCandidates candidates, CancellationToken ct, PeerConnectionOptions? peer = null)
    {
        var ns = NetworkNamespace.Create();
        ChromiumInNamespace? chromium = null;
        UdpPeerConnection? ours = null;
        try
        {
            chromium = await ChromiumInNamespace.LaunchAsync(ns, candidates);
            IBrowserContext context = await chromium.Browser.NewContextAsync();
            IPage page = await OpenPageAsync(context);
            ours = ns.RunInside(() => new UdpPeerConnection(new UdpPeerConnectionOptions
            {
                LocalEndPoint = new IPEndPoint(IPAddress.Parse(ns.HostAddress), 0),
                Peer = (peer ?? new PeerConnectionOptions()) with { Offerer = offerer == DataChannelInteropTests.Offerer.Ours },
            }));
            var session = new DataChannelSession(ns, chromium, context, page, ours);
            await session.ConnectAsync(offerer, ct);
            return session;
        }
        catch
        {
            if (ours is not null)
            {
                await ours.DisposeAsync();
            }
            if (chromium is not null)
            {
                await chromium.DisposeAsync();
            }
            ns.Dispose();
            throw;
        }
    }

    /// <summary>Resets the page's promise for the current channel's close event.</summary>
    public Task ExpectCloseAsync() =>
        Page.EvaluateAsync("() => { window.channelClosed = new Promise(r => window.onChannelClosed = r); }");

    public async ValueTask DisposeAsync()
    {
        await Ours.DisposeAsync();
        await Context.DisposeAsync();
        await Chromium.DisposeAsync();
        Namespace.Dispose();
    }

    /// <summary>
    /// Opens a page of <paramref name="context"/> ready for <see cref="ConnectAsync(IPage, UdpPeerConnection,
    /// DataChannelInteropTests.Offerer, CancellationToken, Stopwatch?)"/>: the page script of
    /// <see cref="DataChannelInteropTests.PageSetup"/> on http://localhost.
    /// </summary>
    public static async Task<IPage> OpenPageAsync(IBrowserContext context)
    {
        IPage page = await context.NewPageAsync();
        // crypto.subtle needs a secure context, which about:blank is not; http://localhost is one, and Playwright
        // answers it itself, so nothing leaves the namespace.
        await page.RouteAsync("http://localhost/", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = "<!doctype html><title>interop</title>",
        }));
        await page.GotoAsync("http://localhost/");
        await page.EvaluateAsync(DataChannelInteropTests.PageSetup);
        return page;
    }

    /// <summary>
    /// Connects <paramref name="ours"/> to the page's peer connection with no-trickle signalling through Playwright,
    /// <paramref name="offerer"/> creating the offer, and waits until the channel is open on both sides.
    /// </summary>
    /// <param name="inChromium">When given, runs only while Chromium creates its description and gathers.</param>
    /// <returns>Our end of the channel and Chromium's description (its offer or its answer).</returns>
    public static async Task<(UdpDataChannel Channel, string BrowserSdp)> ConnectAsync(
        IPage page, UdpPeerConnection ours, DataChannelInteropTests.Offerer offerer, CancellationToken ct, Stopwatch? inChromium = null)
    {
        string browserSdp;
        UdpDataChannel channel;
        if (offerer == DataChannelInteropTests.Offerer.Chromium)
        {
            inChromium?.Start();
            browserSdp = await page.EvaluateAsync<string>(DataChannelInteropTests.CreateOffer, DataChannelInteropTests.Label);
            inChromium?.Stop();
            channel = await ours.AcceptAsync(browserSdp, (answer, _) =>
                page.EvaluateAsync("a => window.pc.setRemoteDescription({ type: 'answer', sdp: a })", answer), ct);
        }
        else
        {
            string? answerSdp = null;
            channel = await ours.ConnectAsync(async (offer, _) =>
            {
                inChromium?.Start();
                answerSdp = await page.EvaluateAsync<string>(DataChannelInteropTests.CreateAnswer, offer);
                inChromium?.Stop();
                return answerSdp;
            }, DataChannelInteropTests.Label, ct);
            browserSdp = answerSdp!;
        }
        await page.EvaluateAsync("() => window.opened").WaitAsync(ct);
        return (channel, browserSdp);
    }

    private async Task ConnectAsync(DataChannelInteropTests.Offerer offerer, CancellationToken ct)
    {
        var setup = Stopwatch.StartNew();
        (Channel, BrowserSdp) = await ConnectAsync(Page, Ours, offerer, ct);
        SetupTime = setup.Elapsed;
    }
}
