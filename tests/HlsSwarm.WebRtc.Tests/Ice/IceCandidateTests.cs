using System.Net;
using FsCheck.Xunit;
using HlsSwarm.WebRtc.Ice;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Ice;

public class IceCandidateTests
{
    // Shapes of lines Chromium and Firefox write (RTCIceCandidate.candidate and SDP a=candidate).
    public static TheoryData<string> BrowserLines => new()
    {
        "candidate:1467250027 1 udp 2122260223 cbf55dcd-1234-4f5e-8a9b-0123456789ab.local 54312 typ host generation 0 ufrag EsAw network-id 1 network-cost 10",
        "candidate:842163049 1 udp 1677729535 198.51.100.7 54321 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag EsAw network-id 1 network-cost 10",
        "candidate:3145532387 1 tcp 1518280447 192.168.1.5 9 typ host tcptype active generation 0 network-id 1",
        "candidate:2999745851 1 udp 2122194687 192.168.1.5 51872 typ host generation 0 ufrag 4ZcD network-id 1",
        "candidate:1 1 udp 2122262783 2001:db8::1 40001 typ host generation 0 ufrag 4ZcD network-id 2",
        "candidate:0 1 UDP 2122252543 a1b2c3d4-0000-4000-8000-00000000cafe.local 55421 typ host",
        "candidate:1 1 TCP 2105524479 a1b2c3d4-0000-4000-8000-00000000cafe.local 9 typ host tcptype active",
        "candidate:2 1 UDP 1686052863 203.0.113.4 55421 typ srflx raddr 0.0.0.0 rport 0",
        "candidate:3 1 udp 16777215 192.0.2.99 3478 typ relay raddr 203.0.113.4 rport 55421",
        "candidate:4 1 udp 1845501695 10.0.0.2 6000 typ prflx raddr 10.0.0.3 rport 6001 generation 0",
        "candidate:5 1 udp 2113937151 10.0.0.2 6000 typ host x-custom value",
    };

    [Theory]
    [MemberData(nameof(BrowserLines))]
    public void Browser_lines_round_trip_exactly(string line)
    {
        Assert.Equal(IceCandidateError.None, IceCandidate.TryParse("a=" + line + "\r\n", out var candidate));
        Assert.Equal(line, candidate!.ToString());
        Assert.Equal(IceCandidateError.None, IceCandidate.TryParse(line, out var again));
        Assert.Equal(line, again!.ToString());
    }

    [Fact]
    public void Candidates_compare_by_value_including_extensions()
    {
        const string line = "candidate:5 1 udp 2113937151 10.0.0.2 6000 typ host x-custom value";
        IceCandidate.TryParse(line, out var a);
        IceCandidate.TryParse(line, out var b);
        IceCandidate.TryParse(line.Replace("value", "other", StringComparison.Ordinal), out var c);
        Assert.Equal(a, b);
        Assert.Equal(a!.GetHashCode(), b!.GetHashCode());
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData("abcd", "0123456789abcdefghij+/", true)]
    [InlineData("abc", "0123456789abcdefghij+/", false)]
    [InlineData("abcd", "0123456789abcdefghij+", false)]
    [InlineData("ab:d", "0123456789abcdefghij+/", false)]
    [InlineData("abcd", "0123456789abcdefghij +", false)]
    public void Credentials_validity_follows_rfc8839(string ufrag, string password, bool valid)
    {
        Assert.Equal(valid, new IceCredentials(ufrag, password).IsValid);
        Assert.True(IceCredentials.Create(new Random(3)).IsValid);
    }

    [Fact]
    public void Chromium_mdns_host_candidate_fields()
    {
        IceCandidate.TryParse(
            "candidate:1467250027 1 udp 2122260223 cbf55dcd-1234-4f5e-8a9b-0123456789ab.local 54312 typ host generation 0 ufrag EsAw network-id 1 network-cost 10",
            out var c);
        Assert.Equal("1467250027", c!.Foundation);
        Assert.Equal(1, c.Component);
        Assert.True(c.IsUdp);
        Assert.Equal(2122260223u, c.Priority);
        Assert.True(c.IsMdns);
        Assert.False(c.TryGetEndPoint(out _));
        Assert.Equal(54312, c.Port);
        Assert.Equal(IceCandidateType.Host, c.Type);
        Assert.Equal(0, c.Generation);
        Assert.Equal("EsAw", c.Ufrag);
        Assert.Equal(1, c.NetworkId);
        Assert.Equal(10, c.NetworkCost);
    }

    [Fact]
    public void Srflx_related_address_and_endpoint()
    {
        IceCandidate.TryParse("candidate:2 1 UDP 1686052863 203.0.113.4 55421 typ srflx raddr 0.0.0.0 rport 0", out var c);
        Assert.Equal(IceCandidateType.ServerReflexive, c!.Type);
        Assert.Equal("0.0.0.0", c.RelatedAddress);
        Assert.Equal(0, c.RelatedPort);
        Assert.True(c.TryGetEndPoint(out var endPoint));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.4"), 55421), endPoint);
    }

    public static TheoryData<string, IceCandidateError> Hostile => new()
    {
        { "", IceCandidateError.NotACandidate },
        { "a=ice-ufrag:abcd", IceCandidateError.NotACandidate },
        { "candidate:", IceCandidateError.MissingField },
        { "candidate:1 1 udp 100 10.0.0.1 9 typ", IceCandidateError.MissingField },
        { "candidate:1 1 udp 100 10.0.0.1 9 typ host generation", IceCandidateError.BadExtension },
        { "candidate:f;o 1 udp 100 10.0.0.1 9 typ host", IceCandidateError.BadFoundation },
        { "candidate:123456789012345678901234567890123 1 udp 100 10.0.0.1 9 typ host", IceCandidateError.BadFoundation },
        { "candidate:1 0 udp 100 10.0.0.1 9 typ host", IceCandidateError.BadComponent },
        { "candidate:1 257 udp 100 10.0.0.1 9 typ host", IceCandidateError.BadComponent },
        { "candidate:1 -1 udp 100 10.0.0.1 9 typ host", IceCandidateError.BadComponent },
        { "candidate:1 1 u/p 100 10.0.0.1 9 typ host", IceCandidateError.BadTransport },
        { "candidate:1 1 udp 4294967296 10.0.0.1 9 typ host", IceCandidateError.BadPriority },
        { "candidate:1 1 udp -5 10.0.0.1 9 typ host", IceCandidateError.BadPriority },
        { "candidate:1 1 udp 100 10.0.0.1%eth0 9 typ host", IceCandidateError.BadAddress },
        { "candidate:1 1 udp 100 fe80::1%eth0 9 typ host", IceCandidateError.BadAddress },
        { "candidate:1 1 udp 100 ..local 9 typ host", IceCandidateError.BadAddress },
        { "candidate:1 1 udp 100 1:2:3:4:5:6:7:8:9 9 typ host", IceCandidateError.BadAddress },
        { "candidate:1 1 udp 100 10.0.0.1 65536 typ host", IceCandidateError.BadPort },
        { "candidate:1 1 udp 100 10.0.0.1 9 type host", IceCandidateError.MissingTyp },
        { "candidate:1 1 udp 100 10.0.0.1 9 typ bogus", IceCandidateError.UnknownType },
        { "candidate:1 1 udp 100 10.0.0.1 9 typ srflx raddr x_y rport 1", IceCandidateError.BadAddress },
        { "candidate:1 1 udp 100 10.0.0.1 9 typ srflx raddr 1.2.3.4 rport 99999", IceCandidateError.BadPort },
        { "candidate:1 1 udp 100 10.0.0.1 9 typ host generation x", IceCandidateError.BadExtension },
        { "candidate:1 1 udp 100 10.0.0.1 9 typ host network-cost 99999999999", IceCandidateError.BadExtension },
        { "candidate:1 1 udp 100 10.0.0.1 9 typ host x\u00e9 1", IceCandidateError.BadExtension },
        { "candidate:1 1 udp 100 10.0.0.1 9 typ host" + string.Concat(Enumerable.Repeat(" a b", 40)), IceCandidateError.BadExtension },
        { "candidate:1 1 udp 100 10.0.0.1 9 typ host" + new string(' ', 1100), IceCandidateError.TooLong },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_lines_return_errors(string line, IceCandidateError expected)
    {
        Assert.Equal(expected, IceCandidate.TryParse(line, out var candidate));
        Assert.Null(candidate);
    }

    [Property(MaxTest = 3000)]
    public void Random_text_never_throws(string text)
    {
        IceCandidate.TryParse(text, out _);
        IceCandidate.TryParse("candidate:" + text, out _);
        IceCandidate.TryParse("candidate:1 1 udp 1 1.2.3.4 5 typ host " + text, out var c);
        if (c is not null)
        {
            // Whatever parses must format into a line that parses to the same text again.
            Assert.Equal(IceCandidateError.None, IceCandidate.TryParse(c.ToString(), out var again));
            Assert.Equal(c.ToString(), again!.ToString());
        }
    }

    [Theory]
    [InlineData(IceCandidateType.Host, 65535, 1, 2130706431u)]
    [InlineData(IceCandidateType.ServerReflexive, 65535, 1, 1694498815u)]
    [InlineData(IceCandidateType.PeerReflexive, 65535, 1, 1862270975u)]
    [InlineData(IceCandidateType.Relay, 65535, 1, 16777215u)]
    [InlineData(IceCandidateType.Host, 0, 2, 2113929470u)]
    public void Priority_follows_rfc8445_formula(IceCandidateType type, int localPreference, int component, uint expected)
    {
        Assert.Equal(expected, IceCandidate.ComputePriority(type, localPreference, component));
    }

    [Fact]
    public void Foundation_is_equal_exactly_for_same_type_base_server_and_transport()
    {
        var ip = IPAddress.Parse("10.0.0.1");
        var server = new IPEndPoint(IPAddress.Parse("192.0.2.1"), 3478);
        var a = IceCandidate.ComputeFoundation(IceCandidateType.ServerReflexive, ip, server, "udp");
        Assert.Equal(a, IceCandidate.ComputeFoundation(IceCandidateType.ServerReflexive, ip, server, "UDP"));
        Assert.NotEqual(a, IceCandidate.ComputeFoundation(IceCandidateType.Host, ip, null, "udp"));
        Assert.NotEqual(a, IceCandidate.ComputeFoundation(IceCandidateType.ServerReflexive, IPAddress.Parse("10.0.0.2"), server, "udp"));
        Assert.NotEqual(a, IceCandidate.ComputeFoundation(IceCandidateType.ServerReflexive, ip, new IPEndPoint(server.Address, 3479), "udp"));
        Assert.All(a, c => Assert.True(char.IsAsciiDigit(c)));
    }
}
