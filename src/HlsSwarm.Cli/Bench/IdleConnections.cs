using System.Diagnostics;

namespace HlsSwarm.Cli.Bench;

/// <summary>
/// Opens K idle connections of ours (K/2 loopback pairs: a peer keeps 20–50 open) and measures, from the first fifth
/// to all K, the growth of the working set and the thread count per connection. The managed heap is charged as the
/// live bytes that closing the added connections frees (full GC before and after), because a growth figure mixes in
/// the runtime's own trimming (the shared array pool drops idle buffers on a later full GC, which once made the
/// growth negative). Each pair carries one message first, so the figure is for connections that still work.
/// </summary>
internal static class IdleConnections
{
    /// <summary>
    /// Measures <paramref name="connections"/> idle connections (rounded up to an even number). A negative heap figure
    /// can only come from memory of earlier work changing hands between the snapshots (threads of closed connections
    /// still ending, pooled buffers), seen on a loaded machine; such a run is measured again, at most 3 times.
    /// </summary>
    public static async Task<IdleConnectionFootprint> MeasureAsync(int connections, CancellationToken cancellationToken)
    {
        IdleConnectionFootprint footprint = null!;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            footprint = await MeasureOnceAsync(connections, cancellationToken).ConfigureAwait(false);
            if (footprint.ManagedBytes > 0)
            {
                break;
            }
        }

        return footprint;
    }

    private static async Task<IdleConnectionFootprint> MeasureOnceAsync(int connections, CancellationToken cancellationToken)
    {
        var pairCount = Math.Max(2, (connections + 1) / 2);
        // The growth from the first fifth to all of them is what is charged, so one-time costs (pools, JIT, statics,
        // garbage of earlier steps) cancel out.
        var baselinePairs = Math.Max(1, pairCount / 5);
        var pairs = new List<LoopbackPeerPair>(pairCount);
        try
        {
            for (var i = 0; i < baselinePairs; i++)
            {
                pairs.Add(await LoopbackPeerPair.ConnectAsync(cancellationToken).ConfigureAwait(false));
            }
            var (_, workingSetBefore, threadsBefore) = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
            for (var i = baselinePairs; i < pairCount; i++)
            {
                pairs.Add(await LoopbackPeerPair.ConnectAsync(cancellationToken).ConfigureAwait(false));
            }
            var (_, workingSetAfter, threadsAfter) = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
            foreach (var pair in pairs)
            {
                await pair.OffererChannel.SendTextAsync("ping", cancellationToken).ConfigureAwait(false);
                var reply = await pair.AnswererChannel.ReceiveAsync(cancellationToken).AsTask()
                    .WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
                if (!reply.IsString || reply.Data.Length != 4)
                {
                    throw new InvalidDataException("an idle connection did not carry its ping");
                }
            }
            var (heapAll, _, _) = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
            for (var i = pairs.Count - 1; i >= baselinePairs; i--)
            {
                await pairs[i].DisposeAsync().ConfigureAwait(false);
                pairs.RemoveAt(i);
            }
            var (heapClosed, _, _) = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
            var added = 2.0 * (pairCount - baselinePairs);
            return new IdleConnectionFootprint(2 * pairCount, (heapAll - heapClosed) / added,
                (workingSetAfter - workingSetBefore) / added, (threadsAfter - threadsBefore) / added);
        }
        finally
        {
            foreach (var pair in pairs)
            {
                await pair.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<(long Heap, long WorkingSet, int Threads)> SnapshotAsync(CancellationToken cancellationToken)
    {
        // Idle for a moment first: the last set-up's timers, pooled buffers and queued work settle, and the threads of
        // connections closed just before have ended (their stacks would keep those connections alive).
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        using (var self = Process.GetCurrentProcess())
        {
            var threads = self.Threads.Count;
            for (var i = 0; i < 20; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
                self.Refresh();
                if (self.Threads.Count == threads)
                {
                    break;
                }

                threads = self.Threads.Count;
            }
        }

        // Compact the large-object heap too, so freed large buffers do not count as heap either side.
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // Live bytes after that full, compacting collection. GC.GetTotalMemory returned negative numbers in this process
        // (.NET 10.0.12, workstation GC), so the collection's own figures are used instead.
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var heap = info.HeapSizeBytes - info.FragmentedBytes;
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64, process.Threads.Count);
    }
}
