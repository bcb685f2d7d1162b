using System.Globalization;
using HlsSwarm.Protocol.Peer;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Peer;

/// <summary>spec §9.6 and §4.6: the requester state machine, fed with real bytes through the joiner.</summary>
public class PeerDownloadTests
{
    private const long Ms = 1; // virtual ticks are milliseconds here
    private const long Timeout = 2000 * Ms;

    /// <summary>Sends <paramref name="command"/> as bytes through the joiner and hands the decoded command to the download.</summary>
    private static void Deliver(CommandJoiner joiner, PeerDownload download, long now, IPeerCommand command)
    {
        foreach (var message in CommandSplit.Split(new Boxed(command), CommandSplit.DefaultMaxMessageSize))
        {
            Receive(joiner, download, now, message);
        }
    }

    private static void Receive(CommandJoiner joiner, PeerDownload download, long now, byte[] message)
    {
        switch (joiner.Push(message, out var body))
        {
            case JoinResult.SegmentData:
                download.OnData(now, message.Length);
                break;
            case JoinResult.CommandCompleted:
                Assert.Equal(PeerDecodeError.None, Decode.Any(body, out var command));
                switch (command)
                {
                    case SegmentDataCommand d: download.OnSegmentData(now, d); break;
                    case SegmentDataSendingCompletedCommand c: download.OnCompleted(c); break;
                    case SegmentAbsentCommand a: download.OnAbsent(a); break;
                }

                break;
        }
    }

    [Theory, MemberData(nameof(Vectors.MisbehavingUploader), MemberType = typeof(Vectors))]
    public void Spec_9_6_js_requester_reactions(string script, PeerDownloadError error, bool closes, bool cancels)
    {
        long now = 0;
        var download = new PeerDownload(now, segmentId: 42, requestId: 517, loadedBytes: 0, totalBytes: null, Timeout);
        var joiner = new CommandJoiner();
        Assert.Equal(new SegmentRequestCommand(42, 517), download.Request);
        foreach (var step in script.Split(';'))
        {
            var parts = step.Split(' ');
            var n = parts.Length > 1 ? long.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
            switch (parts[0])
            {
                case "H": Deliver(joiner, download, now, new SegmentDataCommand(42, n, 517)); break;
                case "H!": Deliver(joiner, download, now, new SegmentDataCommand(42, n, 518)); break;
                case "D": Receive(joiner, download, now, new byte[n]); break;
                case "C": Deliver(joiner, download, now, new SegmentDataSendingCompletedCommand(42, 517)); break;
                case "C!": Deliver(joiner, download, now, new SegmentDataSendingCompletedCommand(42, 518)); break;
                case "A": Deliver(joiner, download, now, new SegmentAbsentCommand(42, 517)); break;
                case "T":
                    now += n * Ms;
                    download.HandleTimeout(now);
                    break;
            }
        }

        Assert.Equal(error, download.Error);
        Assert.Equal(error == PeerDownloadError.None, download.Succeeded);
        Assert.Equal(closes, download.CloseConnection);
        Assert.Equal(cancels ? new CancelSegmentRequestCommand(42, 517) : null, download.CancelToSend);
        if (error == PeerDownloadError.None)
        {
            Assert.Equal(10, download.LoadedBytes);
        }
    }

    [Fact]
    public void Spec_9_5_resume_with_known_total_succeeds()
    {
        var download = new PeerDownload(0, 42, 732, loadedBytes: 1000, totalBytes: 150_000, Timeout);
        Assert.Equal("637374720169012a720202dc620203e863656e64", Convert.ToHexStringLower(CommandSplit.Split(download.Request, 65535)[0]));
        download.OnSegmentData(10, new SegmentDataCommand(42, 149_000, 732));
        Assert.True(download.OnData(20, 65535));
        Assert.True(download.OnData(30, 65535));
        Assert.True(download.OnData(40, 17930));
        download.OnCompleted(new SegmentDataSendingCompletedCommand(42, 732));
        Assert.True(download.Succeeded);
        Assert.Equal(150_000, download.LoadedBytes);
        Assert.Null(download.PollTimeout());
    }

    [Fact]
    public void Wrong_size_with_known_total_cancels_and_closes()
    {
        var download = new PeerDownload(0, 42, 1, loadedBytes: 1000, totalBytes: 150_000, Timeout);
        download.OnSegmentData(0, new SegmentDataCommand(42, 150_000, 1));
        Assert.Equal(PeerDownloadError.PeerResponseBytesLengthMismatch, download.Error);
        Assert.True(download.CloseConnection);
        Assert.Equal(new CancelSegmentRequestCommand(42, 1), download.CancelToSend);
        Assert.Equal(0, download.LoadedBytes);
    }

    [Fact]
    public void Bytes_restart_the_timer_and_timeouts_keep_loaded_bytes()
    {
        var download = new PeerDownload(0, 7, 3, 0, null, Timeout);
        download.OnSegmentData(1500, new SegmentDataCommand(7, 1000, 3));
        Assert.Equal(3500, download.PollTimeout());
        download.HandleTimeout(3000);
        Assert.False(download.IsFinished);
        Assert.True(download.OnData(3000, 400));
        download.HandleTimeout(5000);
        Assert.Equal(PeerDownloadError.BytesReceivingTimeout, download.Error);
        Assert.True(download.KeepsLoadedBytes);
        Assert.Equal(400, download.LoadedBytes);
        Assert.False(download.CloseConnection);
    }

    [Fact]
    public void Abort_sends_cancel_and_keeps_bytes()
    {
        var download = new PeerDownload(0, 7, 3, 100, null, Timeout);
        download.Abort();
        Assert.Equal(PeerDownloadError.Aborted, download.Error);
        Assert.Equal(new CancelSegmentRequestCommand(7, 3), download.CancelToSend);
        Assert.Equal(100, download.LoadedBytes);
    }

    [Fact]
    public void Absent_for_another_request_is_ignored()
    {
        var download = new PeerDownload(0, 7, 3, 0, null, Timeout);
        download.OnAbsent(new SegmentAbsentCommand(7, 4));
        download.OnAbsent(new SegmentAbsentCommand(8, 3));
        Assert.False(download.IsFinished);
    }

    /// <summary>Lets a boxed command go through the generic splitter.</summary>
    private readonly record struct Boxed(IPeerCommand Inner) : IPeerCommand
    {
        public PeerCommandType Type => Inner.Type;

        public int GetSerializedLength() => Inner.GetSerializedLength();

        public int WriteTo(Span<byte> destination) => Inner.WriteTo(destination);
    }
}
