namespace HlsSwarm.Protocol.Tracker;

/// <summary>
/// One entry of an announce's <c>offers</c> array: its <c>offer_id</c> and where the raw JSON of its
/// <c>offer</c> object (<c>{"type":"offer","sdp":"…"}</c>) lies in the parsed message, so a tracker relays it
/// without re-encoding the SDP.
/// </summary>
/// <param name="OfferId">The 20-byte <c>offer_id</c>.</param>
/// <param name="OfferStart">Offset of the <c>offer</c> object's <c>{</c> in the parsed UTF-8 message.</param>
/// <param name="OfferLength">Length in bytes of the <c>offer</c> object, from <c>{</c> to <c>}</c> inclusive.</param>
public readonly record struct TrackerOffer(WireId OfferId, int OfferStart, int OfferLength);
