using System.Diagnostics;
using HlsSwarm.WebRtc.Dtls;
using Org.BouncyCastle.Security;
using Xunit;
using Xunit.Abstractions;

namespace HlsSwarm.WebRtc.Tests.Dtls;

/// <summary>
/// Smoke-sized measurements that also check correctness; they print the numbers. For the "dtlsOnlyMbps" ceiling run
/// with HLSSWARM_DTLS_BENCH_MB=100 (default 4 MB, to keep the suite short). Not timed asserts (style.md convention 12).
/// </summary>
public class DtlsMeasurementTests(ITestOutputHelper output)
{
    [Fact]
    public void One_way_throughput_with_1200_byte_records_is_byte_exact()
    {
        var megabytes = int.TryParse(Environment.GetEnvironmentVariable("HLSSWARM_DTLS_BENCH_MB"), out var mb) ? mb : 4;
        var options = new DtlsOptions { MaxDatagramSize = 1200 + 37, MaxReceiveDatagramSize = 1500 };
        using var pair = new DtlsPair(options);
        var transfer = new DtlsSessionTests.Transfer(megabytes << 20, seed: 3, window: 1024);
        pair.OnData = (client, data) => transfer.Receive(data);
        pair.Start();
        Assert.True(pair.WaitConnected(TimeSpan.FromSeconds(10)));
        Assert.Equal(1200, pair.Client.MaxApplicationDataLength);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var sw = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        transfer.SendAll(pair.Client, 1200);
        Assert.True(pair.WaitFor(() => transfer.Done, TimeSpan.FromSeconds(60)), $"{transfer.Received}/{transfer.Length}");
        var seconds = sw.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var records = (double)transfer.Length / 1200;
        output.WriteLine($"{megabytes} MB one way, 1200-byte records: {megabytes / seconds:0.0} MB/s = {megabytes * 8.388608 / seconds:0} Mbit/s; CPU {cpu / seconds:0.00} cores; ~{allocated / records / 1024:0.0} KB allocated per record (whole process)");
        Assert.Equal(transfer.ExpectedHash, transfer.ReceivedHash());
    }

    [Fact]
    public void Handshake_and_certificate_times_cold_and_warm()
    {
        var sw = Stopwatch.StartNew();
        var certificate = DtlsCertificate.Generate(new SecureRandom(), DateTimeOffset.UtcNow);
        var firstCertificate = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        for (var i = 0; i < 5; i++)
        {
            DtlsCertificate.Generate(new SecureRandom(), DateTimeOffset.UtcNow);
        }

        var warmCertificate = sw.Elapsed.TotalMilliseconds / 5;
        Assert.True(certificate.Fingerprint.Matches(certificate.Der));

        var times = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            using var pair = new DtlsPair();
            sw.Restart();
            pair.Start();
            Assert.True(pair.WaitConnected(TimeSpan.FromSeconds(10)));
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"certificate: first {firstCertificate:0.0} ms, then {warmCertificate:0.0} ms");
        output.WriteLine($"handshake (in memory, 6 + 7 datagrams): first {times[0]:0.0} ms, then {string.Join(", ", times.Skip(1).Select(t => t.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))} ms");
    }

    [Fact]
    public void Memory_of_idle_connected_sessions()
    {
        const int pairs = 20;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(true);
        var list = new List<DtlsPair>();
        try
        {
            for (var i = 0; i < pairs; i++)
            {
                var pair = new DtlsPair();
                list.Add(pair);
                pair.Start();
                Assert.True(pair.WaitConnected(TimeSpan.FromSeconds(10)));
            }

            var heapAfter = GC.GetTotalMemory(true);
            output.WriteLine($"managed heap per idle connected session: {(heapAfter - heapBefore) / (2.0 * pairs) / 1024:0.0} KB (plus one blocked thread with a 256 KB stack reservation)");
            Assert.All(list, p => Assert.Equal(DtlsState.Connected, p.Server.State));
        }
        finally
        {
            foreach (var pair in list)
            {
                pair.Dispose();
            }
        }
    }
}
