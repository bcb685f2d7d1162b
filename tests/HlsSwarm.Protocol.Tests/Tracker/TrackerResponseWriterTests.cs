using System.Buffers;
using System.Text;
using System.Text.Json;
using HlsSwarm.Protocol.Tracker;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Tracker;

public class TrackerResponseWriterTests
{
    private static readonly WireId Ih = WireId.FromLatin1("xl6WOGtRneL9dH1/MEP1");
    private static readonly WireId From = WireId.FromLatin1("-PM0203-BBBBBBBBBBBB");
    private static readonly WireId OfferId = WireId.FromLatin1(Vectors.CapturedOfferIdLatin1);

    private static JsonElement Json(ArrayBufferWriter<byte> w) => JsonDocument.Parse(w.WrittenMemory).RootElement;

    [Fact]
    public void Announce_reply_has_every_field()
    {
        var w = new ArrayBufferWriter<byte>();
        TrackerResponseWriter.WriteAnnounceReply(w, Ih, 120, 0, 2);
        Assert.Equal("{\"action\":\"announce\",\"interval\":120,\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"complete\":0,\"incomplete\":2}", Encoding.UTF8.GetString(w.WrittenSpan));
    }

    [Fact]
    public void Offer_relay_copies_the_raw_offer_and_encodes_ids_as_binary_strings()
    {
        var w = new ArrayBufferWriter<byte>();
        var raw = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\na=\\u00e9 odd   spacing\"}"u8;
        TrackerResponseWriter.WriteOfferRelay(w, Ih, From, OfferId, raw);
        var text = Encoding.UTF8.GetString(w.WrittenSpan);
        Assert.Contains(",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\na=\\u00e9 odd   spacing\"}}", text, StringComparison.Ordinal);
        var e = Json(w);
        Assert.Equal("announce", e.GetProperty("action").GetString());
        Assert.Equal("xl6WOGtRneL9dH1/MEP1", e.GetProperty("info_hash").GetString());
        Assert.Equal("-PM0203-BBBBBBBBBBBB", e.GetProperty("peer_id").GetString());
        Assert.Equal(Vectors.CapturedOfferIdLatin1, e.GetProperty("offer_id").GetString());
    }

    [Fact]
    public void Answer_relay_copies_the_raw_answer()
    {
        var w = new ArrayBufferWriter<byte>();
        TrackerResponseWriter.WriteAnswerRelay(w, Ih, From, OfferId, "{\"type\":\"answer\",\"sdp\":\"s\"}"u8);
        var e = Json(w);
        Assert.Equal("answer", e.GetProperty("answer").GetProperty("type").GetString());
        Assert.Equal("s", e.GetProperty("answer").GetProperty("sdp").GetString());
        Assert.Equal(Vectors.CapturedOfferIdLatin1, e.GetProperty("offer_id").GetString());
        Assert.False(e.TryGetProperty("to_peer_id", out _));
    }

    [Fact]
    public void Failure_always_has_action_and_info_hash_when_known()
    {
        var w = new ArrayBufferWriter<byte>();
        TrackerResponseWriter.WriteFailure(w, false, "invalid event", Ih);
        Assert.Equal("{\"action\":\"announce\",\"failure reason\":\"invalid event\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\"}", Encoding.UTF8.GetString(w.WrittenSpan));
        w.Clear();
        TrackerResponseWriter.WriteFailure(w, true, "bad \"quote\"\n", null);
        var e = Json(w);
        Assert.Equal("scrape", e.GetProperty("action").GetString());
        Assert.Equal("bad ?quote??", e.GetProperty("failure reason").GetString());
        Assert.False(e.TryGetProperty("info_hash", out _));
    }

    [Fact]
    public void Scrape_reply_lists_files_by_binary_info_hash()
    {
        var w = new ArrayBufferWriter<byte>();
        var other = WireId.FromBytes(Convert.FromHexString(Vectors.BinaryStringBytesHex));
        TrackerResponseWriter.WriteScrapeReply(w, [new ScrapeFile(Ih, 1, 2, 3), new ScrapeFile(other, 0, 0, 0)]);
        var e = Json(w);
        Assert.Equal("scrape", e.GetProperty("action").GetString());
        var files = e.GetProperty("files");
        Assert.Equal(2, files.GetProperty("xl6WOGtRneL9dH1/MEP1").GetProperty("incomplete").GetInt32());
        Assert.Equal(3, files.GetProperty("xl6WOGtRneL9dH1/MEP1").GetProperty("downloaded").GetInt32());
        Assert.Equal(0, files.GetProperty(other.ToLatin1String()).GetProperty("complete").GetInt32());

        w.Clear();
        TrackerResponseWriter.WriteScrapeReply(w, []);
        Assert.Equal("{\"action\":\"scrape\",\"files\":{}}", Encoding.UTF8.GetString(w.WrittenSpan));
    }
}
