using System.Text;
using HlsSwarm.Protocol.Beacons;
using HlsSwarm.Server.Policy;
using Microsoft.Extensions.Hosting;

namespace HlsSwarm.Server.Analytics;

/// <summary>
/// Owns the viewer analytics of one server: the <see cref="BeaconStore"/>, the in-memory
/// <see cref="ViewerAggregates"/> (rebuilt from the store at construction), the policy document, the admin token and
/// the per-IP rate limiter. As a hosted service it runs the single writer (flush every
/// <see cref="AnalyticsOptions.FlushInterval"/> or <see cref="AnalyticsOptions.FlushBatch"/> beacons) and the
/// retention sweep, and flushes what is queued when the host stops.
/// </summary>
public sealed class AnalyticsService : IHostedService, IDisposable
{
    /// <summary>How often the retention sweep runs.</summary>
    public static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _policyGate = new(1, 1);
    private CancellationTokenSource? _stopping;
    private Task _loops = Task.CompletedTask;
    private PolicyDocument _policy;
    private int _disposed;

    /// <summary>Opens the store, loads the policy and replays the stored beacons of the retention period.</summary>
    /// <exception cref="InvalidDataException">The database cannot be opened or has a newer schema.</exception>
    public AnalyticsService(AnalyticsOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        Options = options;
        _time = time;
        Store = new BeaconStore(options);
        Aggregates = new ViewerAggregates(options);
        Token = new AdminToken(options.AdminToken);
        RateLimiter = new BeaconRateLimiter(options.BeaconsPerSecondPerIp, options.BeaconBurstPerIp, time);
        _policy = Store.LoadPolicy() ?? new PolicyDocument { Version = 1 };
        var since = time.GetUtcNow() - options.Retention;
        Store.ReplaySince(since, stored =>
        {
            if (BeaconReader.TryRead(Encoding.UTF8.GetBytes(stored.Body), options.Limits, out var beacon, out _))
                Aggregates.Accept(beacon!, stored.ReceivedAt, null);
        });
    }

    /// <summary>The options.</summary>
    public AnalyticsOptions Options { get; }

    /// <summary>The beacon and policy store.</summary>
    public BeaconStore Store { get; }

    /// <summary>The live view.</summary>
    public ViewerAggregates Aggregates { get; }

    /// <summary>The admin and dashboard bearer token.</summary>
    public AdminToken Token { get; }

    /// <summary>The per-IP token buckets of <c>POST /api/beacon</c>.</summary>
    public BeaconRateLimiter RateLimiter { get; }

    /// <summary>The Prometheus collectors, once the endpoints are mapped.</summary>
    public AnalyticsMetrics? Metrics { get; set; }

    /// <summary>The clock of the analytics (live windows, series steps, rate limits).</summary>
    public TimeProvider Time => _time;

    /// <summary>The last error of the writer (null when every flush succeeded).</summary>
    public string? LastWriteError { get; private set; }

    /// <summary>The current policy document.</summary>
    public PolicyDocument Policy => Volatile.Read(ref _policy);

    /// <summary>Stores <paramref name="document"/> as the policy with the next version, and returns what was stored.</summary>
    public async Task<PolicyDocument> ReplacePolicyAsync(PolicyDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        await _policyGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = document with { Version = Policy.Version + 1 };
            await Store.SavePolicyAsync(stored, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _policy, stored);
            return stored;
        }
        finally
        {
            _policyGate.Release();
        }
    }

    /// <summary>The decision for one session, counting live viewers now.</summary>
    public PolicyDecision Decide(string? stream, string? sessionId)
    {
        var policy = Policy;
        // Counting stops at minViewers: the decision only needs to know whether it is reached.
        var live = Aggregates.LiveViewers(stream, sessionId, _time.GetUtcNow(), Math.Max(1, policy.For(stream).MinViewers));
        return PolicyDecider.Decide(policy, stream, sessionId, live);
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        _loops = Task.WhenAll(WriteLoopAsync(_stopping.Token), PruneLoopAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loops.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        // What viewers sent in the last second is not lost on a clean stop.
        await Store.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Deletes beacons and drops sessions older than the retention period; runs every <see cref="PruneInterval"/>.</summary>
    public async Task PruneAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = _time.GetUtcNow() - Options.Retention;
        await Store.PruneAsync(cutoff, cancellationToken).ConfigureAwait(false);
        Aggregates.Prune(cutoff);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Registered twice in the container (as itself and as a hosted service), so disposed twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        // Beacons accepted after StopAsync (the web server stops after this service) are written here.
        Store.FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
        _stopping?.Dispose();
        _policyGate.Dispose();
        Store.Dispose();
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            await Store.WaitForBatchAsync(Options.FlushInterval, _time, cancellationToken).ConfigureAwait(false);
            try
            {
                await Store.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                // A full disk or a locked file loses this batch, not the server; the next flush tries again.
                LastWriteError = e.Message;
            }
        }
    }

    private async Task PruneLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            await PruneAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(PruneInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
