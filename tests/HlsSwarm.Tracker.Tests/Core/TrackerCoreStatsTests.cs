using Xunit;
using static HlsSwarm.Tracker.Tests.Messages;

namespace HlsSwarm.Tracker.Tests.Core;

public class TrackerCoreStatsTests
{
    [Fact]
    public void Largest_swarms_are_listed_first_and_capped()
    {
        var h = new CoreHarness();
        for (var s = 0; s < 5; s++)
        {
            for (var p = 0; p <= s; p++)
            {
                h.Send((s * 10) + p + 1, Announce($"SWARM-{s}-000000000000", $"-PM0203-{p:D12}"));
            }
        }

        var top = h.Core.ListLargestSwarms(2);
        Assert.Equal([new KeyValuePair<string, int>("SWARM-4-000000000000", 5), new("SWARM-3-000000000000", 4)], top);
        Assert.Equal(5, h.Core.ListLargestSwarms(100).Count);
        Assert.Equal(15, h.Core.Counters.Peers);
    }

    [Fact]
    public void Scrape_of_all_swarms_is_capped()
    {
        var h = new CoreHarness(new TrackerOptions { MaxScrapeInfoHashes = 3 });
        for (var s = 0; s < 5; s++)
        {
            h.Send(s + 1, Announce($"SWARM-{s}-000000000000", PeerA));
        }

        var all = Assert.Single(h.Send(9, "{\"action\":\"scrape\"}"));
        Assert.Equal(3, all.Json.GetProperty("files").EnumerateObject().Count());
    }
}
