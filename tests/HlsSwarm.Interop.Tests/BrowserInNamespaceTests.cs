using HlsSwarm.Testing;
using Microsoft.Playwright;
using Xunit;

namespace HlsSwarm.Interop.Tests;

/// <summary>
/// Proves the harness on its own, before any HlsSwarm code is involved: Chromium runs inside our network
/// namespace, and two of its contexts (two independent viewers) open a WebRTC data channel to each other,
/// with the offer and answer carried by the test through Playwright.
/// </summary>
public sealed class BrowserInNamespaceTests
{
    private const string CreateOfferer = """
        async () => {
          const pc = new RTCPeerConnection();
          window.pc = pc;
          window.received = new Promise(resolve => {
            const dc = pc.createDataChannel('probe');
            window.dc = dc;
            dc.onmessage = e => resolve(e.data);
            dc.onopen = () => dc.send('hello from A');
          });
          await pc.setLocalDescription(await pc.createOffer());
          await new Promise(r => pc.iceGatheringState === 'complete' ? r() :
            pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r()));
          return pc.localDescription.sdp;
        }
        """;

    private const string CreateAnswerer = """
        async (offer) => {
          const pc = new RTCPeerConnection();
          window.pc = pc;
          window.received = new Promise(resolve => {
            pc.ondatachannel = e => {
              e.channel.onmessage = m => { e.channel.send('hello from B'); resolve(m.data); };
            };
          });
          await pc.setRemoteDescription({ type: 'offer', sdp: offer });
          await pc.setLocalDescription(await pc.createAnswer());
          await new Promise(r => pc.iceGatheringState === 'complete' ? r() :
            pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r()));
          return pc.localDescription.sdp;
        }
        """;

    [Theory(Timeout = 60_000)]
    [InlineData(HostCandidates.Mdns)]
    [InlineData(HostCandidates.IpLiterals)]
    public async Task Two_contexts_open_a_data_channel_inside_the_namespace(HostCandidates candidates)
    {
        using var ns = NetworkNamespace.Create();
        await using var chromium = await ChromiumInNamespace.LaunchAsync(ns, candidates);
        await using IBrowserContext contextA = await chromium.Browser.NewContextAsync();
        await using IBrowserContext contextB = await chromium.Browser.NewContextAsync();
        IPage a = await contextA.NewPageAsync();
        IPage b = await contextB.NewPageAsync();

        string offer = await a.EvaluateAsync<string>(CreateOfferer);
        string answer = await b.EvaluateAsync<string>(CreateAnswerer, offer);
        await a.EvaluateAsync("answer => window.pc.setRemoteDescription({ type: 'answer', sdp: answer })", answer);

        string atB = await b.EvaluateAsync<string>("() => window.received");
        string atA = await a.EvaluateAsync<string>("() => window.received");
        Assert.Equal("hello from A", atB);
        Assert.Equal("hello from B", atA);

        // The candidates are the kind we asked for, on the namespace's veth address.
        string hostCandidate = offer.Split("\r\n").First(l => l.StartsWith("a=candidate:", StringComparison.Ordinal));
        if (candidates == HostCandidates.Mdns)
        {
            Assert.Contains(".local ", hostCandidate, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($" {ns.HostAddress} ", hostCandidate, StringComparison.Ordinal);
        }
    }
}
