using System.Text.Json;
using System.Text.Unicode;

namespace HlsSwarm.Protocol.Tracker;

/// <summary>
/// Parses one client → tracker message (spec §2.2, §8) from its UTF-8 bytes with <see cref="Utf8JsonReader"/>.
/// Never throws on peer input: every problem is a <see cref="TrackerParseError"/>.
/// </summary>
/// <remarks>
/// <code>
/// announce {action:"announce", info_hash, peer_id, numwant, uploaded, downloaded, [event], [left], [trackerid],
///           offers:[{offer:{type:"offer",sdp}, offer_id}]}
/// answer   {action:"announce", info_hash, peer_id, to_peer_id, offer_id, answer:{type:"answer",sdp}}
/// scrape   {action:"scrape", [info_hash: ih | [ih…]]}
/// </code>
/// Field order is free; unknown fields are skipped. The whole message is checked to be valid UTF-8 first, so the
/// raw offer and answer bytes that the tracker relays can never break a browser's text frame.
/// When a message is invalid but carried a valid <c>info_hash</c>, <see cref="TrackerRequest.HasInfoHash"/> is
/// still set, so the failure reply can carry it (spec §2.3 "Critical").
/// </remarks>
public static class TrackerRequestParser
{
    /// <summary>Nesting depth accepted in a message; real messages nest 3 levels.</summary>
    public const int MaxDepth = 16;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    /// <summary>
    /// Parses <paramref name="utf8Json"/> into <paramref name="request"/> (reset first).
    /// </summary>
    /// <param name="utf8Json">One complete WebSocket message.</param>
    /// <param name="request">The holder to fill; offsets in it refer to <paramref name="utf8Json"/>.</param>
    /// <param name="maxOffers">Most entries accepted in <c>offers</c>; more gives <see cref="TrackerParseError.TooManyOffers"/>.</param>
    /// <param name="maxScrapeInfoHashes">Most info hashes accepted in one scrape.</param>
    /// <returns><see cref="TrackerParseError.None"/> when <paramref name="request"/> holds a valid message.</returns>
    public static TrackerParseError Parse(ReadOnlySpan<byte> utf8Json, TrackerRequest request, int maxOffers = 50, int maxScrapeInfoHashes = 255)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Reset();
        if (!Utf8.IsValid(utf8Json))
        {
            return TrackerParseError.InvalidUtf8;
        }

        TrackerParseError fieldError;
        bool hasAction;
        bool knownAction;
        bool infoHashIsArray;
        bool badInfoHash;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
            if (!reader.Read())
            {
                return TrackerParseError.InvalidJson;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return TrackerParseError.NotAnObject;
            }

            fieldError = ReadTopLevel(ref reader, request, maxOffers, maxScrapeInfoHashes,
                out hasAction, out knownAction, out infoHashIsArray, out badInfoHash);

            // Trailing garbage after the object makes Read throw; trailing whitespace is fine.
            if (reader.Read())
            {
                return TrackerParseError.InvalidJson;
            }
        }
        catch (JsonException)
        {
            request.Reset();
            return TrackerParseError.InvalidJson;
        }
        catch (InvalidOperationException)
        {
            // Unescaping an invalid \u surrogate sequence in a string we had to read.
            request.Reset();
            return TrackerParseError.InvalidJson;
        }

        if (!hasAction)
        {
            return TrackerParseError.MissingAction;
        }

        if (!knownAction)
        {
            return TrackerParseError.UnknownAction;
        }

        if (fieldError != TrackerParseError.None)
        {
            return fieldError;
        }

        if (request.IsScrapeAction)
        {
            if (badInfoHash)
            {
                return TrackerParseError.BadInfoHash;
            }

            if (request.HasInfoHash)
            {
                request.ScrapeInfoHashes.Add(request.InfoHash);
            }
            else if (!infoHashIsArray)
            {
                request.ScrapeAll = true;
            }

            request.Kind = TrackerRequestKind.Scrape;
            return TrackerParseError.None;
        }

        if (infoHashIsArray || badInfoHash)
        {
            return TrackerParseError.BadInfoHash;
        }

        if (!request.HasInfoHash)
        {
            return TrackerParseError.MissingInfoHash;
        }

        if (!request.HasPeerId)
        {
            return TrackerParseError.MissingPeerId;
        }

        if (request.AnswerLength > 0 && request.Event == AnnounceEvent.None)
        {
            if (!request.HasToPeerId)
            {
                return TrackerParseError.MissingToPeerId;
            }

            if (!request.HasOfferId)
            {
                return TrackerParseError.MissingOfferId;
            }

            request.Kind = TrackerRequestKind.Answer;
            return TrackerParseError.None;
        }

        request.Kind = TrackerRequestKind.Announce;
        return TrackerParseError.None;
    }

    private static TrackerParseError ReadTopLevel(
        ref Utf8JsonReader reader, TrackerRequest request, int maxOffers, int maxScrape,
        out bool hasAction, out bool knownAction, out bool infoHashIsArray, out bool badInfoHash)
    {
        var error = TrackerParseError.None;
        hasAction = false;
        knownAction = false;
        infoHashIsArray = false;
        badInfoHash = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("action"u8))
            {
                reader.Read();
                hasAction = true;
                if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("announce"u8))
                {
                    knownAction = true;
                }
                else if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("scrape"u8))
                {
                    knownAction = true;
                    request.IsScrapeAction = true;
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("info_hash"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    infoHashIsArray = true;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (!TryReadWireId(ref reader, out var ih))
                        {
                            badInfoHash = true;
                            reader.Skip();
                        }
                        else if (request.ScrapeInfoHashes.Count >= maxScrape)
                        {
                            Keep(ref error, TrackerParseError.TooManyInfoHashes);
                        }
                        else
                        {
                            request.ScrapeInfoHashes.Add(ih);
                        }
                    }
                }
                else if (TryReadWireId(ref reader, out var ih))
                {
                    request.InfoHash = ih;
                    request.HasInfoHash = true;
                }
                else
                {
                    badInfoHash = true;
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("peer_id"u8))
            {
                reader.Read();
                if (TryReadWireId(ref reader, out var id))
                {
                    request.PeerId = id;
                    request.HasPeerId = true;
                }
                else
                {
                    Keep(ref error, TrackerParseError.BadPeerId);
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("to_peer_id"u8))
            {
                reader.Read();
                if (TryReadWireId(ref reader, out var id))
                {
                    request.ToPeerId = id;
                    request.HasToPeerId = true;
                }
                else
                {
                    Keep(ref error, TrackerParseError.BadToPeerId);
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("offer_id"u8))
            {
                reader.Read();
                if (TryReadWireId(ref reader, out var id))
                {
                    request.OfferId = id;
                    request.HasOfferId = true;
                }
                else
                {
                    Keep(ref error, TrackerParseError.BadOfferId);
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    Keep(ref error, TrackerParseError.BadEvent);
                    reader.Skip();
                    continue;
                }

                if (reader.ValueTextEquals("started"u8)) request.Event = AnnounceEvent.Started;
                else if (reader.ValueTextEquals("stopped"u8)) request.Event = AnnounceEvent.Stopped;
                else if (reader.ValueTextEquals("completed"u8)) request.Event = AnnounceEvent.Completed;
                else if (reader.ValueTextEquals("update"u8)) request.Event = AnnounceEvent.Update;
                else if (reader.ValueTextEquals("paused"u8)) request.Event = AnnounceEvent.Paused;
                else if (reader.ValueTextEquals(""u8)) request.Event = AnnounceEvent.None;
                else Keep(ref error, TrackerParseError.BadEvent);
            }
            else if (reader.ValueTextEquals("numwant"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var numwant))
                {
                    request.NumWant = Math.Max(0, numwant);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("left"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var left))
                {
                    request.LeftIsZero = left == 0;
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("offers"u8))
            {
                reader.Read();
                Keep(ref error, ReadOffers(ref reader, request, maxOffers));
            }
            else if (reader.ValueTextEquals("answer"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                var start = (int)reader.TokenStartIndex;
                if (ReadSdpObject(ref reader, "answer"u8))
                {
                    request.AnswerStart = start;
                    request.AnswerLength = (int)reader.TokenStartIndex + 1 - start;
                }
                else
                {
                    Keep(ref error, TrackerParseError.BadAnswer);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return error;
    }

    private static TrackerParseError ReadOffers(ref Utf8JsonReader reader, TrackerRequest request, int maxOffers)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return TrackerParseError.None;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return TrackerParseError.BadOffers;
        }

        var error = TrackerParseError.None;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                Keep(ref error, TrackerParseError.BadOffers);
                continue;
            }

            var hasId = false;
            WireId offerId = default;
            int offerStart = 0, offerLength = 0;
            var itemError = TrackerParseError.None;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("offer_id"u8))
                {
                    reader.Read();
                    if (TryReadWireId(ref reader, out offerId))
                    {
                        hasId = true;
                    }
                    else
                    {
                        reader.Skip();
                        Keep(ref itemError, TrackerParseError.BadOfferId);
                    }
                }
                else if (reader.ValueTextEquals("offer"u8))
                {
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    if (ReadSdpObject(ref reader, "offer"u8))
                    {
                        offerStart = start;
                        offerLength = (int)reader.TokenStartIndex + 1 - start;
                    }
                    else
                    {
                        Keep(ref itemError, TrackerParseError.BadOffers);
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (itemError == TrackerParseError.None && (!hasId || offerLength == 0))
            {
                itemError = hasId ? TrackerParseError.BadOffers : TrackerParseError.BadOfferId;
            }

            if (itemError != TrackerParseError.None)
            {
                Keep(ref error, itemError);
            }
            else if (request.Offers.Count >= maxOffers)
            {
                Keep(ref error, TrackerParseError.TooManyOffers);
            }
            else
            {
                request.Offers.Add(new TrackerOffer(offerId, offerStart, offerLength));
            }
        }

        return error;
    }

    /// <summary>
    /// Reads <c>{"type":&lt;expectedType&gt;,"sdp":"…", …}</c> with the reader on its first token; leaves the
    /// reader on the closing token of the value (whatever its kind).
    /// </summary>
    private static bool ReadSdpObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> expectedType)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var typeOk = false;
        var sdpOk = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                typeOk = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(expectedType);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("sdp"u8))
            {
                reader.Read();
                sdpOk = reader.TokenType == JsonTokenType.String;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return typeOk && sdpOk;
    }

    /// <summary>Reads a JSON string by the binary-string rule (spec §2.1). The reader is on the value token.</summary>
    private static bool TryReadWireId(ref Utf8JsonReader reader, out WireId id)
    {
        id = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        // Each of 20 chars takes at most 6 escaped bytes (\u00XX); anything longer cannot be a binary string.
        if (reader.HasValueSequence || reader.ValueSpan.Length > WireId.Length * 6)
        {
            return false;
        }

        if (!reader.ValueIsEscaped)
        {
            // Fast path: no escapes. ASCII and two-byte UTF-8 (U+0080..U+00FF, lead bytes C2/C3) only.
            var raw = reader.ValueSpan;
            Span<byte> bytes = stackalloc byte[WireId.Length];
            var n = 0;
            for (var i = 0; i < raw.Length; i++)
            {
                if (n == WireId.Length)
                {
                    return false;
                }

                var b = raw[i];
                if (b < 0x80)
                {
                    bytes[n++] = b;
                }
                else if ((b == 0xC2 || b == 0xC3) && i + 1 < raw.Length)
                {
                    bytes[n++] = (byte)(((b & 0x1F) << 6) | (raw[++i] & 0x3F));
                }
                else
                {
                    return false;
                }
            }

            return WireId.TryFromBytes(bytes[..n], out id);
        }

        Span<char> chars = stackalloc char[WireId.Length * 6];
        int count;
        try
        {
            count = reader.CopyString(chars);
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate (\ud800) cannot be unescaped; it is above U+00FF anyway.
            return false;
        }

        return WireId.TryFromLatin1(chars[..count], out id);
    }

    private static void Keep(ref TrackerParseError first, TrackerParseError next)
    {
        if (first == TrackerParseError.None)
        {
            first = next;
        }
    }
}
