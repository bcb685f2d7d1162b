using System.Diagnostics;
using System.Net;
using HlsSwarm.WebRtc.Connection;
using HlsSwarm.WebRtc.Udp;

namespace HlsSwarm.Cli.Bench;

/// <summary>
/// Two of our <see cref="UdpPeerConnection"/>s on 127.0.0.1, offer and answer exchanged in memory (no signalling
/// server), one ordered reliable channel as p2p-media-loader opens it.
/// </summary>
internal sealed class LoopbackPeerPair : IAsyncDisposable
{
    private LoopbackPeerPair(UdpPeerConnection offerer, UdpPeerConnection answerer, UdpDataChannel offererChannel,
        UdpDataChannel answererChannel, TimeSpan setup)
    {
        Offerer = offerer;
        Answerer = answerer;
        OffererChannel = offererChannel;
        AnswererChannel = answererChannel;
        SetupTime = setup;
    }

    /// <summary>The offering side (ICE controlling, DTLS server).</summary>
    public UdpPeerConnection Offerer { get; }

    /// <summary>The answering side.</summary>
    public UdpPeerConnection Answerer { get; }

    /// <summary>The offerer's end of the channel.</summary>
    public UdpDataChannel OffererChannel { get; }

    /// <summary>The answerer's end of the channel.</summary>
    public UdpDataChannel AnswererChannel { get; }

    /// <summary>From creating the offer to the channel open on both sides (sockets and certificates made before).</summary>
    public TimeSpan SetupTime { get; }

    /// <summary>Binds both sockets, then times offer → answer → channel open on both sides.</summary>
    /// <exception cref="TimeoutException">The channel was not open on both sides within 30 s.</exception>
    public static async Task<LoopbackPeerPair> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            return await ConnectWithinAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("a loopback connection was not open on both sides within 30 s");
        }
    }

    private static async Task<LoopbackPeerPair> ConnectWithinAsync(CancellationToken cancellationToken)
    {
        var local = new IPEndPoint(IPAddress.Loopback, 0);
        var offerer = new UdpPeerConnection(new UdpPeerConnectionOptions
        {
            LocalEndPoint = local, Peer = new PeerConnectionOptions { Offerer = true },
        });
        var answerer = new UdpPeerConnection(new UdpPeerConnectionOptions
        {
            LocalEndPoint = local, Peer = new PeerConnectionOptions { Offerer = false },
        });
        try
        {
            var clock = Stopwatch.StartNew();
            var answerReady = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            Task<UdpDataChannel>? accept = null;
            var offererChannel = await offerer.ConnectAsync(
                (offer, ct) =>
                {
                    accept = answerer.AcceptAsync(offer, (answer, _) =>
                    {
                        answerReady.TrySetResult(answer);
                        return Task.CompletedTask;
                    }, ct);
                    return answerReady.Task.WaitAsync(ct);
                },
                "hlsswarm-bench",
                cancellationToken).ConfigureAwait(false);
            var answererChannel = await accept!.ConfigureAwait(false);
            clock.Stop();
            return new LoopbackPeerPair(offerer, answerer, offererChannel, answererChannel, clock.Elapsed);
        }
        catch
        {
            await offerer.DisposeAsync().ConfigureAwait(false);
            await answerer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes both connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await Offerer.DisposeAsync().ConfigureAwait(false);
        await Answerer.DisposeAsync().ConfigureAwait(false);
    }
}
