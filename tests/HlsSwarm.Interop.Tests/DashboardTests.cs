using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using HlsSwarm.Testing;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace HlsSwarm.Interop.Tests;

/// <summary>
/// The <c>/dashboard</c> page in real headless Chromium against the real server (analytics on, SQLite file), with
/// real viewers (our player page, hls.js + p2p-media-loader) sending beacons: what it shows matches the tracker's
/// <c>/stats</c> and the viewers' own counters, its policy editor turns P2P off for a stream, and viewer-written
/// strings are shown as text.
/// </summary>
[Collection(BrowserSwarmCollection.Name)]
public sealed class DashboardTests(ITestOutputHelper output)
{
    private const string Token = "dashboard-test-token-5f1c9a";

    /// <summary>The viewers' beacon interval in these tests (the player's default is 5 s).</summary>
    private const int BeaconMs = 2000;

    /// <summary>The dashboard's polling interval for sessions and <c>/stats</c> in these tests (default 5 s).</summary>
    private const int PollMs = 1000;

    /// <summary>
    /// How old the dashboard's numbers may be: one beacon interval (the beacon carries the counters of its moment), one
    /// dashboard poll, and 3 s for the requests, the page and the test's own sampling on a loaded 2-core machine
    /// (measured: the rows were 0-5 s behind the viewers). A number outside [viewer's count this long ago, viewer's
    /// count now] is wrong, not late: another session's, a delta instead of a total, or none.
    /// </summary>
    private static readonly TimeSpan Staleness = TimeSpan.FromMilliseconds(BeaconMs + PollMs + 3000);

    private const string ImgPayload = "<img src=x onerror=window.__xss=1>";
    private const string ScriptPayload = "<script>window.__xss=2</script>";

    [Fact(Timeout = 120_000)]
    public async Task Dashboard_shows_three_viewers_matching_tracker_and_players_and_its_policy_editor_stops_p2p()
    {
        await using DashboardServer rig = await DashboardServer.StartAsync(Token);
        (NetworkNamespace ns, ServerProcess server) = (rig.Namespace, rig.Server);
        await using ChromiumInNamespace chromium = await ChromiumInNamespace.LaunchAsync(ns, HostCandidates.IpLiterals);
        await using var swarm = new ViewerSwarm(chromium.Browser);
        var spec = new SwarmSpec { Stream = DemoStreamKind.Vod, Viewers = 3, ExtraQuery = $"beaconMs={BeaconMs}" };
        string stream = new Uri(server.BaseUri, spec.MasterPath).ToString();
        await swarm.OpenAsync(_ => SwarmExperiment.PlayerUrl(server, spec), spec.Viewers, TimeSpan.FromSeconds(2));
        using var sampling = new CancellationTokenSource();
        Task sampler = SampleUntilCancelledAsync(swarm, sampling.Token);
        try
        {
            // All play and at least two already take segments from peers (the first viewer may have needed none).
            await WaitUntilAsync(() => swarm.Viewers.All(v => v.Last is { Playing: true, SessionId: not null })
                && swarm.Viewers.Count(v => v.Last!.P2pDownloadedBytes > 0) >= 2,
                TimeSpan.FromSeconds(30), () => "viewers playing with P2P\n" + Describe(swarm, server));

            await using IBrowserContext dashContext = await chromium.Browser.NewContextAsync(
                new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            IPage dash = await dashContext.NewPageAsync();
            var pageErrors = new List<string>();
            dash.PageError += (_, e) => pageErrors.Add(e);
            await dash.GotoAsync($"{server.BaseUri}dashboard?poll={PollMs}#token={Token}");

            // 3 viewers, in total and on the stream's row.
            await WaitForTextAsync(dash, "#total-viewers", "3", TimeSpan.FromSeconds(20), server);
            string rowViewers = await dash.Locator($"#streams-table tr[data-stream=\"{stream}\"] td[data-field=viewers]")
                .GetAttributeAsync("data-value") ?? "";
            Assert.Equal("3", rowViewers);
            Assert.DoesNotContain("token=", dash.Url, StringComparison.Ordinal);

            // Tracker peers: the dashboard shows what /stats says (both read within one poll of each other).
            await AssertTrackerPeersMatchAsync(dash, server);

            // Every viewer's session row carries its own counters, at most one beacon (+ pipeline) old.
            await AssertSessionsMatchViewersAsync(dash, swarm);

            // Live: the summary arrives over SSE (every 2 s), not only from the page's first fetch.
            int updates = await dash.EvaluateAsync<int>("() => window.hlsswarmDashboard.updates");
            await dash.WaitForFunctionAsync("n => window.hlsswarmDashboard.live && window.hlsswarmDashboard.updates >= n + 2",
                updates, new PageWaitForFunctionOptions { Timeout = 10_000 });

            await ScreenshotAsync(dash, "dashboard-3-viewers.png");

            // Turn P2P off for this stream with the policy editor (the UI, not the API).
            ILocator select = dash.Locator($"select.policy-stream-p2p[data-stream=\"{stream}\"]");
            await select.SelectOptionAsync("off");
            await dash.ClickAsync("#policy-save");
            await dash.WaitForFunctionAsync("() => document.getElementById('policy-status').textContent.startsWith('saved')",
                null, new PageWaitForFunctionOptions { Timeout = 10_000 });

            // Every viewer applies it within one beacon interval (+ slack for the request itself).
            await WaitUntilAsync(() => swarm.Viewers.All(v => v.Last?.P2pEnabled == false),
                TimeSpan.FromMilliseconds(BeaconMs + 3000), () => "every viewer turned P2P off\n" + Describe(swarm, server));
            // In-flight P2P chunks of the destroyed loaders finish or abort; then nothing comes from peers any more.
            await Task.Delay(1000);
            await swarm.SampleAsync();
            var before = swarm.Viewers.Select(v => v.Last!).ToList();
            await Task.Delay(TimeSpan.FromSeconds(10));
            await swarm.SampleAsync();
            var after = swarm.Viewers.Select(v => v.Last!).ToList();
            for (int i = 0; i < before.Count; i++)
            {
                PlayerStats a = before[i], b = after[i];
                string context = $"viewer {i}: before {a} after {b}\n{Describe(swarm, server)}";
                Assert.True(b.P2pDownloadedBytes == a.P2pDownloadedBytes, $"P2P download grew with P2P off; {context}");
                Assert.True(b.P2pUploadedBytes == a.P2pUploadedBytes, $"P2P upload grew with P2P off; {context}");
                Assert.True(b.Playing, $"not playing with P2P off; {context}");
                Assert.True(b.CurrentTime - a.CurrentTime >= 8, $"playback did not advance 8 s in 10 s; {context}");
                Assert.True(b.HttpDownloadedBytes > a.HttpDownloadedBytes, $"no HTTP bytes with P2P off; {context}");
                Assert.True(b.Stalls == a.Stalls, $"stalled after P2P was turned off; {context}");
            }
            await ScreenshotAsync(dash, "dashboard-p2p-off.png");
            Assert.True(pageErrors.Count == 0, "dashboard page errors: " + string.Join(" | ", pageErrors));
        }
        finally
        {
            await sampling.CancelAsync();
            await sampler;
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Beacon_fields_with_html_and_script_show_as_text_and_run_nothing()
    {
        await using DashboardServer rig = await DashboardServer.StartAsync(Token);
        (NetworkNamespace ns, ServerProcess server) = (rig.Namespace, rig.Server);
        await using ChromiumInNamespace chromium = await ChromiumInNamespace.LaunchAsync(ns, HostCandidates.IpLiterals);
        string stream = new Uri(server.BaseUri, "/demo/vod/master.m3u8").ToString();
        const string sessionId = "xss-session-0001";
        var beacon = new Dictionary<string, object?>
        {
            ["v"] = 1,
            ["sessionId"] = sessionId,
            ["seq"] = 1,
            ["client"] = new Dictionary<string, object?> { ["kind"] = "web", ["version"] = "<script>x</script>" },
            ["stream"] = stream,
            ["rendition"] = ImgPayload + ScriptPayload,
            ["peerId"] = "<b>peer</b>",
            ["p2p"] = new Dictionary<string, object?> { ["enabled"] = true, ["group"] = "p2p" },
            ["bytes"] = new Dictionary<string, object?> { ["http"] = 1000, ["p2p"] = 2000, ["uploaded"] = 0 },
            ["peers"] = new Dictionary<string, object?>
            {
                ["connected"] = 1, ["attempts"] = 2, ["failures"] = new Dictionary<string, object?> { [ImgPayload] = 1 },
            },
            ["transfers"] = new[] { new Dictionary<string, object?> { ["peerId"] = ImgPayload, ["down"] = 2000, ["up"] = 0 } },
            ["startupMs"] = 500,
            ["stalls"] = new Dictionary<string, object?> { ["count"] = 0, ["ms"] = 0 },
            ["playingMs"] = 1000,
            ["liveLatencyMs"] = null,
            ["errors"] = new[] { new Dictionary<string, object?> { ["kind"] = ScriptPayload, ["message"] = ImgPayload } },
            ["metered"] = false,
        };
        using var content = new StringContent(JsonSerializer.Serialize(beacon), Encoding.UTF8, "application/json");
        using HttpResponseMessage posted = await server.Http.PostAsync(new Uri(server.BaseUri, "/api/beacon"), content);
        Assert.True(posted.StatusCode == HttpStatusCode.OK,
            $"beacon answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}\n{server.Output}");

        await using IBrowserContext context = await chromium.Browser.NewContextAsync();
        IPage dash = await context.NewPageAsync();
        await dash.GotoAsync($"{server.BaseUri}dashboard?poll={PollMs}#token={Token}");
        ILocator row = dash.Locator($"#sessions-table tr[data-session=\"{sessionId}\"]");
        await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });

        Assert.Equal(ImgPayload + ScriptPayload, await row.Locator("td[data-field=rendition]").TextContentAsync());
        Assert.Equal(ImgPayload + ScriptPayload + ": 1", await dash.Locator("#streams-table .chip").Last.TextContentAsync());
        Assert.Equal(ImgPayload, await dash.Locator($"#failures-table tr[data-reason=\"{ImgPayload}\"] td").First.TextContentAsync());

        await row.ClickAsync();
        ILocator error = dash.Locator("#detail-errors tbody tr").First;
        await dash.WaitForFunctionAsync("() => !document.getElementById('session-detail').hidden",
            null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        Assert.Equal(ScriptPayload, await error.Locator("td").Nth(1).TextContentAsync());
        Assert.Equal(ImgPayload, await error.Locator("td").Nth(2).TextContentAsync());
        // The swarm graph names the remote peer of the transfer (its label is shortened, its tooltip is whole).
        await dash.WaitForFunctionAsync("p => Array.from(document.querySelectorAll('#graph title')).some(t => t.textContent.includes(p))",
            ImgPayload, new PageWaitForFunctionOptions { Timeout = 10_000 });

        // Nothing was parsed as markup: no <img>, <b> or <script> from the beacon exists, and nothing ran.
        int injected = await dash.EvaluateAsync<int>(
            "() => document.querySelectorAll('main img, main b, main script, #graph img').length");
        Assert.Equal(0, injected);
        Assert.Equal("undefined", await dash.EvaluateAsync<string>("() => typeof window.__xss"));
        output.WriteLine("payloads shown as text; window.__xss undefined");
    }

    [Fact(Timeout = 120_000)]
    public async Task Token_form_refuses_a_wrong_token_and_the_policy_editor_saves_global_settings()
    {
        await using DashboardServer rig = await DashboardServer.StartAsync(Token);
        (NetworkNamespace ns, ServerProcess server) = (rig.Namespace, rig.Server);
        await using ChromiumInNamespace chromium = await ChromiumInNamespace.LaunchAsync(ns, HostCandidates.IpLiterals);
        await using IBrowserContext context = await chromium.Browser.NewContextAsync();
        IPage dash = await context.NewPageAsync();
        await dash.GotoAsync($"{server.BaseUri}dashboard");

        // No token: the form, not the page. A wrong one is refused by the server and the form says so.
        await dash.Locator("#token-dialog").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.True(await dash.Locator("#app").IsHiddenAsync());
        await dash.FillAsync("#token-input", "not-the-token");
        await dash.ClickAsync("#token-form button");
        await dash.WaitForFunctionAsync("() => document.getElementById('token-error').textContent === 'Wrong token.'",
            null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        Assert.True(await dash.Locator("#app").IsHiddenAsync());

        await dash.FillAsync("#token-input", Token);
        await dash.ClickAsync("#token-form button");
        await dash.WaitForFunctionAsync("() => document.getElementById('policy-status').textContent.startsWith('version')",
            null, new PageWaitForFunctionOptions { Timeout = 10_000 });

        // The editor's units: KB/s and % on the page, bytes/s and a fraction in the document.
        await dash.UncheckAsync("#policy-p2p");
        await dash.CheckAsync("#policy-metered");
        await dash.FillAsync("#policy-min-viewers", "4");
        await dash.FillAsync("#policy-share", "25");
        await dash.FillAsync("#policy-cap", "150");
        await dash.ClickAsync("#policy-save");
        await dash.WaitForFunctionAsync("() => document.getElementById('policy-status').textContent.startsWith('saved')",
            null, new PageWaitForFunctionOptions { Timeout = 10_000 });

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri, "/api/admin/policy"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        using HttpResponseMessage response = await server.Http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using JsonDocument doc = JsonDocument.Parse(body);
        JsonElement global = doc.RootElement.GetProperty("global");
        Assert.False(global.GetProperty("p2p").GetBoolean(), body);
        Assert.True(global.GetProperty("uploadOnMetered").GetBoolean(), body);
        Assert.Equal(4, global.GetProperty("minViewers").GetInt32());
        Assert.Equal(0.25, global.GetProperty("p2pShare").GetDouble(), 6);
        Assert.Equal(150_000, global.GetProperty("uploadCapBytesPerSec").GetInt64());
        Assert.True(doc.RootElement.GetProperty("version").GetInt64() >= 2, body);

        // A player asking now gets the stored decision (global P2P off).
        using JsonDocument policy = await server.GetJsonAsync(
            "/api/policy?stream=" + Uri.EscapeDataString(new Uri(server.BaseUri, "/demo/vod/master.m3u8").ToString()) + "&session=abcdefgh1234");
        Assert.False(policy.RootElement.GetProperty("p2p").GetBoolean(), policy.RootElement.GetRawText());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_control_group_viewer_never_starts_p2p_counts_its_http_bytes_and_shows_in_the_control_qoe()
    {
        await using DashboardServer rig = await DashboardServer.StartAsync(Token);
        (NetworkNamespace ns, ServerProcess server) = (rig.Namespace, rig.Server);
        // Everyone in the control group (P2P share 0), before any viewer arrives.
        string doc = """{ "version": 1, "global": { "p2p": true, "minViewers": 1, "p2pShare": 0, "uploadCapBytesPerSec": null, "uploadOnMetered": false }, "streams": {} }""";
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(server.BaseUri, "/api/admin/policy"))
        {
            Content = new StringContent(doc, Encoding.UTF8, "application/json"),
        };
        put.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        using HttpResponseMessage stored = await server.Http.SendAsync(put);
        Assert.True(stored.IsSuccessStatusCode, await stored.Content.ReadAsStringAsync());

        await using ChromiumInNamespace chromium = await ChromiumInNamespace.LaunchAsync(ns, HostCandidates.IpLiterals);
        await using var swarm = new ViewerSwarm(chromium.Browser);
        var spec = new SwarmSpec { Stream = DemoStreamKind.Vod, Viewers = 1, ExtraQuery = $"beaconMs={BeaconMs}" };
        await swarm.OpenAsync(_ => SwarmExperiment.PlayerUrl(server, spec), 1, TimeSpan.Zero);
        Viewer viewer = swarm.Viewers[0];
        DateTime end = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        do
        {
            await Task.Delay(1000);
            await swarm.SampleAsync();
        }
        while (DateTime.UtcNow < end && !(viewer.Last is { Playing: true, CurrentTime: > 6 }));
        PlayerStats s = viewer.Last ?? new PlayerStats();
        string context = $"{viewer} {viewer.LastJson}\nserver:\n{server.Output}";
        Assert.True(s.Playing && s.CurrentTime > 6, $"not playing: {context}");
        Assert.True(s.P2pEnabled == false, $"P2P is on in the control group: {context}");
        Assert.Contains("\"group\":\"control\"", viewer.LastJson, StringComparison.Ordinal);
        Assert.True(s.P2pDownloadedBytes == 0 && s.P2pUploadedBytes == 0 && s.ConnectedPeers == 0, $"P2P traffic: {context}");
        // P2P never started, not even for a moment: the player waited for the policy before loading, so the core
        // never sent the tracker a single message.
        using (JsonDocument tracker = await server.GetJsonAsync("/stats"))
        {
            long messages = tracker.RootElement.GetProperty("messagesByKind").EnumerateObject().Sum(k => k.Value.GetInt64());
            Assert.True(messages == 0,
                $"the control-group viewer talked to the tracker: {tracker.RootElement.GetRawText()}; {context}");
        }

        // Its segments came through hls.js's own loader (P2P off), which the core does not see: the player still
        // counts them, and the origin agrees (it may have served one segment more, still in flight at the reading).
        await viewer.Context!.SetOfflineAsync(true);
        await Task.Delay(1000);
        await swarm.SampleAsync();
        double http = viewer.Last!.HttpDownloadedBytes;
        using JsonDocument origin = await server.GetJsonAsync("/demo/stats");
        long served = SwarmExperiment.OriginCounter(origin, "vod", "segments", "bytes");
        Assert.True(http > 0 && served >= http && served - http <= SwarmAssertions.LargestSegmentBytes,
            FormattableString.Invariant($"viewer counted {http} HTTP bytes, the origin served {served}; {context}"));

        await using IBrowserContext dashContext = await chromium.Browser.NewContextAsync();
        IPage dash = await dashContext.NewPageAsync();
        await dash.GotoAsync($"{server.BaseUri}dashboard?poll={PollMs}#token={Token}");
        await dash.WaitForFunctionAsync(
            "() => document.querySelector('#qoe-table tr[data-group=control] td:nth-child(2)')?.textContent === '1'",
            null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.Equal("0", await dash.Locator("#qoe-table tr[data-group=p2p] td").Nth(1).TextContentAsync());
    }

    /// <summary>
    /// The player's policy, statistics and beacon logic (web/src/policy.js, stats.js, beacon.js) in Node with a fake
    /// clock, core and fetch: upload cap windows, metered networks, the p2pDisabled option over policy, failure reasons
    /// and their cap, per-peer transfers, playing time, the beacon's fields, errors resent until accepted, 404 stops.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Player_policy_stats_and_beacon_logic_behave_as_documented()
    {
        string web = Path.Combine(HlsSwarmBuild.RepositoryRoot(), "web");
        string result = await NodeScript.RunAsync(Path.Combine(web, "test", "player-logic.mjs"), "",
            TimeSpan.FromSeconds(30), Path.Combine(web, "src"));
        Assert.Equal("ok", result.Trim());
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "artifacts", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)"); // else the sticky header lands mid-page
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"dashboard screenshot: {path}");
    }

    private static async Task SampleUntilCancelledAsync(ViewerSwarm swarm, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await swarm.SampleAsync();
            try
            {
                await Task.Delay(500, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        DateTime end = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > end)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds:0} s waiting for: {what()}");
            }
            await Task.Delay(250);
        }
    }

    private static async Task WaitForTextAsync(IPage page, string selector, string text, TimeSpan timeout, ServerProcess server)
    {
        try
        {
            await page.WaitForFunctionAsync("([s, t]) => document.querySelector(s)?.textContent === t",
                new object[] { selector, text }, new PageWaitForFunctionOptions { Timeout = (float)timeout.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            string shown = await page.Locator(selector).TextContentAsync() ?? "(none)";
            string state = await page.EvaluateAsync<string>("() => JSON.stringify(window.hlsswarmDashboard && window.hlsswarmDashboard.summary)");
            Assert.Fail($"{selector} shows '{shown}', not '{text}', after {timeout.TotalSeconds:0} s; summary {state}\nserver:\n{server.Output}");
        }
    }

    private static async Task AssertTrackerPeersMatchAsync(IPage dash, ServerProcess server)
    {
        string last = "";
        for (int attempt = 0; attempt < 10; attempt++)
        {
            using JsonDocument stats = await server.GetJsonAsync("/stats");
            int peers = stats.RootElement.GetProperty("peers").GetInt32();
            string shown = await dash.Locator("#tracker-peers").TextContentAsync() ?? "";
            if (shown == peers.ToString(CultureInfo.InvariantCulture) && peers > 0)
            {
                return;
            }
            last = $"dashboard shows '{shown}', /stats says {peers}";
            await Task.Delay(PollMs);
        }
        Assert.Fail($"tracker peers never matched: {last}");
    }

    private async Task AssertSessionsMatchViewersAsync(IPage dash, ViewerSwarm swarm)
    {
        // Let one more poll land so that every viewer's row exists.
        await dash.WaitForFunctionAsync("n => document.querySelectorAll('#sessions-table tr[data-session]').length >= n",
            swarm.Viewers.Count, new PageWaitForFunctionOptions { Timeout = 15_000 });
        string json = await dash.EvaluateAsync<string>("""
            () => JSON.stringify(Array.from(document.querySelectorAll('#sessions-table tr[data-session]')).map(r => ({
              id: r.getAttribute('data-session'),
              p2p: Number(r.querySelector('[data-field=p2p]').getAttribute('data-value')),
              http: Number(r.querySelector('[data-field=http]').getAttribute('data-value')),
              uploaded: Number(r.querySelector('[data-field=uploaded]').getAttribute('data-value')),
            })))
            """);
        await swarm.SampleAsync();
        var rows = JsonSerializer.Deserialize<List<SessionRow>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        foreach (Viewer v in swarm.Viewers)
        {
            IReadOnlyList<StatsSample> samples = v.Samples;
            StatsSample now = samples[^1];
            StatsSample then = samples.LastOrDefault(s => s.At <= now.At - Staleness) ?? samples[0];
            string id = now.Stats.SessionId!;
            SessionRow? row = rows.FirstOrDefault(r => r.Id == id);
            Assert.True(row is not null, $"no dashboard row for viewer {v.Index} session {id}; rows: {json}");
            output.WriteLine(FormattableString.Invariant(
                $"viewer {v.Index} {id}: dashboard p2p {row!.P2p} http {row.Http} up {row.Uploaded}; viewer now {now.Stats.P2pDownloadedBytes}/{now.Stats.HttpDownloadedBytes}/{now.Stats.P2pUploadedBytes}, {Staleness.TotalSeconds:0} s before {then.Stats.P2pDownloadedBytes}/{then.Stats.HttpDownloadedBytes}/{then.Stats.P2pUploadedBytes}"));
            AssertWithin("p2p", row.P2p, then.Stats.P2pDownloadedBytes, now.Stats.P2pDownloadedBytes, v);
            AssertWithin("http", row.Http, then.Stats.HttpDownloadedBytes, now.Stats.HttpDownloadedBytes, v);
            AssertWithin("uploaded", row.Uploaded, then.Stats.P2pUploadedBytes, now.Stats.P2pUploadedBytes, v);
        }
    }

    private static void AssertWithin(string field, double shown, double low, double high, Viewer v) =>
        Assert.True(shown >= low && shown <= high, FormattableString.Invariant(
            $"viewer {v.Index}: dashboard {field} {shown} outside the viewer's own [{low}, {high}] of the last {Staleness.TotalSeconds:0} s; {v}"));

    private static string Describe(ViewerSwarm swarm, ServerProcess server) =>
        string.Join('\n', swarm.Viewers.Select(v => v.ToString() + " " + v.LastJson)) + "\nserver:\n"
        + string.Join('\n', server.Output.Split('\n').TakeLast(40));

    private sealed record SessionRow(string Id, double P2p, double Http, double Uploaded);
}
