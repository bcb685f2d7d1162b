using HlsSwarm.Netem;

namespace HlsSwarm.WebRtc.Tests;

/// <summary>
/// Two sans-I/O endpoints joined by two <see cref="NetemLink"/>s in virtual time (style.md convention 8): each step
/// runs whichever of the four (two peers, two links) is due first.
/// </summary>
internal class VirtualTimePair<TPeer, TEvent>
    where TPeer : ISansIoEndpoint<TEvent>
{
    private readonly byte[] buffer = new byte[65536];

    protected VirtualTimePair(TPeer a, TPeer b, NetemLink aToB, NetemLink bToA)
    {
        A = a;
        B = b;
        AtoB = aToB;
        BtoA = bToA;
    }

    public TPeer A { get; }

    public TPeer B { get; }

    public NetemLink AtoB { get; }

    public NetemLink BtoA { get; }

    /// <summary>Virtual time in ticks.</summary>
    public long Now { get; private set; }

    public List<TEvent> EventsA { get; } = [];

    public List<TEvent> EventsB { get; } = [];

    /// <summary>When false, B's events stay queued (an application that does not read), so B's window closes.</summary>
    public bool DrainB { get; set; } = true;

    /// <summary>Optional filter on packets from A to B; return false to drop.</summary>
    public Func<byte[], bool>? FilterAtoB { get; set; }

    /// <summary>Runs until <paramref name="done"/> holds or <paramref name="limit"/> of virtual time passes; true if done.</summary>
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

            var next = Min(Min(A.PollTimeout(), B.PollTimeout()), Min(AtoB.PollTimeout(), BtoA.PollTimeout()));
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

    /// <summary>Runs for a fixed span of virtual time.</summary>
    public void RunFor(TimeSpan span) => RunUntil(() => false, span);

    private void Pump()
    {
        bool any;
        do
        {
            any = false;
            while (A.TryPollTransmit(Now, buffer, out var n))
            {
                var packet = buffer[..n];
                if (FilterAtoB?.Invoke(packet) ?? true)
                {
                    AtoB.Send(Now, packet);
                }

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

            while (DrainB && B.TryPollEvent(out var e))
            {
                EventsB.Add(e);
                any = true;
            }
        }
        while (any);
    }

    private static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
