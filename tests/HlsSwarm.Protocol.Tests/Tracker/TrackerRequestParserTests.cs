using System.Text;
using FsCheck;
using FsCheck.Xunit;
using HlsSwarm.Protocol.Tracker;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Tracker;

public class TrackerRequestParserTests
{
    private const string Ih = "xl6WOGtRneL9dH1/MEP1";
    private const string A = "-PM0203-AAAAAAAAAAAA";
    private const string B = "-PM0203-BBBBBBBBBBBB";

    // spec §2.2 (a), key order as the JS produces it.
    private static readonly string AnnounceWithOffers =
        "{\"numwant\":5,\"uploaded\":0,\"downloaded\":0,\"event\":\"started\",\"action\":\"announce\",\"info_hash\":\"" + Ih +
        "\",\"peer_id\":\"" + B + "\",\"offers\":[" +
        string.Join(",", Enumerable.Range(0, 5).Select(i =>
            "{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- " + i + " 2 IN IP4 127.0.0.1\\r\\n\"},\"offer_id\":\"" +
            (i == 0 ? Vectors.CapturedOfferIdLatin1 : $"offer-{i:D14}") + "\"}")) + "]}";

    // spec §2.2 (b).
    private static readonly string AnswerMessage =
        "{\"action\":\"announce\",\"info_hash\":\"" + Ih + "\",\"peer_id\":\"" + A + "\",\"to_peer_id\":\"" + B +
        "\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\na=x\\u00e9\\r\\n\"},\"offer_id\":\"" + Vectors.CapturedOfferIdLatin1 + "\"}";

    private static readonly string[] ValidTexts =
    [
        AnnounceWithOffers,
        AnswerMessage,
        "{\"action\":\"announce\",\"event\":\"stopped\",\"info_hash\":\"" + Ih + "\",\"peer_id\":\"" + A + "\",\"numwant\":5,\"uploaded\":0,\"downloaded\":0}",
        "{\"action\":\"announce\",\"event\":\"completed\",\"info_hash\":\"" + Ih + "\",\"peer_id\":\"" + A + "\",\"numwant\":5,\"uploaded\":0,\"downloaded\":0,\"left\":0}",
        "{\"action\":\"scrape\",\"info_hash\":\"" + Ih + "\"}",
        "{\"action\":\"scrape\",\"info_hash\":[\"" + Ih + "\",\"" + A + "\"]}",
        "{\"action\":\"scrape\"}",
    ];

    public static TheoryData<string> ValidMessages => new(ValidTexts);

    private static TrackerParseError Parse(string json, TrackerRequest request, int maxOffers = 50, int maxScrape = 255) =>
        TrackerRequestParser.Parse(Encoding.UTF8.GetBytes(json), request, maxOffers, maxScrape);

    [Fact]
    public void Announce_with_offers_gives_every_field_and_raw_offer_bytes()
    {
        var r = new TrackerRequest();
        var bytes = Encoding.UTF8.GetBytes(AnnounceWithOffers);
        Assert.Equal(TrackerParseError.None, TrackerRequestParser.Parse(bytes, r));
        Assert.Equal(TrackerRequestKind.Announce, r.Kind);
        Assert.Equal(AnnounceEvent.Started, r.Event);
        Assert.Equal(WireId.FromLatin1(Ih), r.InfoHash);
        Assert.Equal(WireId.FromLatin1(B), r.PeerId);
        Assert.Equal(5, r.NumWant);
        Assert.False(r.LeftIsZero);
        Assert.Equal(5, r.Offers.Count);
        Assert.Equal(Vectors.CapturedOfferIdHex, r.Offers[0].OfferId.ToHex());
        var raw = Encoding.UTF8.GetString(bytes, r.Offers[3].OfferStart, r.Offers[3].OfferLength);
        Assert.Equal("{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 3 2 IN IP4 127.0.0.1\\r\\n\"}", raw);
    }

    [Fact]
    public void Answer_is_classified_with_target_offer_id_and_raw_answer()
    {
        var r = new TrackerRequest();
        var bytes = Encoding.UTF8.GetBytes(AnswerMessage);
        Assert.Equal(TrackerParseError.None, TrackerRequestParser.Parse(bytes, r));
        Assert.Equal(TrackerRequestKind.Answer, r.Kind);
        Assert.Equal(WireId.FromLatin1(A), r.PeerId);
        Assert.Equal(WireId.FromLatin1(B), r.ToPeerId);
        Assert.Equal(Vectors.CapturedOfferIdHex, r.OfferId.ToHex());
        Assert.Equal("{\"type\":\"answer\",\"sdp\":\"v=0\\r\\na=x\\u00e9\\r\\n\"}", Encoding.UTF8.GetString(bytes, r.AnswerStart, r.AnswerLength));
    }

    [Theory]
    [InlineData("stopped", AnnounceEvent.Stopped)]
    [InlineData("completed", AnnounceEvent.Completed)]
    [InlineData("update", AnnounceEvent.Update)]
    [InlineData("paused", AnnounceEvent.Paused)]
    [InlineData("started", AnnounceEvent.Started)]
    [InlineData("", AnnounceEvent.None)]
    public void Events_are_recognised(string evt, AnnounceEvent expected)
    {
        var r = new TrackerRequest();
        Assert.Equal(TrackerParseError.None, Parse($"{{\"action\":\"announce\",\"event\":\"{evt}\",\"info_hash\":\"{Ih}\",\"peer_id\":\"{A}\"}}", r));
        Assert.Equal(TrackerRequestKind.Announce, r.Kind);
        Assert.Equal(expected, r.Event);
    }

    [Fact]
    public void Left_zero_marks_complete_and_non_integer_numwant_is_ignored()
    {
        var r = new TrackerRequest();
        Assert.Equal(TrackerParseError.None, Parse($"{{\"action\":\"announce\",\"left\":0,\"numwant\":2.5,\"info_hash\":\"{Ih}\",\"peer_id\":\"{A}\"}}", r));
        Assert.True(r.LeftIsZero);
        Assert.Equal(-1, r.NumWant);
    }

    [Fact]
    public void Scrape_forms_one_many_all()
    {
        var r = new TrackerRequest();
        Assert.Equal(TrackerParseError.None, Parse($"{{\"action\":\"scrape\",\"info_hash\":\"{Ih}\"}}", r));
        Assert.Equal(TrackerRequestKind.Scrape, r.Kind);
        Assert.Equal([WireId.FromLatin1(Ih)], r.ScrapeInfoHashes);
        Assert.False(r.ScrapeAll);

        Assert.Equal(TrackerParseError.None, Parse($"{{\"action\":\"scrape\",\"info_hash\":[\"{Ih}\",\"{A}\"]}}", r));
        Assert.Equal([WireId.FromLatin1(Ih), WireId.FromLatin1(A)], r.ScrapeInfoHashes);

        Assert.Equal(TrackerParseError.None, Parse("{\"action\":\"scrape\"}", r));
        Assert.True(r.ScrapeAll);
        Assert.Empty(r.ScrapeInfoHashes);
    }

    [Theory]
    [InlineData("", TrackerParseError.InvalidJson)]
    [InlineData("{", TrackerParseError.InvalidJson)]
    [InlineData("{\"action\":\"announce\"} x", TrackerParseError.InvalidJson)]
    [InlineData("[1,2]", TrackerParseError.NotAnObject)]
    [InlineData("42", TrackerParseError.NotAnObject)]
    [InlineData("\"announce\"", TrackerParseError.NotAnObject)]
    [InlineData("null", TrackerParseError.NotAnObject)]
    [InlineData("{}", TrackerParseError.MissingAction)]
    [InlineData("{\"action\":\"connect\"}", TrackerParseError.UnknownAction)]
    [InlineData("{\"action\":7}", TrackerParseError.UnknownAction)]
    [InlineData("{\"action\":\"announce\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\"}", TrackerParseError.MissingInfoHash)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"short\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\"}", TrackerParseError.BadInfoHash)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP\\u0100\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\"}", TrackerParseError.BadInfoHash)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":[\"xl6WOGtRneL9dH1/MEP1\"],\"peer_id\":\"-PM0203-AAAAAAAAAAAA\"}", TrackerParseError.BadInfoHash)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\"}", TrackerParseError.MissingPeerId)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAAAA\"}", TrackerParseError.BadPeerId)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAA€\"}", TrackerParseError.BadPeerId)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\",\"event\":\"bogus\"}", TrackerParseError.BadEvent)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\",\"offers\":{}}", TrackerParseError.BadOffers)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\",\"offers\":[{\"offer\":{\"type\":\"answer\",\"sdp\":\"x\"},\"offer_id\":\"offer-00000000000001\"}]}", TrackerParseError.BadOffers)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\",\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"},\"offer_id\":\"short\"}]}", TrackerParseError.BadOfferId)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\",\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}]}", TrackerParseError.BadOfferId)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\",\"answer\":{\"type\":\"answer\",\"sdp\":\"x\"},\"offer_id\":\"offer-00000000000001\"}", TrackerParseError.MissingToPeerId)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\",\"to_peer_id\":\"-PM0203-BBBBBBBBBBBB\",\"answer\":{\"type\":\"answer\",\"sdp\":\"x\"}}", TrackerParseError.MissingOfferId)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\",\"to_peer_id\":\"x\",\"answer\":{\"type\":\"answer\",\"sdp\":\"x\"},\"offer_id\":\"offer-00000000000001\"}", TrackerParseError.BadToPeerId)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\",\"to_peer_id\":\"-PM0203-BBBBBBBBBBBB\",\"answer\":{\"type\":\"answer\"},\"offer_id\":\"offer-00000000000001\"}", TrackerParseError.BadAnswer)]
    [InlineData("{\"action\":\"announce\",\"info_hash\":\"xl6WOGtRneL9dH1/MEP1\",\"peer_id\":\"-PM0203-AAAAAAAAAAAA\",\"to_peer_id\":\"-PM0203-BBBBBBBBBBBB\",\"answer\":\"sdp\",\"offer_id\":\"offer-00000000000001\"}", TrackerParseError.BadAnswer)]
    [InlineData("{\"action\":\"scrape\",\"info_hash\":[\"short\"]}", TrackerParseError.BadInfoHash)]
    [InlineData("{\"action\":\"scrape\",\"info_hash\":\"s\\ud800ort\"}", TrackerParseError.BadInfoHash)]
    public void Invalid_messages_give_a_named_error(string json, TrackerParseError expected)
    {
        Assert.Equal(expected, Parse(json, new TrackerRequest()));
    }

    [Fact]
    public void Invalid_utf8_is_rejected_before_json()
    {
        var bytes = Encoding.UTF8.GetBytes($"{{\"action\":\"scrape\",\"info_hash\":\"{Ih}\",\"x\":\"ab\"}}");
        bytes[^4] = 0xFF;
        Assert.Equal(TrackerParseError.InvalidUtf8, TrackerRequestParser.Parse(bytes, new TrackerRequest()));
    }

    [Fact]
    public void Limits_on_offers_and_scrape_hashes()
    {
        var r = new TrackerRequest();
        Assert.Equal(TrackerParseError.TooManyOffers, Parse(AnnounceWithOffers, r, maxOffers: 4));
        Assert.Equal(TrackerParseError.None, Parse(AnnounceWithOffers, r, maxOffers: 5));
        Assert.Equal(TrackerParseError.TooManyInfoHashes, Parse($"{{\"action\":\"scrape\",\"info_hash\":[\"{Ih}\",\"{A}\",\"{B}\"]}}", r, maxScrape: 2));
    }

    [Fact]
    public void Info_hash_is_kept_for_the_failure_reply_of_an_otherwise_bad_message()
    {
        var r = new TrackerRequest();
        Assert.Equal(TrackerParseError.BadEvent, Parse($"{{\"action\":\"announce\",\"event\":\"bogus\",\"info_hash\":\"{Ih}\",\"peer_id\":\"{A}\"}}", r));
        Assert.True(r.HasInfoHash);
        Assert.Equal(WireId.FromLatin1(Ih), r.InfoHash);
    }

    [Fact]
    public void Unknown_fields_of_any_shape_are_skipped()
    {
        var r = new TrackerRequest();
        var json = $"{{\"x\":{{\"a\":[1,{{\"b\":null}}]}},\"action\":\"announce\",\"trackerid\":\"t\",\"info_hash\":\"{Ih}\",\"y\":[[]],\"peer_id\":\"{A}\",\"uploaded\":1e3}}";
        Assert.Equal(TrackerParseError.None, Parse(json, r));
        Assert.Equal(TrackerRequestKind.Announce, r.Kind);
    }

    [Theory]
    [MemberData(nameof(ValidMessages))]
    public void Every_truncation_of_a_valid_message_gives_an_error_value(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var r = new TrackerRequest();
        Assert.Equal(TrackerParseError.None, TrackerRequestParser.Parse(bytes, r));
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var error = TrackerRequestParser.Parse(bytes.AsSpan(0, cut), r);
            Assert.NotEqual(TrackerParseError.None, error);
        }
    }

    [Property(MaxTest = 2000)]
    public bool Random_bytes_never_throw(byte[] bytes)
    {
        var error = TrackerRequestParser.Parse(bytes, new TrackerRequest());
        return Enum.IsDefined(error);
    }

    [Property(MaxTest = 3000)]
    public bool Mutated_valid_messages_never_throw(int seed, PositiveInt edits)
    {
        var rng = new Random(seed);
        var messages = ValidTexts;
        var bytes = Encoding.UTF8.GetBytes(messages[rng.Next(messages.Length)]);
        for (var i = 0; i < 1 + (edits.Get % 8); i++)
        {
            bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
        }

        var r = new TrackerRequest();
        var error = TrackerRequestParser.Parse(bytes, r);
        // A mutation that still parses must still describe in-range offsets.
        return Enum.IsDefined(error) && r.Offers.All(o => o.OfferStart >= 0 && o.OfferStart + o.OfferLength <= bytes.Length)
               && r.AnswerStart + r.AnswerLength <= bytes.Length;
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var json = "{\"action\":\"scrape\",\"x\":" + new string('[', 5000) + new string(']', 5000) + "}";
        Assert.Equal(TrackerParseError.InvalidJson, Parse(json, new TrackerRequest()));
    }
}
