using System.Diagnostics;
using HlsSwarm.Testing;
using HlsSwarm.WebRtc.Connection;
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
        // The handler must be in place before our OPEN can arrive, so install it first and wait for the promise after.
        await page.EvaluateAsync(
            "() => { window.nextChannel = new Promise(r => window.pc.ondatachannel = e => { window.attach(e.channel); r(e.channel.label + ' ' + e.channel.id); }); }");
        UdpDataChannel third = await session.Ours.OpenChannelAsync("third", cts.Token);
        Assert.Equal($"third {third.Id}", await page.EvaluateAsync<string>("() => window.nextChannel").WaitAsync(TimeSpan.FromSeconds(10), cts.Token));
        await page.EvaluateAsync("() => window.opened").WaitAsync(cts.Token);
        output.WriteLine($"we opened id {third.Id}");

        // Our ids: odd when we are the DTLS server (we offered: Chromium answers active), even otherwise.
        Assert.Equal(offerer == Offerer.Ours ? 1 : 0, third.Id % 2);
        Assert.Equal(offerer == Offerer.Ours ? (ushort)1 : (ushort)0, third.Id);
        await OursToChromiumMessageAsync(page, third, 256 * 1024, cts.Token);
        await ChromiumToOursMessageAsync(page, third, 256 * 1024, cts.Token);
        Assert.False(session.Ours.Ended.IsCompleted);
    }

    // Real time against Chromium (the virtual-time idle tests cover minutes): 22 s idle is four consent intervals
    // (RFC 7675 §5.1, ~5 s each way) and, with HB.interval at 2 s instead of 30 s, about eight SCTP heartbeats.
    [Fact(Timeout = 60_000)]
    public async Task An_idle_connection_outlives_consent_checks_and_heartbeats_then_carries_256_KiB_both_ways()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        await using var session = await DataChannelSession.StartAsync(Offerer.Chromium, HostCandidates.Mdns, cts.Token,
            new PeerConnectionOptions { HeartbeatInterval = TimeSpan.FromSeconds(2) });
        var before = await session.Ours.InspectAsync(pc => (pc.Ice.ConsentResponses, pc.DataChannels!.Association.Stats.HeartbeatAcksReceived));
        var received = session.Ours.DatagramsReceived;

        await Task.Delay(TimeSpan.FromSeconds(22), cts.Token);

        var after = await session.Ours.InspectAsync(pc =>
            (pc.Ice.ConsentResponses, pc.DataChannels!.Association.Stats.HeartbeatAcksReceived, Ice: pc.Ice.State, Connection: pc.State));
        var consent = after.ConsentResponses - before.ConsentResponses;
        var heartbeats = after.HeartbeatAcksReceived - before.HeartbeatAcksReceived;
        output.WriteLine($"22 s idle: {consent} consent checks answered by Chromium, {heartbeats} SCTP heartbeats acknowledged, " +
                         $"{session.Ours.DatagramsReceived - received} datagrams from Chromium, ICE {after.Ice}, connection {after.Connection}");
        Assert.InRange(consent, 3, 8);
        Assert.InRange(heartbeats, 5, 12);
        Assert.Equal(PeerConnectionState.Connected, after.Connection);
        Assert.Equal("connected open", await session.Page.EvaluateAsync<string>("() => window.pc.connectionState + ' ' + window.dc.readyState"));

        await OursToChromiumMessageAsync(session.Page, session.Channel, 256 * 1024, cts.Token);
        await ChromiumToOursMessageAsync(session.Page, session.Channel, 256 * 1024, cts.Token);
    }

    // A tab closed without a goodbye: whatever Chromium sends (or not) as the page goes, our side must end the
    // connection by the consent timeout at the latest (RFC 7675 §5.1: 30 s by default, 8 s here to keep the test short).
    [Fact(Timeout = 60_000)]
    public async Task When_Chromium_s_page_closes_our_side_ends_the_connection_within_the_consent_timeout()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        var consentTimeout = TimeSpan.FromSeconds(8);
        await using var session = await DataChannelSession.StartAsync(Offerer.Ours, HostCandidates.Mdns, cts.Token,
            new PeerConnectionOptions { ConsentTimeout = consentTimeout });
        await OursToChromiumMessageAsync(session.Page, session.Channel, 1000, cts.Token);

        var clock = Stopwatch.StartNew();
        await session.Page.CloseAsync();
        // Once a second, what our side sees (Chromium's page sends no goodbye: consent checks go unanswered).
        for (int i = 0; i < 14 && !session.Ours.Ended.IsCompleted; i++)
        {
            await Task.WhenAny(session.Ours.Ended, Task.Delay(1000, cts.Token));
            var seen = await session.Ours.InspectAsync(pc => (pc.Ice.ConsentChecksSent, pc.Ice.ConsentResponses, pc.Ice.State));
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: consent checks {seen.ConsentChecksSent}, answered {seen.ConsentResponses}, ICE {seen.State}");
        }
        var reason = await session.Ours.Ended.WaitAsync(consentTimeout + TimeSpan.FromSeconds(5), cts.Token);
        await session.Channel.Completion.WaitAsync(TimeSpan.FromSeconds(1), cts.Token);
        output.WriteLine($"page closed; our connection ended after {clock.ElapsedMilliseconds} ms: {reason}");
        Assert.True(clock.Elapsed < consentTimeout + TimeSpan.FromSeconds(2), $"ended after {clock.Elapsed}");
    }
}
