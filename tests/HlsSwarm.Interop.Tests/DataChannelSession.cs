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
            IPage page = await context.NewPageAsync();

            // crypto.subtle needs a secure context; Playwright answers http://localhost itself.
            await page.RouteAsync("http://localhost/", route => route.FulfillAsync(new RouteFulfillOptions
            {
                ContentType = "text/html",
                Body = "<!doctype html><title>interop</title>",
            }));
            await page.GotoAsync("http://localhost/");
            await page.EvaluateAsync(DataChannelInteropTests.PageSetup);
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

    private async Task ConnectAsync(DataChannelInteropTests.Offerer offerer, CancellationToken ct)
    {
        var setup = Stopwatch.StartNew();
        if (offerer == DataChannelInteropTests.Offerer.Chromium)
        {
            BrowserSdp = await Page.EvaluateAsync<string>(DataChannelInteropTests.CreateOffer, DataChannelInteropTests.Label);
            Channel = await Ours.AcceptAsync(BrowserSdp, (answer, _) =>
                Page.EvaluateAsync("a => window.pc.setRemoteDescription({ type: 'answer', sdp: a })", answer), ct);
        }
        else
        {
            string? answerSdp = null;
            Channel = await Ours.ConnectAsync(async (offer, _) =>
                answerSdp = await Page.EvaluateAsync<string>(DataChannelInteropTests.CreateAnswer, offer),
                DataChannelInteropTests.Label, ct);
            BrowserSdp = answerSdp!;
        }
        await Page.EvaluateAsync("() => window.opened").WaitAsync(ct);
        SetupTime = setup.Elapsed;
    }
}
