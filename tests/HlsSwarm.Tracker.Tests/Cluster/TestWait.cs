using Xunit;

namespace HlsSwarm.Tracker.Tests.Cluster;

/// <summary>Polls a condition that another process makes true (bounded: fails after 5 s).</summary>
public static class TestWait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
