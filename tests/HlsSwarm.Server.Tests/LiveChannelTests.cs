using HlsSwarm.Hls;
using HlsSwarm.Server.Demo;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace HlsSwarm.Server.Tests;

public class LiveChannelTests
{
    private const int Window = 12;
    private static readonly DemoCatalog Catalog = DemoCatalog.Load(RunningServer.DemoMediaDirectory);
    private static readonly int N = Catalog.Renditions[0].Segments.Count;

    private static (LiveChannel Channel, FakeTimeProvider Time) NewChannel(int window = Window)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        return (new LiveChannel(Catalog, window, time), time);
    }

    [Fact]
    public void The_demo_has_60_two_second_segments_per_rendition()
    {
        Assert.Equal(60, N);
        Assert.All(Catalog.Renditions, r => Assert.All(r.Playlist.Segments, s => Assert.Equal(2.0m, s.Duration)));
    }

    [Fact]
    public void The_window_is_full_at_start_and_slides_one_segment_per_segment_duration()
    {
        var (channel, time) = NewChannel();
        var rendition = Catalog.Renditions[0];

        var first = channel.PlaylistFor(rendition);
        Assert.Equal(0, first.MediaSequence);
        Assert.Equal(Window, first.Segments.Count);
        Assert.Equal(Enumerable.Range(0, Window).Select(i => $"seg-{i}.ts"), first.Segments.Select(s => s.Uri));

        time.Advance(TimeSpan.FromSeconds(1.999));
        Assert.Equal(0, channel.PlaylistFor(rendition).MediaSequence);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, channel.PlaylistFor(rendition).MediaSequence);

        time.Advance(TimeSpan.FromSeconds(2 * 500));
        var later = channel.PlaylistFor(rendition);
        Assert.Equal(501, later.MediaSequence);
        Assert.Equal(Window, later.Segments.Count);
        Assert.Equal($"seg-{501 + Window - 1}.ts", later.Segments[^1].Uri);
    }

    [Fact]
    public void Playlists_are_live_rfc8216_and_read_back_identically()
    {
        var (channel, time) = NewChannel();
        time.Advance(TimeSpan.FromSeconds(2 * 57));
        foreach (var rendition in Catalog.Renditions)
        {
            var playlist = channel.PlaylistFor(rendition);
            var text = MediaPlaylistWriter.Write(playlist);

            Assert.True(MediaPlaylistReader.TryRead(text, out var read, out var error), error?.ToString());
            Assert.False(read!.EndList);
            Assert.Null(read.PlaylistType);
            Assert.Equal(2, read.TargetDuration);
            Assert.Equal(playlist.MediaSequence, read.MediaSequence);
            Assert.Equal(playlist.DiscontinuitySequence, read.DiscontinuitySequence);
            Assert.Equal(playlist.Segments, read.Segments);
            Assert.All(read.Segments, s => Assert.True(s.Duration <= read.TargetDuration));
            Assert.DoesNotContain("#EXT-X-ENDLIST", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Discontinuity_tags_and_sequence_follow_the_loops()
    {
        var (channel, time) = NewChannel();
        var rendition = Catalog.Renditions[1];
        // Walk across three loop boundaries, one segment at a time.
        for (var step = 0; step < 3 * N + Window; step++)
        {
            var p = channel.PlaylistFor(rendition);
            Assert.Equal(step, p.MediaSequence);
            Assert.Equal(Window, p.Segments.Count);
            var discontinuities = 0L;
            for (var i = 0; i < p.Segments.Count; i++)
            {
                var sequence = p.MediaSequence + i;
                var startsLoop = sequence % N == 0 && sequence > 0;
                Assert.Equal(startsLoop, p.Segments[i].Discontinuity);
                if (p.Segments[i].Discontinuity)
                    discontinuities++;
                // What a player computes as the segment's discontinuity number must be its loop number.
                Assert.Equal(sequence / N, p.DiscontinuitySequence + discontinuities);
            }
            time.Advance(TimeSpan.FromSeconds(2));
        }
    }

    [Theory]
    [InlineData(59, 0)]   // window 59..70: the tag of 60 is inside
    [InlineData(60, 0)]   // 60 is first and still carries its tag
    [InlineData(61, 1)]   // the tag of 60 slid out
    [InlineData(120, 1)]
    [InlineData(121, 2)]
    public void Discontinuity_sequence_counts_the_tags_that_slid_out(long firstSequence, long expected)
    {
        var (channel, time) = NewChannel();
        time.Advance(TimeSpan.FromSeconds(2 * firstSequence));
        var p = channel.PlaylistFor(Catalog.Renditions[0]);
        Assert.Equal(firstSequence, p.MediaSequence);
        Assert.Equal(expected, p.DiscontinuitySequence);
    }

    [Fact]
    public void Live_segment_bytes_are_the_vod_segment_bytes()
    {
        var (channel, time) = NewChannel();
        time.Advance(TimeSpan.FromSeconds(2 * (N - 5)));
        foreach (var rendition in Catalog.Renditions)
        {
            foreach (var segment in channel.PlaylistFor(rendition).Segments)
            {
                var sequence = long.Parse(segment.Uri[4..^3], System.Globalization.CultureInfo.InvariantCulture);
                var expected = DemoFiles.Read($"{rendition.Name}/seg-{sequence % N}.ts");
                Assert.Equal(expected, channel.SegmentBytes(rendition, sequence));
            }
        }
    }

    [Fact]
    public void Segments_outside_the_window_and_its_grace_period_are_not_found()
    {
        var (channel, time) = NewChannel();
        time.Advance(TimeSpan.FromSeconds(2 * 100));
        var rendition = Catalog.Renditions[0];
        var first = channel.FirstSequence();
        Assert.Equal(100, first);
        var completed = first + Window;

        Assert.NotNull(channel.SegmentBytes(rendition, completed - 1));    // live edge
        Assert.Null(channel.SegmentBytes(rendition, completed));           // future
        Assert.Null(channel.SegmentBytes(rendition, completed + 1000));
        Assert.NotNull(channel.SegmentBytes(rendition, first - Window));    // slid out, still in the grace window
        Assert.Null(channel.SegmentBytes(rendition, first - Window - 1));   // long past
        Assert.Null(channel.SegmentBytes(rendition, -1));
        Assert.Null(channel.SegmentBytes(rendition, long.MaxValue));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(15)]
    [InlineData(70)]
    public void Any_window_size_stays_constant(int window)
    {
        var (channel, time) = NewChannel(window);
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(window, channel.PlaylistFor(Catalog.Renditions[0]).Segments.Count);
            time.Advance(TimeSpan.FromSeconds(0.7));
        }
    }
}
