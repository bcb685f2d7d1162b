using HlsSwarm.Testing;
using HlsSwarm.WebRtc.Udp;
using Xunit;
using Xunit.Abstractions;
using static HlsSwarm.Interop.Tests.DataChannelInteropTests;

namespace HlsSwarm.Interop.Tests;

/// <summary>
/// What happens to a connection between Chromium and our stack after the first channel: channels closed and opened
/// again on the same connection (RFC 8831 §6.7 stream reset, RFC 8832 §6 ids).
/// </summary>
[Collection(BrowserSwarmCollection.Name)]
public sealed class DataChannelLifecycleInteropTests(ITestOutputHelper output)
{
    [Theory(Timeout = 60_000)]
    [InlineData(Offerer.Chromium)]
    [InlineData(Offerer.Ours)]
    public async Task After_a_close_either_side_opens_a_new_channel_on_the_same_connection(Offerer offerer)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        await using var session = await DataChannelSession.StartAsync(offerer, HostCandidates.Mdns, cts.Token);
        var page = session.Page;
        var first = session.Channel;
        await OursToChromiumMessageAsync(page, first, 1000, cts.Token);
        await ChromiumToOursMessageAsync(page, first, 1000, cts.Token);

        // 1. Chromium closes the first channel, then opens a second one; Chromium picks the id (lowest free of its
        //    DTLS role's parity, so usually the one just released).
        await page.EvaluateAsync("() => window.dc.close()");
        await first.Completion.WaitAsync(TimeSpan.FromSeconds(10), cts.Token);
        Task<UdpDataChannel> accepting = session.Ours.AcceptChannelAsync(cts.Token);
        int chromiumId = await page.EvaluateAsync<int>(
            "async () => { window.attach(window.pc.createDataChannel('second')); await window.opened; return window.dc.id; }");
        UdpDataChannel second = await accepting.WaitAsync(TimeSpan.FromSeconds(10), cts.Token);
        output.WriteLine($"{offerer} offered; first channel id {first.Id}, Chromium reopened on id {chromiumId}");
        Assert.Equal(("second", chromiumId), (second.Label, (int)second.Id));
        // Chromium's ids: even when it is the DTLS client (it answered, RFC 8842 §5.3), odd when it offered.
        Assert.Equal(offerer == Offerer.Ours ? 0 : 1, chromiumId % 2);
        await OursToChromiumMessageAsync(page, second, 64 * 1024, cts.Token);
        await ChromiumToOursMessageAsync(page, second, 64 * 1024, cts.Token);

        // 2. We close the second channel, then open a third one: an id of our parity, the lowest free one.
        await session.ExpectCloseAsync();
        await second.CloseAsync(cts.Token).WaitAsync(TimeSpan.FromSeconds(10), cts.Token);
        Assert.Equal("closed", await page.EvaluateAsync<string>("() => window.channelClosed").WaitAsync(TimeSpan.FromSeconds(10), cts.Token));
        Task<string> atChromium = page.EvaluateAsync<string>(
            "() => new Promise(r => window.pc.ondatachannel = e => { window.attach(e.channel); r(e.channel.label + ' ' + e.channel.id); })");
        UdpDataChannel third = await session.Ours.OpenChannelAsync("third", cts.Token);
        Assert.Equal($"third {third.Id}", await atChromium.WaitAsync(TimeSpan.FromSeconds(10), cts.Token));
        await page.EvaluateAsync("() => window.opened").WaitAsync(cts.Token);
        output.WriteLine($"we opened id {third.Id}");

        // Our ids: odd when we are the DTLS server (we offered: Chromium answers active), even otherwise.
        Assert.Equal(offerer == Offerer.Ours ? 1 : 0, third.Id % 2);
        Assert.Equal(offerer == Offerer.Ours ? (ushort)1 : (ushort)0, third.Id);
        await OursToChromiumMessageAsync(page, third, 256 * 1024, cts.Token);
        await ChromiumToOursMessageAsync(page, third, 256 * 1024, cts.Token);
        Assert.False(session.Ours.Ended.IsCompleted);
    }
}
