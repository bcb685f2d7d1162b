using System.Net;
using System.Net.Sockets;
using FsCheck.Xunit;
using HlsSwarm.WebRtc.Mdns;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Mdns;

public class MdnsResolverTests
{
    private const long Hz = 1000;
    private const string Name = "cbf55dcd-1234-4f5e-8a9b-0123456789ab.local";

    private static byte[] Answer(string name, string address, uint ttl = 120)
    {
        var buffer = new byte[512];
        var length = MdnsMessage.WriteAnswer(buffer, name, IPAddress.Parse(address), ttl);
        return buffer[..length];
    }

    private static List<long> RunQueries(MdnsResolver resolver, long until)
    {
        var times = new List<long>();
        var now = 0L;
        while (resolver.TryPollTransmit(out _))
        {
            times.Add(now);
        }

        while (resolver.PollTimeout() is { } due && due <= until)
        {
            now = due;
            resolver.HandleTimeout(now);
            while (resolver.TryPollTransmit(out _))
            {
                times.Add(now);
            }
        }

        return times;
    }

    [Fact]
    public void Answer_resolves_the_pending_name()
    {
        var resolver = new MdnsResolver(Hz);
        Assert.True(resolver.Resolve(0, Name));
        Assert.True(resolver.TryPollTransmit(out var query));
        Assert.Equal(MdnsDecodeError.None, MdnsMessage.TryParse(query.Span, out var parsed));
        Assert.Equal(Name, Assert.Single(parsed!.Questions).Name);

        resolver.HandleReceive(5, query.Span); // our own query looped back: ignored
        resolver.HandleReceive(6, Answer("other.local", "10.0.0.1"));
        Assert.False(resolver.TryPollEvent(out _));
        resolver.HandleReceive(7, Answer(Name.ToUpperInvariant(), "10.0.0.7"));
        Assert.True(resolver.TryPollEvent(out var resolution));
        Assert.Equal(new MdnsResolution(Name, IPAddress.Parse("10.0.0.7"), 120), resolution);
        Assert.Null(resolver.PollTimeout());
    }

    [Fact]
    public void Queries_repeat_at_one_and_three_seconds_then_time_out_at_five()
    {
        var resolver = new MdnsResolver(Hz);
        resolver.Resolve(0, Name);
        Assert.Equal(new long[] { 0, 1000, 3000 }, RunQueries(resolver, 10_000));
        Assert.True(resolver.TryPollEvent(out var resolution));
        Assert.Equal(new MdnsResolution(Name, null, 0), resolution);
    }

    [Fact]
    public void Aaaa_queries_want_ipv6_answers()
    {
        var resolver = new MdnsResolver(Hz);
        resolver.Resolve(0, Name, AddressFamily.InterNetworkV6);
        resolver.TryPollTransmit(out var query);
        MdnsMessage.TryParse(query.Span, out var parsed);
        Assert.Equal(MdnsRecordType.Aaaa, parsed!.Questions[0].Type);
        resolver.HandleReceive(1, Answer(Name, "10.0.0.7"));
        Assert.False(resolver.TryPollEvent(out _));
        resolver.HandleReceive(2, Answer(Name, "fe80::7"));
        Assert.True(resolver.TryPollEvent(out var resolution));
        Assert.Equal(IPAddress.Parse("fe80::7"), resolution.Address);
    }

    [Fact]
    public void Duplicates_invalid_names_and_floods_are_refused()
    {
        var resolver = new MdnsResolver(Hz);
        Assert.True(resolver.Resolve(0, Name));
        Assert.False(resolver.Resolve(0, Name.ToUpperInvariant()));
        Assert.False(resolver.Resolve(0, "bad_name.local"));
        for (var i = 1; i < MdnsResolver.MaxPending; i++)
        {
            Assert.True(resolver.Resolve(0, $"n{i}.local"));
        }

        Assert.False(resolver.Resolve(0, "one-too-many.local"));
    }

    [Property(MaxTest = 500)]
    public void Random_datagrams_never_throw(byte[] datagram)
    {
        var resolver = new MdnsResolver(Hz);
        resolver.Resolve(0, Name);
        resolver.HandleReceive(1, datagram);
        resolver.HandleTimeout(2);
    }
}
