using HlsSwarm.Testing;
using Xunit;
using Xunit.Abstractions;

namespace HlsSwarm.Interop.Tests;

/// <summary>
/// Three real browsers watch the demo live channel through our tracker for 60 s, started 2 s apart, with
/// Chromium's default mDNS host candidates (as browsers in the wild send them).
/// </summary>
[Collection(BrowserSwarmCollection.Name)]
public sealed class LiveSwarmTests(ITestOutputHelper output)
{
    [Fact(Timeout = 180_000)]
    public async Task Three_browsers_share_the_demo_live_channel_over_webrtc_with_mdns_candidates()
    {
        SwarmOutcome run = await SwarmExperiment.RunAsync(new SwarmSpec
        {
            Stream = DemoStreamKind.Live,
            Viewers = 3,
            Candidates = HostCandidates.Mdns,
        });
        output.WriteLine(run.Summary());
        output.WriteLine(run.Describe());
        SwarmAssertions.AssertHealthy(run, minRatio: 0.3);
    }
}
