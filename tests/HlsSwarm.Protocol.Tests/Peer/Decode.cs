using HlsSwarm.Protocol.Peer;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Peer;

/// <summary>Test helper: decodes any command body to a boxed command.</summary>
internal static class Decode
{
    public static PeerDecodeError Any(ReadOnlySpan<byte> body, out IPeerCommand? command)
    {
        command = null;
        var error = PeerCommand.TryReadType(body, out var type);
        if (error != PeerDecodeError.None)
        {
            return error;
        }

        int consumed;
        switch (type)
        {
            case PeerCommandType.SegmentsAnnouncement:
                error = SegmentsAnnouncementCommand.TryRead(body, out var a, out consumed);
                command = a;
                break;
            case PeerCommandType.SegmentRequest:
                error = SegmentRequestCommand.TryRead(body, out var r, out consumed);
                command = r;
                break;
            case PeerCommandType.SegmentData:
                error = SegmentDataCommand.TryRead(body, out var d, out consumed);
                command = d;
                break;
            case PeerCommandType.SegmentDataSendingCompleted:
                error = SegmentDataSendingCompletedCommand.TryRead(body, out var c, out consumed);
                command = c;
                break;
            case PeerCommandType.SegmentAbsent:
                error = SegmentAbsentCommand.TryRead(body, out var x, out consumed);
                command = x;
                break;
            default:
                error = CancelSegmentRequestCommand.TryRead(body, out var k, out consumed);
                command = k;
                break;
        }

        if (error == PeerDecodeError.None)
        {
            Assert.Equal(body.Length, consumed);
        }
        else
        {
            command = null;
        }

        return error;
    }

    public static byte[] Body(IPeerCommand command)
    {
        var body = new byte[command.GetSerializedLength()];
        Assert.Equal(body.Length, command.WriteTo(body));
        return body;
    }
}
