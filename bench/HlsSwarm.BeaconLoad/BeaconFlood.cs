using System.Diagnostics;
using System.Net.Http.Headers;

namespace HlsSwarm.BeaconLoad;

/// <summary>
/// Posts beacons of many simulated sessions over a fixed number of keep-alive HTTP/1.1 connections as fast as the
/// server answers, and counts answers by status during the measured window (after a warm-up).
/// </summary>
internal static class BeaconFlood
{
    public static async Task<int> RunAsync(Uri url, int connections, int sessions, TimeSpan warmup, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
        };
        using var client = new HttpClient(handler) { BaseAddress = url };
        var run = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var random = new Random(1);
        var viewers = Enumerable.Range(0, sessions)
            .Select(i => new SimulatedViewer($"load-{run}-{i:D7}", $"http://127.0.0.1/load/stream-{i % 10}/master.m3u8", $"peer-{run}-{i:D7}", new Random(i)))
            .ToArray();
        var counts = new long[600];
        long measuredLatencyTicks = 0, measuredRequests = 0;
        var measuring = false;
        var stop = false;
        var media = new MediaTypeHeaderValue("application/json");

        async Task LoopAsync(int k)
        {
            var partners = new List<string>(2);
            for (var i = k; !Volatile.Read(ref stop); i += connections)
            {
                var v = viewers[i % viewers.Length];
                partners.Clear();
                partners.Add(viewers[(i + 1) % viewers.Length].PeerId);
                using var content = new ByteArrayContent(v.NextBeacon(partners));
                content.Headers.ContentType = media;
                var started = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    using var response = await client.PostAsync("/api/beacon", content).ConfigureAwait(false);
                    await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }

                if (Volatile.Read(ref measuring))
                {
                    Interlocked.Increment(ref counts[status]);
                    Interlocked.Add(ref measuredLatencyTicks, Stopwatch.GetTimestamp() - started);
                    Interlocked.Increment(ref measuredRequests);
                }
            }
        }

        var loops = Enumerable.Range(0, connections).Select(k => Task.Run(() => LoopAsync(k))).ToArray();
        await Task.Delay(warmup).ConfigureAwait(false);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration).ConfigureAwait(false);
        Volatile.Write(ref measuring, false);
        var seconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(loops).ConfigureAwait(false);

        var accepted = Interlocked.Read(ref counts[200]);
        var meanMs = measuredRequests == 0 ? 0 : measuredLatencyTicks * 1000.0 / Stopwatch.Frequency / measuredRequests;
        Console.WriteLine($"beacons: {connections} keep-alive connections, {sessions} sessions, {seconds:F1} s measured after {warmup.TotalSeconds:F0} s warm-up");
        Console.WriteLine($"  accepted (200): {accepted / seconds:F0} beacons/s   mean latency {meanMs:F2} ms");
        for (var s = 0; s < counts.Length; s++)
        {
            if (s != 200 && counts[s] > 0)
                Console.WriteLine($"  status {(s == 0 ? "error" : s.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {counts[s]}");
        }

        return accepted > 0 ? 0 : 1;
    }
}
