using System.Text;
using HlsSwarm.WebRtc.Stun;
using HlsSwarm.WebRtc.Tests.Ice;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Stun;

/// <summary>
/// Parsing, verifying and writing a STUN message allocates nothing (style.md convention 12). Counts bytes allocated
/// on this thread; not a timing test.
/// </summary>
public class StunAllocationTests
{
    private static readonly byte[] Check = Convert.FromHexString(ChromiumCapture.Check1);
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(ChromiumCapture.AnswerPassword);

    private static int RoundTrip(byte[] output)
    {
        var sum = 0;
        if (StunMessage.TryParse(Check, out var message) == StunDecodeError.None
            && message.VerifyFingerprint() && message.VerifyMessageIntegrity(Key))
        {
            var writer = new StunWriter(output, StunClass.SuccessResponse, StunMethod.Binding, message.TransactionId);
            writer.AddPriority(message.Priority ?? 0);
            writer.AddIceControlled(message.IceControlling ?? 0);
            writer.AddAttribute(StunAttributeType.Username, message.Username);
            writer.AddMessageIntegrity(Key);
            writer.AddFingerprint();
            sum += writer.Length;
        }

        return sum;
    }

    [Fact]
    public void Parse_verify_and_write_allocate_nothing()
    {
        var output = new byte[256];
        for (var i = 0; i < 100; i++)
        {
            RoundTrip(output); // warm up: JIT, tiering, pooled buffers
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0;
        for (var i = 0; i < 1000; i++)
        {
            total += RoundTrip(output);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(total > 0);
        Assert.Equal(0, allocated);
    }
}
