using System.Diagnostics;
using System.Net;
using HlsSwarm.WebRtc.Connection;

namespace HlsSwarm.WebRtc.Udp.Tests;

/// <summary>Two <see cref="UdpPeerConnection"/>s on 127.0.0.1 with offer and answer exchanged in memory.</summary>
internal sealed class LoopbackPair : IAsyncDisposable
{
    private LoopbackPair(UdpPeerConnection offerer, UdpPeerConnection answerer, UdpDataChannel offererChannel, UdpDataChannel answererChannel, TimeSpan setup)
    {
        Offerer = offerer;
        Answerer = answerer;
        OffererChannel = offererChannel;
        AnswererChannel = answererChannel;
        SetupTime = setup;
    }

    public UdpPeerConnection Offerer { get; }

    public UdpPeerConnection Answerer { get; }

    public UdpDataChannel OffererChannel { get; }

    public UdpDataChannel AnswererChannel { get; }

    /// <summary>From creating the offer to both channel ends open (sockets and certificates made before).</summary>
    public TimeSpan SetupTime { get; }

    public static async Task<LoopbackPair> ConnectAsync(string label = "p2pml", CancellationToken cancellationToken = default, IPAddress? address = null, TimeProvider? time = null, PeerConnectionOptions? peer = null)
    {
        var local = new IPEndPoint(address ?? IPAddress.Loopback, 0);
        peer ??= new PeerConnectionOptions();
        var offerer = new UdpPeerConnection(new UdpPeerConnectionOptions { LocalEndPoint = local, TimeProvider = time ?? TimeProvider.System, Peer = peer with { Offerer = true } });
        var answerer = new UdpPeerConnection(new UdpPeerConnectionOptions { LocalEndPoint = local, TimeProvider = time ?? TimeProvider.System, Peer = peer with { Offerer = false } });
        var stopwatch = Stopwatch.StartNew();
        var answerReady = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<UdpDataChannel>? accept = null;

        // The signalling path: the offer goes to the answerer, whose answer comes back.
        var connect = offerer.ConnectAsync(
            (offer, ct) =>
            {
                accept = answerer.AcceptAsync(offer, (answer, _) =>
                {
                    answerReady.TrySetResult(answer);
                    return Task.CompletedTask;
                }, ct);
                return answerReady.Task.WaitAsync(ct);
            },
            label,
            cancellationToken);
        var offererChannel = await connect.ConfigureAwait(false);
        var answererChannel = await accept!.ConfigureAwait(false);
        stopwatch.Stop();
        return new LoopbackPair(offerer, answerer, offererChannel, answererChannel, stopwatch.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        await Offerer.DisposeAsync().ConfigureAwait(false);
        await Answerer.DisposeAsync().ConfigureAwait(false);
    }
}
