using System.Text;
using HlsSwarm.Protocol.Beacons;
using HlsSwarm.Server.Analytics;
using Xunit;

namespace HlsSwarm.Server.Tests.Analytics;

public class ViewerAggregatesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static Beacon Beacon(string session, long seq, string stream = AnalyticsServer.Stream)
    {
        Assert.True(BeaconReader.TryRead(Encoding.UTF8.GetBytes(AnalyticsServer.BeaconJson(session, seq, stream: stream)), BeaconLimits.Default, out var b, out _));
        return b!;
    }

    [Fact]
    public void Live_viewers_count_recent_sessions_the_asker_once_and_stop_at_the_cap()
    {
        var a = new ViewerAggregates(new AnalyticsOptions());
        for (var i = 0; i < 5; i++)
            a.Accept(Beacon($"old-viewer-{i}", 1), T0, null);
        for (var i = 0; i < 5; i++)
            a.Accept(Beacon($"new-viewer-{i}", 1), T0 + TimeSpan.FromSeconds(10), null);
        var now = T0 + TimeSpan.FromSeconds(20); // the old ones are 20 s old: not live
        Assert.Equal(5, a.LiveViewers(AnalyticsServer.Stream, "new-viewer-0", now));
        Assert.Equal(6, a.LiveViewers(AnalyticsServer.Stream, "someone-else", now));
        Assert.Equal(6, a.LiveViewers(AnalyticsServer.Stream, "old-viewer-0", now)); // asking makes it live
        Assert.Equal(5, a.LiveViewers(AnalyticsServer.Stream + "?q=1", null, now));
        Assert.Equal(3, a.LiveViewers(AnalyticsServer.Stream, "someone-else", now, cap: 3));
        Assert.Equal(1, a.LiveViewers("http://other/stream.m3u8", "someone-else", now));
        Assert.Equal([(AnalyticsServer.Stream, 5)], a.LiveViewersByStream(now));
    }

    [Fact]
    public void A_session_that_moves_to_another_stream_is_counted_there_only()
    {
        var a = new ViewerAggregates(new AnalyticsOptions());
        a.Accept(Beacon("moving-viewer", 1), T0, null);
        Assert.Equal(BeaconAcceptance.Accepted, a.Accept(Beacon("moving-viewer", 2, "http://other/live.m3u8"), T0 + TimeSpan.FromSeconds(5), null));
        var now = T0 + TimeSpan.FromSeconds(6);
        Assert.Equal(0, a.LiveViewers(AnalyticsServer.Stream, null, now));
        Assert.Equal(1, a.LiveViewers("http://other/live.m3u8", null, now));
        // Pruning the sessions keeps the streams while their series steps are retained, then drops them.
        a.Prune(now + TimeSpan.FromSeconds(1));
        Assert.Equal(0, a.SessionCount);
        Assert.Equal(2, a.LiveViewersByStream(now).Count);
        a.Prune(now + TimeSpan.FromMinutes(1));
        Assert.Empty(a.LiveViewersByStream(now));
    }

    [Fact]
    public void Stream_and_session_bounds_refuse_beacons_instead_of_growing()
    {
        var a = new ViewerAggregates(new AnalyticsOptions { MaxStreams = 2, MaxSessions = 3 });
        Assert.Equal(BeaconAcceptance.Accepted, a.Accept(Beacon("viewer-0001", 1, "http://a/1.m3u8"), T0, null));
        Assert.Equal(BeaconAcceptance.Accepted, a.Accept(Beacon("viewer-0002", 1, "http://a/2.m3u8"), T0, null));
        Assert.Equal(BeaconAcceptance.TooManyStreams, a.Accept(Beacon("viewer-0003", 1, "http://a/3.m3u8"), T0, null));
        Assert.Equal(BeaconAcceptance.Accepted, a.Accept(Beacon("viewer-0003", 1, "http://a/1.m3u8?x"), T0, null));
        Assert.Equal(BeaconAcceptance.TooManySessions, a.Accept(Beacon("viewer-0004", 1, "http://a/1.m3u8"), T0, null));
        Assert.Equal(BeaconAcceptance.Accepted, a.Accept(Beacon("viewer-0001", 2, "http://a/1.m3u8"), T0, null));
        Assert.Equal(3, a.SessionCount);
    }
}
