using System.Diagnostics;

namespace HlsSwarm.Cli.Bench;

/// <summary>
/// Runs every part of <c>hlsswarm bench datachannel</c> in one process, one after the other (never two measurements at
/// once), and writes a progress line per step to <c>stderr</c>. Order matters: the cold set-up is the process's first
/// connection, and each throughput run follows a warm-up on the same connection.
/// </summary>
internal static class DataChannelBench
{
    private static readonly (int RttMs, double LossPercent)[] VirtualCases =
        [(50, 0), (50, 1), (100, 0), (100, 1), (200, 0), (200, 1)];

    /// <summary>Virtual time before the measured window: association set-up and slow start.</summary>
    private static readonly TimeSpan VirtualWarmUp = TimeSpan.FromSeconds(3);

    // Tiered JIT (tier 0 → instrumented tier → tier 1, on-stack replacement for the loop threads) needs 1–2 s of traffic
    // to settle. A 20 MB warm-up (~0.2 s) left the first measured run, 256 KiB messages, partly unoptimised: it showed
    // ~20–30 % more CPU per byte than the 64 KiB run after it, and the same figure with DOTNET_TieredCompilation=0.
    private static readonly TimeSpan JitWarmUp = TimeSpan.FromSeconds(2);

    /// <summary>Measures everything; Chromium problems end up in the report, anything else throws.</summary>
    public static async Task<DataChannelReport> RunAsync(DataChannelBenchSettings settings, TextWriter progress, CancellationToken ct)
    {
        var machine = MachineInfo.Read();
        await progress.WriteLineAsync($"[bench] {machine.Cores} cores, load average {machine.LoadAverageText}; " +
                                      $"{settings.Bytes / 1e6:0.#} MB or {settings.Seconds:0.#} s per run").ConfigureAwait(false);
        var maxTime = TimeSpan.FromSeconds(settings.Seconds);

        // 1. Set-up: the cold first connection, then warm ones, each closed before the next.
        double? cold = null;
        var samples = new List<double>();
        for (var i = 0; i <= settings.SetupCount; i++)
        {
            await using var pair = await LoopbackPeerPair.ConnectAsync(ct).ConfigureAwait(false);
            if (i == 0)
            {
                cold = pair.SetupTime.TotalMilliseconds;
            }
            else
            {
                samples.Add(pair.SetupTime.TotalMilliseconds);
            }
        }
        var setup = new SetupTimes(cold, samples);
        await progress.WriteLineAsync($"[bench] set-up on loopback: first {cold:0.0} ms, then p50 {setup.P50:0.0} ms, p95 {setup.P95:0.0} ms over {samples.Count}").ConfigureAwait(false);

        // 2. Idle connections, before the bulk transfers fill pools the memory figure would then see shrink.
        var idle = await IdleConnections.MeasureAsync(settings.IdleConnections, ct).ConfigureAwait(false);
        await progress.WriteLineAsync($"[bench] idle connections (K = {idle.Connections}): {idle.ManagedBytes / 1024:0.0} KiB heap, {idle.WorkingSetBytes / 1024:0} KiB working set, {idle.Threads:0.0} threads each").ConfigureAwait(false);

        // 3. Ours to ours, 256 KiB then 64 KiB messages, each on a fresh warmed-up connection.
        var (large, largeCounters) = await LoopbackThroughputAsync(settings, DataChannelBenchSettings.LargeMessage, progress, ct).ConfigureAwait(false);
        var (small, smallCounters) = await LoopbackThroughputAsync(settings, DataChannelBenchSettings.SmallMessage, progress, ct).ConfigureAwait(false);

        // 4. Raw DTLS over UDP loopback (the ceiling) and in memory, each after its own warm-up run.
        var warm = Stopwatch.StartNew();
        do
        {
            DtlsThroughput.Run(DtlsPath.UdpLoopback, settings.WarmUpBytes, maxTime, ct);
        }
        while (warm.Elapsed < JitWarmUp);
        var dtls = DtlsThroughput.Run(DtlsPath.UdpLoopback, settings.Bytes, maxTime, ct);
        await progress.WriteLineAsync($"[bench] raw DTLS over UDP loopback: {dtls.Mbps:0} Mbit/s ({dtls.Bytes / 1e6:0} MB in {dtls.Seconds:0.00} s, {dtls.Cores:0.00} cores); ours ÷ DTLS = {large.Mbps / dtls.Mbps:0.00}").ConfigureAwait(false);
        DtlsThroughput.Run(DtlsPath.InMemory, settings.WarmUpBytes, maxTime, ct);
        var dtlsInMemory = DtlsThroughput.Run(DtlsPath.InMemory, settings.Bytes, maxTime, ct);
        await progress.WriteLineAsync($"[bench] raw DTLS in memory: {dtlsInMemory.Mbps:0} Mbit/s ({dtlsInMemory.Bytes / 1e6:0} MB in {dtlsInMemory.Seconds:0.00} s, {dtlsInMemory.Cores:0.00} cores)").ConfigureAwait(false);

        // 5. Virtual network.
        var virtualResults = new List<VirtualNetworkResult>();
        foreach (var (rtt, loss) in VirtualCases)
        {
            ct.ThrowIfCancellationRequested();
            var result = VirtualNetworkThroughput.Run(rtt, loss, VirtualWarmUp, maxTime);
            virtualResults.Add(result);
            await progress.WriteLineAsync($"[bench] virtual {rtt} ms RTT, {loss:0.#} % loss: {result.Mbps:0.0} Mbit/s ({result.Retransmissions} retransmissions; {result.RealSeconds:0.0} s to simulate)").ConfigureAwait(false);
        }

        // 6. Chromium.
        ChromiumResult chromium;
        if (settings.SkipChromium)
        {
            chromium = new ChromiumResult("skipped (--skip-chromium)");
        }
        else
        {
            chromium = await ChromiumDataChannelBench.RunAsync(settings, progress, ct).ConfigureAwait(false);
        }
        if (chromium.Note is not null)
        {
            await progress.WriteLineAsync($"[bench] Chromium: {chromium.Note}; its figures are null").ConfigureAwait(false);
        }
        return new DataChannelReport(machine, settings, large, small, dtls, dtlsInMemory, setup, virtualResults, idle, chromium)
        {
            OursToOursCounters = largeCounters,
            OursToOursSmallCounters = smallCounters,
        };
    }

    private static async Task<(ThroughputResult Result, SctpCounters Counters)> LoopbackThroughputAsync(
        DataChannelBenchSettings settings, int messageSize, TextWriter progress, CancellationToken ct)
    {
        var maxTime = TimeSpan.FromSeconds(settings.Seconds);
        await using var pair = await LoopbackPeerPair.ConnectAsync(ct).ConfigureAwait(false);
        var warm = Stopwatch.StartNew();
        do
        {
            await BulkTransfer.RunAsync(pair.OffererChannel, pair.AnswererChannel, messageSize, settings.WarmUpBytes, maxTime, ct).ConfigureAwait(false);
        }
        while (warm.Elapsed < JitWarmUp);
        var before = await CountersAsync(pair).ConfigureAwait(false);
        var result = await BulkTransfer.RunAsync(pair.OffererChannel, pair.AnswererChannel, messageSize, settings.Bytes, maxTime, ct).ConfigureAwait(false);
        var counters = (await CountersAsync(pair).ConfigureAwait(false)).Since(before);
        await progress.WriteLineAsync($"[bench] ours → ours, {messageSize / 1024} KiB messages: {result.Mbps:0} Mbit/s ({result.Bytes / 1e6:0} MB in {result.Seconds:0.00} s, {result.Cores:0.00} cores = {result.CoresPerGbps:0.00} cores per Gbit/s; " +
                                      $"SCTP packets {counters.PacketsSent}, fast rtx {counters.FastRetransmissions}, T3 {counters.T3Expiries}, cwnd {counters.CongestionWindow}, receiver DTLS drops {counters.ReceiverDtlsDropped})").ConfigureAwait(false);
        return (result, counters);
    }

    private static async Task<SctpCounters> CountersAsync(LoopbackPeerPair pair)
    {
        var sender = await pair.Offerer.InspectAsync(SctpCounters.Sender).ConfigureAwait(false);
        var dropped = await pair.Answerer.InspectAsync(SctpCounters.ReceiverDropped).ConfigureAwait(false);
        return sender with { ReceiverDtlsDropped = dropped };
    }
}
