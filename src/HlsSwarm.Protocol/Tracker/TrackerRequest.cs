namespace HlsSwarm.Protocol.Tracker;

/// <summary>
/// A parsed client → tracker message (spec §2.2, §8). It is a reusable holder, filled by
/// <see cref="TrackerRequestParser.Parse"/>, so the tracker's hot path parses without allocating; the offer and
/// answer objects are kept as offsets into the parsed bytes so they can be relayed byte for byte.
/// </summary>
public sealed class TrackerRequest
{
    /// <summary>Creates an empty holder; reuse it for every message of one owner.</summary>
    public TrackerRequest()
    {
    }

    /// <summary>What the message asks for; <see cref="TrackerRequestKind.None"/> when it was invalid.</summary>
    public TrackerRequestKind Kind { get; internal set; }

    /// <summary>The <c>action</c> value: true when it was <c>"scrape"</c>, false for <c>"announce"</c> or unknown.</summary>
    public bool IsScrapeAction { get; internal set; }

    /// <summary>The <c>event</c> field of an announce.</summary>
    public AnnounceEvent Event { get; internal set; }

    /// <summary>True when a single valid <c>info_hash</c> string was present (also set for invalid messages, so a failure reply can name the swarm).</summary>
    public bool HasInfoHash { get; internal set; }

    /// <summary>The <c>info_hash</c>, valid when <see cref="HasInfoHash"/>.</summary>
    public WireId InfoHash { get; internal set; }

    /// <summary>True when a valid <c>peer_id</c> was present.</summary>
    public bool HasPeerId { get; internal set; }

    /// <summary>The sender's <c>peer_id</c>, valid when <see cref="HasPeerId"/>.</summary>
    public WireId PeerId { get; internal set; }

    /// <summary>True when a valid <c>to_peer_id</c> was present.</summary>
    public bool HasToPeerId { get; internal set; }

    /// <summary>The answer's target, valid when <see cref="HasToPeerId"/>.</summary>
    public WireId ToPeerId { get; internal set; }

    /// <summary>True when a valid top-level <c>offer_id</c> was present (answers).</summary>
    public bool HasOfferId { get; internal set; }

    /// <summary>The answer's <c>offer_id</c>, valid when <see cref="HasOfferId"/>.</summary>
    public WireId OfferId { get; internal set; }

    /// <summary><c>numwant</c> when it was a non-negative integer, else -1 (absent or not an integer).</summary>
    public int NumWant { get; internal set; } = -1;

    /// <summary>True when <c>left</c> was the number 0 (the peer is complete).</summary>
    public bool LeftIsZero { get; internal set; }

    /// <summary>The entries of <c>offers</c>, in order.</summary>
    public List<TrackerOffer> Offers { get; } = new(8);

    /// <summary>Offset of the raw <c>answer</c> object in the parsed bytes, valid when <see cref="AnswerLength"/> &gt; 0.</summary>
    public int AnswerStart { get; internal set; }

    /// <summary>Length of the raw <c>answer</c> object in the parsed bytes; 0 when absent.</summary>
    public int AnswerLength { get; internal set; }

    /// <summary>The info hashes a scrape asks for; empty with <see cref="ScrapeAll"/> when it named none.</summary>
    public List<WireId> ScrapeInfoHashes { get; } = new(4);

    /// <summary>True when a scrape had no <c>info_hash</c> (asks for every swarm).</summary>
    public bool ScrapeAll { get; internal set; }

    /// <summary>Empties the holder (done by the parser before each message).</summary>
    public void Reset()
    {
        Kind = TrackerRequestKind.None;
        IsScrapeAction = false;
        Event = AnnounceEvent.None;
        HasInfoHash = false;
        InfoHash = default;
        HasPeerId = false;
        PeerId = default;
        HasToPeerId = false;
        ToPeerId = default;
        HasOfferId = false;
        OfferId = default;
        NumWant = -1;
        LeftIsZero = false;
        Offers.Clear();
        AnswerStart = 0;
        AnswerLength = 0;
        ScrapeInfoHashes.Clear();
        ScrapeAll = false;
    }
}
