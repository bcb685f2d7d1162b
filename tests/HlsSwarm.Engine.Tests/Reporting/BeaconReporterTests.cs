using HlsSwarm.Engine.Reporting;
using HlsSwarm.Protocol.Beacons;
using Xunit;

namespace HlsSwarm.Engine.Tests.Reporting;

public class BeaconReporterTests
{
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(1000);

    private static BeaconReporter NewReporter(TimeSpan? interval = null) =>
        new(new BeaconReporterOptions
        {
            SessionId = "engine-session-1",
            Stream = "http://127.0.0.1:8080/demo/live/master.m3u8",
            ClientVersion = "0.1.0",
            Interval = interval ?? TimeSpan.FromSeconds(5),
        }, T0);

    private static Beacon RoundTrip(Beacon beacon)
    {
        var bytes = BeaconWriter.ToUtf8(beacon);
        Assert.True(BeaconReader.TryRead(bytes, BeaconLimits.Default, out var read, out var error), error.Message);
        Assert.Equal(bytes, BeaconWriter.ToUtf8(read!));
        return read!;
    }

    [Fact]
    public void The_first_beacon_is_due_at_once_and_the_next_one_interval_later()
    {
        var r = NewReporter();
        Assert.Equal(T0, r.PollTimeout());
        Assert.True(r.TryPollBeacon(T0, out var first));
        Assert.Equal(1, first!.Seq);
        Assert.Equal(T0 + TimeSpan.FromSeconds(5), r.PollTimeout());
        Assert.False(r.TryPollBeacon(T0 + TimeSpan.FromSeconds(4.999), out var none));
        Assert.Null(none);
        Assert.True(r.TryPollBeacon(T0 + TimeSpan.FromSeconds(5), out var second));
        Assert.Equal(2, second!.Seq);
        r.Interval = TimeSpan.FromSeconds(2);
        Assert.Equal(3, r.Flush(T0 + TimeSpan.FromSeconds(6)).Seq);
        Assert.Equal(T0 + TimeSpan.FromSeconds(8), r.PollTimeout());
    }

    [Fact]
    public void Counters_are_cumulative_and_errors_are_sent_once()
    {
        var r = NewReporter();
        r.PeerId = "-EN0001-AAAAAAAAAAAA";
        r.AddHttpBytes(1000);
        r.AddP2pBytes(300);
        r.AddUploadedBytes(50);
        r.AddHttpBytes(-5); // ignored, never negative
        r.PeerTransfer("peer-B", 300, 0);
        r.PeerConnectAttempt();
        r.PeerConnectAttempt();
        r.PeerConnectFailed("timeout");
        r.SetConnectedPeers(1);
        r.ReportError("networkError", "fragLoadError");
        var b1 = RoundTrip(r.Flush(T0));
        Assert.Equal((1000, 300, 50), (b1.HttpBytes, b1.P2pBytes, b1.UploadedBytes));
        Assert.Equal([new BeaconTransfer("peer-B", 300, 0)], b1.Transfers);
        Assert.Equal((2, 1), (b1.PeerAttempts, b1.PeersConnected));
        Assert.Equal([new BeaconFailureCount("timeout", 1)], b1.Failures);
        Assert.Equal([new BeaconPlayerError("networkError", "fragLoadError")], b1.Errors);
        Assert.Equal(BeaconClientKind.Engine, b1.ClientKind);
        Assert.Equal("-EN0001-AAAAAAAAAAAA", b1.PeerId);

        r.AddHttpBytes(500);
        r.PeerTransfer("peer-B", 100, 20);
        r.PeerConnectFailed("timeout");
        var b2 = RoundTrip(r.Flush(T0 + TimeSpan.FromSeconds(5)));
        Assert.Equal(1500, b2.HttpBytes);
        Assert.Equal([new BeaconTransfer("peer-B", 400, 20)], b2.Transfers);
        Assert.Equal([new BeaconFailureCount("timeout", 2)], b2.Failures);
        Assert.Empty(b2.Errors);
    }

    [Fact]
    public void Startup_stalls_and_playing_time_are_measured_from_the_times_passed_in()
    {
        var r = NewReporter();
        Assert.Null(r.Flush(T0).StartupMs);
        r.FirstFrame(T0 + TimeSpan.FromMilliseconds(812));
        r.FirstFrame(T0 + TimeSpan.FromSeconds(9)); // only the first counts
        r.PlayingStarted(T0 + TimeSpan.FromMilliseconds(812));
        r.StallStarted(T0 + TimeSpan.FromMilliseconds(10_812));
        var during = r.Flush(T0 + TimeSpan.FromMilliseconds(11_312));
        Assert.Equal(812, during.StartupMs);
        Assert.Equal((1, 500, 10_000), (during.StallCount, during.StallMs, during.PlayingMs));
        r.StallEnded(T0 + TimeSpan.FromMilliseconds(12_812));
        var after = r.Flush(T0 + TimeSpan.FromMilliseconds(14_812));
        Assert.Equal((1, 2000, 12_000), (after.StallCount, after.StallMs, after.PlayingMs));
        r.PlayingStopped(T0 + TimeSpan.FromMilliseconds(15_812));
        Assert.Equal(13_000, r.Flush(T0 + TimeSpan.FromSeconds(100)).PlayingMs);
    }

    [Fact]
    public void Beacons_stay_within_the_limits()
    {
        var r = NewReporter();
        r.Rendition = new string('r', 200);
        r.PeerId = new string('p', 100);
        for (var i = 0; i < 30; i++)
            r.PeerConnectFailed($"reason-{i}");
        for (var i = 0; i < 100; i++)
            r.PeerTransfer($"peer-{i:D3}", i, 0);
        for (var i = 0; i < 15; i++)
            r.ReportError(new string('k', 100), new string('m', 600));
        r.SetConnectedPeers(1_000_000);
        var b = RoundTrip(r.Flush(T0));
        Assert.Equal(128, b.Rendition.Length);
        Assert.Equal(64, b.PeerId!.Length);
        Assert.Equal(16, b.Failures.Count);
        Assert.Equal(new BeaconFailureCount("other", 15), b.Failures[^1]);
        Assert.Equal(30, b.Failures.Sum(f => f.Count));
        Assert.Equal(64, b.Transfers.Count);
        Assert.Equal("peer-099", b.Transfers[0].PeerId); // the peers with the most bytes are kept
        Assert.DoesNotContain(b.Transfers, t => t.PeerId == "peer-035");
        Assert.Equal(10, b.Errors.Count);
        Assert.Equal(10_000, b.PeersConnected);
    }

    [Fact]
    public void A_beacon_full_of_long_non_ascii_text_is_shrunk_to_the_size_limit()
    {
        var r = NewReporter();
        for (var i = 0; i < 64; i++)
            r.PeerTransfer(i + string.Concat(Enumerable.Repeat("😀", 31)), 1000 + i, 0);
        for (var i = 0; i < 10; i++)
            r.ReportError("重" + i, new string('重', 512));
        var beacon = r.Flush(T0);
        var bytes = BeaconWriter.ToUtf8(beacon);
        Assert.InRange(bytes.Length, 1, BeaconLimits.Default.MaxBytes);
        RoundTrip(beacon);
        // Shortened messages first, then the smaller half of the transfers; every error is kept.
        Assert.Equal(10, beacon.Errors.Count);
        Assert.All(beacon.Errors, e => Assert.Equal(64, e.Message.Length));
        Assert.Equal(32, beacon.Transfers.Count);
        Assert.Equal(1063, beacon.Transfers.Max(t => t.Down));
        Assert.Equal(1032, beacon.Transfers.Min(t => t.Down));
    }

    [Fact]
    public void Cutting_text_never_splits_a_surrogate_pair()
    {
        var r = NewReporter();
        r.Rendition = new string('a', 127) + "😀😀";
        var b = RoundTrip(r.Flush(T0));
        Assert.Equal(new string('a', 127), b.Rendition);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has spaces in it")]
    public void An_invalid_session_id_is_a_programming_error(string sessionId)
    {
        Assert.Throws<ArgumentException>(() => new BeaconReporter(new BeaconReporterOptions { SessionId = sessionId, Stream = "s" }, T0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    public void Random_event_sequences_give_valid_increasing_beacons(int seed)
    {
        var rng = new Random(seed);
        var r = NewReporter(TimeSpan.FromMilliseconds(rng.Next(100, 5000)));
        var now = T0;
        Beacon? last = null;
        for (var step = 0; step < 2000; step++)
        {
            now += TimeSpan.FromMilliseconds(rng.Next(0, 300));
            switch (rng.Next(12))
            {
                case 0: r.AddHttpBytes(rng.NextInt64(-10, 1L << 40)); break;
                case 1: r.AddP2pBytes(rng.NextInt64(0, 1L << 50)); break;
                case 2: r.AddUploadedBytes(rng.NextInt64(0, 1L << 20)); break;
                case 3: r.PeerTransfer($"peer-{rng.Next(80)}", rng.Next(10_000), rng.Next(10_000)); break;
                case 4: r.PeerConnectFailed($"r{rng.Next(40)}"); break;
                case 5: r.StallStarted(now); break;
                case 6: r.StallEnded(now); break;
                case 7: r.PlayingStarted(now); break;
                case 8: r.ReportError("e", new string('x', rng.Next(1000))); break;
                case 9: r.FirstFrame(now); break;
                case 10: r.LiveLatencyMs = rng.Next(2) == 0 ? null : rng.Next(-5, 100_000); break;
                default: r.SetConnectedPeers(rng.Next(-3, 50)); break;
            }

            if (r.TryPollBeacon(now, out var beacon))
            {
                var b = RoundTrip(beacon!);
                if (last is not null)
                {
                    Assert.Equal(last.Seq + 1, b.Seq);
                    Assert.True(b.HttpBytes >= last.HttpBytes && b.P2pBytes >= last.P2pBytes && b.StallMs >= last.StallMs && b.PlayingMs >= last.PlayingMs);
                }

                last = b;
            }
        }

        Assert.NotNull(last);
    }
}
