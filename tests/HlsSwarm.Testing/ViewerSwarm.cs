using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace HlsSwarm.Testing;

/// <summary>How a <see cref="ViewerSwarm"/> runs.</summary>
/// <param name="Viewers">Number of viewers (browser contexts).</param>
/// <param name="Stagger">Delay between two viewers' starts; viewer i opens at i × Stagger.</param>
/// <param name="Duration">Wall time from the first viewer's start to the end of the run.</param>
public sealed record SwarmOptions(int Viewers, TimeSpan Stagger, TimeSpan Duration)
{
    /// <summary>How often each viewer's stats are read.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait at the end for in-flight downloads once the viewers are cut off from the network.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>One stats reading, with the time since the swarm started.</summary>
public sealed record StatsSample(TimeSpan At, PlayerStats Stats);

/// <summary>
/// N viewers, each its own browser context, opened on a player URL with staggered starts. Every
/// <see cref="SwarmOptions.SampleInterval"/> each open viewer's <c>window.hlsswarmPlayer.stats()</c> is recorded.
/// At the end every context is switched offline (no new HTTP), in-flight downloads settle, and a final reading is
/// taken, so that the viewers' HTTP bytes and the origin's counters describe the same moment.
/// </summary>
public sealed class ViewerSwarm : IAsyncDisposable
{
    private readonly IBrowser _browser;
    private readonly List<Viewer> _viewers = [];
    private readonly Stopwatch _openClock = new();

    /// <summary>Creates an empty swarm on <paramref name="browser"/>.</summary>
    public ViewerSwarm(IBrowser browser) => _browser = browser;

    /// <summary>The viewers, in start order.</summary>
    public IReadOnlyList<Viewer> Viewers => _viewers;

    /// <summary>Opens the viewers on <paramref name="url"/> as <paramref name="options"/> says and samples until the end.</summary>
    public async Task RunAsync(Func<int, string> url, SwarmOptions options, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < options.Viewers; i++)
        {
            _viewers.Add(new Viewer(i));
        }
        // Each viewer opens on its own schedule, so a slow page load or a slow sampling round delays nobody else.
        Task opening = Task.WhenAll(_viewers.Select(async v =>
        {
            TimeSpan due = options.Stagger * v.Index - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, ct).ConfigureAwait(false);
            }
            await v.OpenAsync(_browser, url(v.Index), clock).ConfigureAwait(false);
        }));

        while (clock.Elapsed < options.Duration)
        {
            TimeSpan tick = clock.Elapsed;
            await SampleOpenViewersAsync(clock).ConfigureAwait(false);
            TimeSpan wait = options.SampleInterval - (clock.Elapsed - tick);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct).ConfigureAwait(false);
            }
        }
        await opening.ConfigureAwait(false);

        // Read everyone once more while still online (errors after the cut are the cut's, not the player's), then cut
        // every viewer off from HTTP at once, let in-flight transfers finish or fail, and read the final numbers.
        await SampleOpenViewersAsync(clock).ConfigureAwait(false);
        foreach (Viewer v in _viewers)
        {
            v.MarkCut();
        }
        await Task.WhenAll(_viewers.Select(v => v.GoOfflineAsync())).ConfigureAwait(false);
        await Task.Delay(options.Settle, ct).ConfigureAwait(false);
        await SampleOpenViewersAsync(clock).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens <paramref name="viewers"/> viewers on <paramref name="url"/>, <paramref name="stagger"/> apart, and returns
    /// once all are open, leaving them playing (unlike <see cref="RunAsync"/>, which runs for a fixed time and cuts them
    /// off): for tests that act on the server while the viewers watch. Read them with <see cref="SampleAsync"/>.
    /// </summary>
    public async Task OpenAsync(Func<int, string> url, int viewers, TimeSpan stagger, CancellationToken ct = default)
    {
        _openClock.Start();
        for (int i = 0; i < viewers; i++)
        {
            if (i > 0)
            {
                await Task.Delay(stagger, ct).ConfigureAwait(false);
            }
            var viewer = new Viewer(_viewers.Count);
            _viewers.Add(viewer);
            await viewer.OpenAsync(_browser, url(viewer.Index), _openClock).ConfigureAwait(false);
        }
    }

    /// <summary>Reads every open viewer's stats once (times in <see cref="StatsSample.At"/> count from the first <see cref="OpenAsync"/>).</summary>
    public Task SampleAsync() => SampleOpenViewersAsync(_openClock);

    private Task SampleOpenViewersAsync(Stopwatch clock) =>
        Task.WhenAll(_viewers.Where(v => v.IsOpen).Select(v => v.SampleAsync(clock)));

    /// <summary>Closes every viewer's context.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (Viewer v in _viewers)
        {
            await v.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>One viewer: a browser context with the player page, and its stats over time.</summary>
public sealed class Viewer : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _console = new();
    private readonly List<StatsSample> _samples = [];
    private readonly ConcurrentQueue<(TimeSpan At, string Path)> _httpSegments = new();

    internal Viewer(int index) => Index = index;

    /// <summary>Start order, from 0.</summary>
    public int Index { get; }

    /// <summary>When this viewer was opened, since the swarm started.</summary>
    public TimeSpan StartedAt { get; private set; }

    /// <summary>The viewer's browser context (null until opened).</summary>
    public IBrowserContext? Context { get; private set; }

    /// <summary>The player page (null until opened).</summary>
    public IPage? Page { get; private set; }

    /// <summary>Whether the page has loaded and can be sampled.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>Why opening or sampling failed, if it did.</summary>
    public string? Failure { get; private set; }

    /// <summary>Every reading so far.</summary>
    public IReadOnlyList<StatsSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return _samples.ToList();
            }
        }
    }

    /// <summary>The latest reading.</summary>
    public PlayerStats? Last
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count == 0 ? null : _samples[^1].Stats;
            }
        }
    }

    /// <summary>The latest reading as the page returned it (it may carry more fields than <see cref="PlayerStats"/>).</summary>
    public string? LastJson { get; private set; }

    /// <summary>
    /// Media segments (<c>.ts</c>, <c>.m4s</c>, <c>.mp4</c>) this viewer fetched over HTTP, as the browser's network
    /// stack saw them finish: the URL path and when. Lets a run tell which segments several viewers fetched.
    /// </summary>
    public IReadOnlyCollection<(TimeSpan At, string Path)> HttpSegments => _httpSegments;

    /// <summary>The last reading before the viewers were cut off from HTTP at the end of the run.</summary>
    public PlayerStats? BeforeCut { get; private set; }

    /// <summary>Console errors and page errors seen in this viewer (the last few hundred).</summary>
    public IReadOnlyCollection<string> ConsoleErrors => _console;

    /// <summary>A one-line summary for failure messages.</summary>
    public override string ToString()
    {
        PlayerStats? s = Last;
        string state = s is null
            ? "no stats"
            : FormattableString.Invariant(
                $"playing={s.Playing} t={s.CurrentTime:0.0} startup={s.StartupMs:0}ms stalls={s.Stalls} stallMs={s.StallMs:0} p2pDown={s.P2pDownloadedBytes:0} p2pUp={s.P2pUploadedBytes:0} http={s.HttpDownloadedBytes:0} peers={s.ConnectedPeers} errors={s.Errors}");
        string console = _console.IsEmpty ? "" : " console: " + string.Join(" | ", _console.Take(5));
        string stalls = StallTimes().Count == 0 ? "" : " stalled near " + string.Join(", ", StallTimes().Select(t => $"{t.TotalSeconds:0}s"));
        return $"viewer {Index} (started {StartedAt.TotalSeconds:0.0} s): {state}{stalls}{(Failure is null ? "" : " failure: " + Failure)}{console}";
    }

    /// <summary>The samples at which the page's stall count had grown (swarm time, to the sampling interval).</summary>
    public IReadOnlyList<TimeSpan> StallTimes()
    {
        var times = new List<TimeSpan>();
        int seen = 0;
        foreach (StatsSample sample in Samples)
        {
            if (sample.Stats.Stalls > seen)
            {
                times.Add(sample.At);
                seen = sample.Stats.Stalls;
            }
        }
        return times;
    }

    internal void MarkCut() => BeforeCut = Last;

    internal async Task GoOfflineAsync()
    {
        try
        {
            if (Context is not null)
            {
                await Context.SetOfflineAsync(true).ConfigureAwait(false);
            }
        }
        catch (PlaywrightException e)
        {
            Failure ??= $"going offline: {e.Message}";
        }
    }

    internal async Task OpenAsync(IBrowser browser, string url, Stopwatch clock)
    {
        StartedAt = clock.Elapsed;
        try
        {
            Context = await browser.NewContextAsync().ConfigureAwait(false);
            Page = await Context.NewPageAsync().ConfigureAwait(false);
            Page.Console += (_, m) =>
            {
                if (m.Type is "error" && _console.Count < 300)
                {
                    _console.Enqueue(FormattableString.Invariant($"{clock.Elapsed.TotalSeconds:0.0}s {m.Text}"));
                }
            };
            Page.RequestFinished += (_, r) =>
            {
                string path = new Uri(r.Url).AbsolutePath;
                if (path.EndsWith(".ts", StringComparison.Ordinal) || path.EndsWith(".m4s", StringComparison.Ordinal)
                    || path.EndsWith(".mp4", StringComparison.Ordinal))
                {
                    _httpSegments.Enqueue((clock.Elapsed, path));
                }
            };
            Page.PageError += (_, e) => _console.Enqueue(FormattableString.Invariant($"{clock.Elapsed.TotalSeconds:0.0}s pageerror {e}"));
            await Page.GotoAsync(url, new PageGotoOptions { Timeout = 30_000 }).ConfigureAwait(false);
            await Page.WaitForFunctionAsync("() => !!(window.hlsswarmPlayer && window.hlsswarmPlayer.stats)",
                null, new PageWaitForFunctionOptions { Timeout = 30_000 }).ConfigureAwait(false);
            IsOpen = true;
        }
        catch (PlaywrightException e)
        {
            Failure = $"open {url}: {e.Message}";
        }
    }

    internal async Task SampleAsync(Stopwatch clock)
    {
        if (!IsOpen)
        {
            return;
        }
        try
        {
            string json = await Page!.EvaluateAsync<string>("() => JSON.stringify(window.hlsswarmPlayer.stats())")
                .ConfigureAwait(false);
            PlayerStats stats = JsonSerializer.Deserialize<PlayerStats>(json, PlayerStats.Json)
                ?? throw new JsonException("stats() returned null");
            lock (_samples)
            {
                _samples.Add(new StatsSample(clock.Elapsed, stats));
                LastJson = json;
            }
        }
        catch (Exception e) when (e is PlaywrightException or JsonException)
        {
            Failure = $"stats(): {e.Message}";
        }
    }

    /// <summary>Closes the context.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Context is not null)
        {
            try
            {
                await Context.CloseAsync().ConfigureAwait(false);
            }
            catch (PlaywrightException)
            {
            }
        }
    }
}
