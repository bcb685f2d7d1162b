using HlsSwarm.Netem;
using HlsSwarm.WebRtc.Dcep;
using HlsSwarm.WebRtc.Sctp;

namespace HlsSwarm.WebRtc.Tests.Dcep;

/// <summary>Two data-channel endpoints (A is the DTLS client) over two Netem links in virtual time.</summary>
internal sealed class DataChannelPair : VirtualTimePair<DataChannelEndpoint, DataChannelEvent>
{
    public DataChannelPair(int seed, NetemConfig link)
        : this(new Random(seed), link)
    {
    }

    private DataChannelPair(Random random, NetemConfig link)
        : base(
            new DataChannelEndpoint(new SctpAssociation(new SctpOptions(), new Random(random.Next())), dtlsClient: true),
            new DataChannelEndpoint(new SctpAssociation(new SctpOptions(), new Random(random.Next())), dtlsClient: false),
            new NetemLink(link, new Random(random.Next())),
            new NetemLink(link, new Random(random.Next())))
    {
    }
}
