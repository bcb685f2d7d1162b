using FsCheck.Xunit;
using HlsSwarm.Protocol.Tracker;
using HlsSwarm.Tracker.AspNetCore.Cluster;
using Xunit;

namespace HlsSwarm.Tracker.Tests.Cluster;

/// <summary>
/// The envelope nodes publish to each other over Redis: items of info_hash, target peer id, length and message.
/// Whatever arrives on the channel (a bug in another node, a stray publisher) decodes to the complete items before
/// the damage and false, never an exception.
/// </summary>
public class RelayEnvelopeTests
{
    private static readonly WireId InfoHash = WireId.FromLatin1("xl6WOGtRneL9dH1/MEP1");
    private static readonly WireId PeerA = WireId.FromLatin1("-HS0100-aaaaaaaaaaaa");
    private static readonly WireId PeerB = WireId.FromLatin1("-HS0100-bbbbbbbbbbbb");

    private static byte[] Envelope(params (WireId To, string Message)[] items)
    {
        var buffer = new byte[items.Sum(i => RelayEnvelope.GetItemLength(i.Message.Length))];
        var at = 0;
        foreach (var (to, message) in items)
        {
            at += RelayEnvelope.WriteItem(buffer.AsSpan(at), InfoHash, to, System.Text.Encoding.UTF8.GetBytes(message));
        }

        Assert.Equal(buffer.Length, at);
        return buffer;
    }

    [Fact]
    public void Items_round_trip_in_order()
    {
        var items = new List<(WireId InfoHash, WireId ToPeerId, byte[] Message)>();
        Assert.True(RelayEnvelope.TryRead(Envelope((PeerA, "{\"action\":\"announce\"}"), (PeerB, "")), items));
        Assert.Equal(2, items.Count);
        Assert.Equal((InfoHash, PeerA), (items[0].InfoHash, items[0].ToPeerId));
        Assert.Equal("{\"action\":\"announce\"}"u8.ToArray(), items[0].Message);
        Assert.Equal(PeerB, items[1].ToPeerId);
        Assert.Empty(items[1].Message);
    }

    [Fact]
    public void Every_truncation_keeps_the_complete_items_and_reports_the_rest()
    {
        var whole = Envelope((PeerA, "first"), (PeerB, "second message"));
        var firstLength = RelayEnvelope.GetItemLength("first".Length);
        for (var cut = 0; cut < whole.Length; cut++)
        {
            var items = new List<(WireId InfoHash, WireId ToPeerId, byte[] Message)>();
            var ok = RelayEnvelope.TryRead(whole.AsSpan(0, cut), items);
            Assert.Equal(cut == 0 || cut == firstLength, ok);
            Assert.Equal(cut >= firstLength ? 1 : 0, items.Count);
        }
    }

    [Fact]
    public void A_length_beyond_the_envelope_is_refused()
    {
        var envelope = Envelope((PeerA, "abc"));
        envelope[2 * WireId.Length] = 0xFF; // length field, big-endian: now ~4 GB
        var items = new List<(WireId InfoHash, WireId ToPeerId, byte[] Message)>();
        Assert.False(RelayEnvelope.TryRead(envelope, items));
        Assert.Empty(items);
    }

    [Property(MaxTest = 500)]
    public bool Random_bytes_never_throw(byte[] bytes)
    {
        var items = new List<(WireId InfoHash, WireId ToPeerId, byte[] Message)>();
        var ok = RelayEnvelope.TryRead(bytes, items);
        return ok || bytes.Length > 0;
    }
}
