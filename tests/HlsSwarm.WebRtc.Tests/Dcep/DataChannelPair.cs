using HlsSwarm.Netem;
using HlsSwarm.WebRtc.Dcep;
using HlsSwarm.WebRtc.Sctp;

namespace HlsSwarm.WebRtc.Tests.Dcep;

/// <summary>Two data-channel endpoints (A is the DTLS client) over two Netem links in virtual time.</summary>
internal sealed class DataChannelPair
{
    private readonly byte[] buffer = new byte[65536];

    public DataChannelPair(int seed, NetemConfig link)
    {
        var random = new Random(seed);
        A = new DataChannelEndpoint(new SctpAssociation(new SctpOptions(), new Random(random.Next())), dtlsClient: true);
        B = new DataChannelEndpoint(new SctpAssociation(new SctpOptions(), new Random(random.Next())), dtlsClient: false);
        AtoB = new NetemLink(link, new Random(random.Next()));
        BtoA = new NetemLink(link, new Random(random.Next()));
    }

    public DataChannelEndpoint A { get; }

    public DataChannelEndpoint B { get; }

    public NetemLink AtoB { get; }

    public NetemLink BtoA { get; }

    public long Now { get; private set; }

    public List<DataChannelEvent> EventsA { get; } = [];

    public List<DataChannelEvent> EventsB { get; } = [];

    public bool RunUntil(Func<bool> done, TimeSpan limit)
    {
        var deadline = Now + limit.Ticks;
        while (true)
        {
            Pump();
            if (done())
            {
                return true;
            }

            var next = new[] { A.PollTimeout(), B.PollTimeout(), AtoB.PollTimeout(), BtoA.PollTimeout() }.Where(t => t is not null).Min();
            if (next is null || next > deadline)
            {
                Now = deadline;
                return done();
            }

            Now = Math.Max(Now, next.Value);
            if (A.PollTimeout() <= Now)
            {
                A.HandleTimeout(Now);
            }

            if (B.PollTimeout() <= Now)
            {
                B.HandleTimeout(Now);
            }
        }
    }

    private void Pump()
    {
        bool any;
        do
        {
            any = false;
            while (A.TryPollTransmit(Now, buffer, out var n))
            {
                AtoB.Send(Now, buffer.AsSpan(0, n));
                any = true;
            }

            while (B.TryPollTransmit(Now, buffer, out var n))
            {
                BtoA.Send(Now, buffer.AsSpan(0, n));
                any = true;
            }

            while (AtoB.TryReceive(Now, out var d))
            {
                B.HandleReceive(Now, d);
                any = true;
            }

            while (BtoA.TryReceive(Now, out var d))
            {
                A.HandleReceive(Now, d);
                any = true;
            }

            while (A.TryPollEvent(out var e))
            {
                EventsA.Add(e);
                any = true;
            }

            while (B.TryPollEvent(out var e))
            {
                EventsB.Add(e);
                any = true;
            }
        }
        while (any);
    }
}
