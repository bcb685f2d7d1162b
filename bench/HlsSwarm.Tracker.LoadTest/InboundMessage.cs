using System.Text.Json;

namespace HlsSwarm.Tracker.LoadTest;

/// <summary>What a tracker → client message is (spec §2.3 / §8).</summary>
internal enum InboundKind
{
    /// <summary><c>{action:"announce", info_hash, interval, complete, incomplete}</c>.</summary>
    AnnounceReply,
    /// <summary><c>{action:"announce", info_hash, peer_id, offer_id, offer:{type:"offer", sdp}}</c>.</summary>
    OfferRelay,
    /// <summary><c>{action:"announce", info_hash, peer_id, offer_id, answer:{type:"answer", sdp}}</c>.</summary>
    AnswerRelay,
    /// <summary>Any message with <c>"failure reason"</c>.</summary>
    Failure,
    /// <summary>Well-formed but none of the above (e.g. a scrape reply, a warning-only message).</summary>
    Other,
    /// <summary>Not JSON, no or unknown <c>action</c> (a p2p-media-loader client then drops the socket, spec §2.3),
    /// or an offer/answer relay missing a field or with an id that is not a 20-char binary string.</summary>
    Malformed,
}

/// <summary>
/// One parsed tracker message. Spans point into the receive buffer and keep the JSON escapes, so they can be echoed
/// into an answer unchanged. Parsing is a single <see cref="Utf8JsonReader"/> pass without allocation.
/// </summary>
internal ref struct InboundMessage
{
    public InboundKind Kind;
    public bool InfoHashMatches;
    public bool FromSelf;
    public ReadOnlySpan<byte> RawPeerId;
    public ReadOnlySpan<byte> RawOfferId;
    public ReadOnlySpan<byte> Sdp;
    public ReadOnlySpan<byte> FailureReason;

    /// <summary>
    /// Parses <paramref name="json"/>. <paramref name="offerId"/> (20 bytes) receives the decoded offer_id when the
    /// message carries a valid one. <paramref name="ownInfoHash"/> and <paramref name="ownPeerId"/> are ASCII.
    /// </summary>
    public static InboundMessage Parse(ReadOnlySpan<byte> json, ReadOnlySpan<byte> ownInfoHash,
        ReadOnlySpan<byte> ownPeerId, Span<byte> offerId)
    {
        var m = default(InboundMessage);
        bool actionAnnounce = false, actionScrape = false, hasInterval = false, hasFailure = false;
        bool hasOffer = false, hasAnswer = false, signalTypeOk = false, peerIdOk = false, offerIdOk = false;
        Span<byte> peerId = stackalloc byte[20];
        var r = new Utf8JsonReader(json);
        try
        {
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return Malformed();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("action"u8))
                {
                    r.Read();
                    actionAnnounce = r.TokenType == JsonTokenType.String && r.ValueTextEquals("announce"u8);
                    actionScrape = r.TokenType == JsonTokenType.String && r.ValueTextEquals("scrape"u8);
                }
                else if (r.ValueTextEquals("info_hash"u8))
                {
                    r.Read();
                    m.InfoHashMatches = r.TokenType == JsonTokenType.String && r.ValueTextEquals(ownInfoHash);
                }
                else if (r.ValueTextEquals("peer_id"u8))
                {
                    r.Read();
                    if (r.TokenType == JsonTokenType.String)
                    {
                        m.RawPeerId = r.ValueSpan;
                        peerIdOk = TryReadBinaryString(ref r, peerId);
                    }
                }
                else if (r.ValueTextEquals("offer_id"u8))
                {
                    r.Read();
                    if (r.TokenType == JsonTokenType.String)
                    {
                        m.RawOfferId = r.ValueSpan;
                        offerIdOk = TryReadBinaryString(ref r, offerId);
                    }
                }
                else if (r.ValueTextEquals("offer"u8) || r.ValueTextEquals("answer"u8))
                {
                    bool isOffer = r.ValueTextEquals("offer"u8);
                    hasOffer |= isOffer;
                    hasAnswer |= !isOffer;
                    r.Read();
                    if (r.TokenType != JsonTokenType.StartObject) return Malformed();
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (r.ValueTextEquals("sdp"u8))
                        {
                            r.Read();
                            if (r.TokenType == JsonTokenType.String) m.Sdp = r.ValueSpan;
                        }
                        else if (r.ValueTextEquals("type"u8))
                        {
                            r.Read();
                            signalTypeOk = r.TokenType == JsonTokenType.String &&
                                r.ValueTextEquals(isOffer ? "offer"u8 : "answer"u8);
                        }
                        else
                        {
                            r.Read();
                            r.Skip();
                        }
                    }
                }
                else if (r.ValueTextEquals("interval"u8))
                {
                    r.Read();
                    hasInterval = r.TokenType == JsonTokenType.Number;
                }
                else if (r.ValueTextEquals("failure reason"u8))
                {
                    r.Read();
                    hasFailure = true;
                    if (r.TokenType == JsonTokenType.String) m.FailureReason = r.ValueSpan;
                }
                else
                {
                    r.Read();
                    r.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return Malformed();
        }

        if (hasFailure) m.Kind = InboundKind.Failure;
        else if (!actionAnnounce) m.Kind = actionScrape ? InboundKind.Other : InboundKind.Malformed;
        else if (hasOffer || hasAnswer)
        {
            bool ok = peerIdOk && offerIdOk && signalTypeOk && !m.Sdp.IsEmpty && !(hasOffer && hasAnswer);
            m.Kind = !ok ? InboundKind.Malformed : hasOffer ? InboundKind.OfferRelay : InboundKind.AnswerRelay;
            m.FromSelf = peerIdOk && peerId.SequenceEqual(ownPeerId);
        }
        else m.Kind = hasInterval ? InboundKind.AnnounceReply : InboundKind.Other;
        return m;

        static InboundMessage Malformed() => new() { Kind = InboundKind.Malformed };
    }

    /// <summary>Decodes a JSON string that must be exactly 20 chars, each 0..255 (spec §2.1), into bytes.</summary>
    private static bool TryReadBinaryString(ref Utf8JsonReader r, scoped Span<byte> bytes)
    {
        if (r.ValueSpan.Length > 20 * 6) return false;
        Span<char> chars = stackalloc char[20 * 6];
        int n = r.CopyString(chars);
        if (n != 20) return false;
        for (int i = 0; i < 20; i++)
        {
            if (chars[i] > 0xFF) return false;
            bytes[i] = (byte)chars[i];
        }
        return true;
    }
}
