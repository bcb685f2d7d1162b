using HlsSwarm.Protocol.Swarm;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Swarm;

public class PeerIdTests
{
    [Fact]
    public void Default_peer_id_has_our_prefix_and_12_alphanumerics()
    {
        var id = PeerId.Create(new Random(42));
        Assert.Equal(20, id.Length);
        Assert.StartsWith("-CS0100-", id, StringComparison.Ordinal);
        Assert.All(id[8..], c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.True(PeerId.IsValid(id));
    }

    [Fact]
    public void Same_seed_gives_the_same_id_and_different_seeds_differ()
    {
        Assert.Equal(PeerId.Create(new Random(7)), PeerId.Create(new Random(7)));
        Assert.NotEqual(PeerId.Create(new Random(7)), PeerId.Create(new Random(8)));
    }

    [Theory]
    [InlineData("-PM0203-", true)]
    [InlineData("-CS0100-", true)]
    [InlineData("-CS010-", false)]
    [InlineData("-CS01000-", false)]
    [InlineData("-CSé100-", false)]
    [InlineData("-CS\u0001100-", false)]
    [InlineData("", false)]
    public void Prefix_must_be_8_printable_ASCII_characters(string prefix, bool ok)
    {
        Assert.Equal(ok, PeerId.TryCreate(new Random(1), prefix, out var id));
        if (ok)
        {
            Assert.StartsWith(prefix, id!, StringComparison.Ordinal);
            Assert.True(PeerId.IsValid(id!));
        }
        else
        {
            Assert.Null(id);
        }
    }

    [Theory]
    [InlineData("-PM0203-PtvyfnX7TBcm", true)]
    [InlineData("-PM0203-PtvyfnX7TBc", false)]
    [InlineData("-PM0203-PtvyfnX7TBcmm", false)]
    [InlineData("-PM0203-PtvyfnX7TBcé", false)]
    public void IsValid_checks_length_and_ASCII(string id, bool expected) => Assert.Equal(expected, PeerId.IsValid(id));
}
