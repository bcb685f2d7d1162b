using HlsSwarm.Tracker.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HlsSwarm.Tracker.Tests.Endpoint;

public class OptionsValidationTests
{
    public static TheoryData<TrackerOptions, TrackerEndpointOptions, string> Nonsense => new()
    {
        { new TrackerOptions { MaxSwarmsPerConnection = -1 }, new TrackerEndpointOptions(), "MaxSwarmsPerConnection" },
        { new TrackerOptions(), new TrackerEndpointOptions { MaxFrameBytes = 10 }, "MaxFrameBytes" },
        { new TrackerOptions(), new TrackerEndpointOptions { MaxConnectionsPerIp = -5 }, "MaxConnectionsPerIp" },
        { new TrackerOptions { AnnounceInterval = TimeSpan.FromSeconds(120) }, new TrackerEndpointOptions { IdleTimeout = TimeSpan.FromSeconds(120) }, "IdleTimeout" },
        { new TrackerOptions(), new TrackerEndpointOptions { MaxSendQueueBytes = 1000 }, "MaxSendQueueBytes" },
    };

    [Theory, MemberData(nameof(Nonsense))]
    public void AddHlsSwarmTracker_rejects_nonsense_with_a_clear_message(TrackerOptions core, TrackerEndpointOptions endpoint, string named)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddHlsSwarmTracker(core, endpoint));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_valid()
    {
        new ServiceCollection().AddHlsSwarmTracker();
    }
}
