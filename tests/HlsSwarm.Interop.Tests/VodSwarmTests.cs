using HlsSwarm.Testing;
using Xunit;
using Xunit.Abstractions;

namespace HlsSwarm.Interop.Tests;

/// <summary>
/// Three real browsers (p2p-media-loader 2.3 + hls.js, our player page) watch the demo VOD through our tracker for
/// 60 s, started 2 s apart, in their own network namespace. Host candidates are IP literals here; the live test
/// covers Chromium's default mDNS names.
/// </summary>
[Collection(BrowserSwarmCollection.Name)]
public sealed class VodSwarmTests(ITestOutputHelper output)
{
    [Fact(Timeout = 180_000)]
    public async Task Three_browsers_share_the_demo_VOD_over_webrtc_with_ip_literal_candidates()
    {
        SwarmOutcome run = await SwarmExperiment.RunAsync(new SwarmSpec
        {
            Stream = DemoStreamKind.Vod,
            Viewers = 3,
            Candidates = HostCandidates.IpLiterals,
        });
        output.WriteLine(run.Summary());
        output.WriteLine(run.Describe());
        SwarmAssertions.AssertHealthy(run, minRatio: 0.4);
    }
}
