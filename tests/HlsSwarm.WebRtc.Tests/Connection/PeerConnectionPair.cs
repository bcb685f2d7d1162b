using Xunit;
using System.Diagnostics;
using System.Net;
using HlsSwarm.WebRtc.Connection;
using HlsSwarm.WebRtc.Dtls;
using Org.BouncyCastle.Security;

namespace HlsSwarm.WebRtc.Tests.Connection;

/// <summary>
/// Two <see cref="PeerConnection"/>s wired back to back in memory (no sockets). Time is real because DTLS runs its
/// own handshake thread with real-time timers; the pump copies every datagram to the other side at once.
/// </summary>
internal sealed class PeerConnectionPair : IDisposable
{
    public static readonly IPEndPoint OffererAddress = new(IPAddress.Parse("192.0.2.1"), 40001);
    public static readonly IPEndPoint AnswererAddress = new(IPAddress.Parse("192.0.2.2"), 40002);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly byte[] _buffer = new byte[2048];

    public PeerConnectionPair(int seed = 1, PeerConnectionOptions? offererOptions = null, PeerConnectionOptions? answererOptions = null, Action? offererWake = null)
    {
        var secure = new SecureRandom();
        Offerer = new PeerConnection(offererOptions ?? new PeerConnectionOptions { Offerer = true }, DtlsCertificate.Generate(secure, DateTimeOffset.UtcNow), new Random(seed), secure, offererWake);
        Answerer = new PeerConnection(answererOptions ?? new PeerConnectionOptions { Offerer = false }, DtlsCertificate.Generate(secure, DateTimeOffset.UtcNow), new Random(seed + 1), secure);
        Offerer.AddLocalCandidate(OffererAddress);
        Answerer.AddLocalCandidate(AnswererAddress);
    }

    public PeerConnection Offerer { get; }

    public PeerConnection Answerer { get; }

    public List<PeerConnectionEvent> OffererEvents { get; } = [];

    public List<PeerConnectionEvent> AnswererEvents { get; } = [];

    public long Now => _clock.Elapsed.Ticks;

    /// <summary>DTLS datagrams (first byte 20–63, RFC 7983) delivered to the offerer.</summary>
    public int DtlsDeliveredToOfferer { get; private set; }

    /// <summary>Offer/answer in memory; returns the two SDP texts.</summary>
    public (string Offer, string Answer) Negotiate()
    {
        var offer = Offerer.CreateOffer();
        Assert.Equal(PeerConnectionError.None, Answerer.SetRemoteDescription(offer));
        var answer = Answerer.CreateAnswer();
        Assert.Equal(PeerConnectionError.None, Offerer.SetRemoteDescription(answer));
        return (offer, answer);
    }

    /// <summary>Pumps both sides until <paramref name="done"/> holds; fails after <paramref name="timeout"/>.</summary>
    public void RunUntil(Func<bool> done, TimeSpan timeout)
    {
        var end = _clock.Elapsed + timeout;
        while (!done())
        {
            Assert.True(_clock.Elapsed < end, "Timed out. Offerer events: " + string.Join(", ", OffererEvents.Select(e => e.Kind + ":" + e.Reason))
                + "; answerer events: " + string.Join(", ", AnswererEvents.Select(e => e.Kind + ":" + e.Reason)));
            if (!Step())
            {
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>One round: timers, datagrams both ways, events. True when anything moved.</summary>
    public bool Step()
    {
        var now = Now;
        var moved = false;
        foreach (var (from, to, fromAddress, toAddress, events) in new[]
                 {
                     (Offerer, Answerer, OffererAddress, AnswererAddress, OffererEvents),
                     (Answerer, Offerer, AnswererAddress, OffererAddress, AnswererEvents),
                 })
        {
            if (from.PollTimeout() is { } due && due <= now)
            {
                from.HandleTimeout(now);
            }
            else
            {
                from.HandleTimeout(now); // DTLS output appears asynchronously; polling it is cheap.
            }

            while (from.TryPollTransmit(now, _buffer, out var t))
            {
                Assert.Equal(fromAddress, t.LocalSocket);
                Assert.Equal(toAddress, t.Destination);
                if (to == Offerer && _buffer[0] is >= 20 and <= 63)
                {
                    DtlsDeliveredToOfferer++;
                }

                to.HandleReceive(now, _buffer.AsSpan(0, t.Length), fromAddress, toAddress);
                moved = true;
            }

            while (from.TryPollEvent(out var e))
            {
                events.Add(e);
                moved = true;
            }
        }

        return moved;
    }

    public void Dispose()
    {
        Offerer.Dispose();
        Answerer.Dispose();
    }
}
