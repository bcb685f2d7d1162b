using HlsSwarm.WebRtc;
using Xunit;

namespace HlsSwarm.WebRtc.Tests;

public class WebRtcInfoTests
{
    [Fact]
    public void Names_the_data_channel_rfcs() => Assert.Contains("RFC 8832", WebRtcInfo.Specifications);
}
