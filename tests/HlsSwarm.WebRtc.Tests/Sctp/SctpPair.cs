using HlsSwarm.Netem;
using HlsSwarm.WebRtc.Sctp;

namespace HlsSwarm.WebRtc.Tests.Sctp;

/// <summary>Two associations joined by two <see cref="NetemLink"/>s in virtual time (<see cref="VirtualTimePair{TPeer, TEvent}"/>).</summary>
internal sealed class SctpPair : VirtualTimePair<SctpAssociation, SctpEvent>
{
    public SctpPair(int seed, NetemConfig link, SctpOptions? optionsA = null, SctpOptions? optionsB = null, NetemConfig? linkBack = null)
        : this(seed, new Random(seed), link, optionsA, optionsB, linkBack)
    {
    }

    private SctpPair(int seed, Random random, NetemConfig link, SctpOptions? optionsA, SctpOptions? optionsB, NetemConfig? linkBack)
        : base(
            new SctpAssociation(optionsA ?? new SctpOptions(), new Random(random.Next())),
            new SctpAssociation(optionsB ?? new SctpOptions(), new Random(random.Next())),
            new NetemLink(link, new Random(random.Next())),
            new NetemLink(linkBack ?? link, new Random(random.Next())))
    {
        Seed = seed;
    }

    public int Seed { get; }

    public IEnumerable<SctpMessage> MessagesAtB => EventsB.Where(e => e.Kind == SctpEventKind.Message).Select(e => e.Message);

    public IEnumerable<SctpMessage> MessagesAtA => EventsA.Where(e => e.Kind == SctpEventKind.Message).Select(e => e.Message);

    public void Connect(bool both = false)
    {
        A.Connect(Now);
        if (both)
        {
            B.Connect(Now);
        }
    }
}
