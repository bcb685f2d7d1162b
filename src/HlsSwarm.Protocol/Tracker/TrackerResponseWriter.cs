using System.Buffers;

namespace HlsSwarm.Protocol.Tracker;

/// <summary>
/// Writes every tracker → client message of spec §8 as UTF-8 JSON into an <see cref="IBufferWriter{T}"/>.
/// One call writes one complete message. Offer and answer objects are copied as raw bytes (no SDP re-encoding).
/// </summary>
/// <remarks>
/// <code>
/// reply   {"action":"announce","interval":I,"info_hash":ih,"complete":C,"incomplete":N}
/// offer   {"action":"announce","info_hash":ih,"peer_id":from,"offer_id":id,"offer":{"type":"offer","sdp":…}}
/// answer  {"action":"announce","info_hash":ih,"peer_id":from,"offer_id":id,"answer":{"type":"answer","sdp":…}}
/// failure {"action":"announce"|"scrape","failure reason":"…"[,"info_hash":ih]}
/// scrape  {"action":"scrape","files":{ih:{"complete":C,"incomplete":N,"downloaded":D},…}}
/// </code>
/// Field order follows wt-tracker; clients do not depend on it. Every message carries <c>action</c>: a message
/// without it tears down the browser's whole tracker socket (spec §2.3 "Critical").
/// </remarks>
public static class TrackerResponseWriter
{
    private const int MaxIntLength = 11;

    /// <summary>Writes the announce reply sent to the announcer first (spec §2.5 point 4).</summary>
    public static void WriteAnnounceReply(IBufferWriter<byte> output, WireId infoHash, int intervalSeconds, int complete, int incomplete)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(128 + WireId.MaxJsonLength);
        var n = Append(span, 0, "{\"action\":\"announce\",\"interval\":"u8);
        n += FormatInt(span[n..], intervalSeconds);
        n = Append(span, n, ",\"info_hash\":"u8);
        n += infoHash.WriteJsonString(span[n..]);
        n = Append(span, n, ",\"complete\":"u8);
        n += FormatInt(span[n..], complete);
        n = Append(span, n, ",\"incomplete\":"u8);
        n += FormatInt(span[n..], incomplete);
        span[n++] = (byte)'}';
        output.Advance(n);
    }

    /// <summary>
    /// Writes an offer relay (spec §2.5 point 5): <paramref name="rawOffer"/> is the offer object exactly as the
    /// announcer sent it.
    /// </summary>
    public static void WriteOfferRelay(IBufferWriter<byte> output, WireId infoHash, WireId fromPeerId, WireId offerId, ReadOnlySpan<byte> rawOffer) =>
        WriteRelay(output, infoHash, fromPeerId, offerId, ",\"offer\":"u8, rawOffer);

    /// <summary>
    /// Writes an answer relay (spec §2.5 point 6): <paramref name="rawAnswer"/> is the answer object exactly as the
    /// answerer sent it.
    /// </summary>
    public static void WriteAnswerRelay(IBufferWriter<byte> output, WireId infoHash, WireId fromPeerId, WireId offerId, ReadOnlySpan<byte> rawAnswer) =>
        WriteRelay(output, infoHash, fromPeerId, offerId, ",\"answer\":"u8, rawAnswer);

    /// <summary>
    /// Writes a failure reply. <paramref name="reason"/> must be printable ASCII without <c>"</c> or <c>\</c>
    /// (the tracker's own fixed texts); other characters are replaced by <c>?</c>.
    /// </summary>
    /// <param name="output">Destination.</param>
    /// <param name="scrape">True to answer with <c>action:"scrape"</c>, else <c>"announce"</c>.</param>
    /// <param name="reason">The <c>failure reason</c> text.</param>
    /// <param name="infoHash">The swarm concerned when known.</param>
    public static void WriteFailure(IBufferWriter<byte> output, bool scrape, string reason, WireId? infoHash)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(reason);
        var span = output.GetSpan(64 + reason.Length + WireId.MaxJsonLength);
        var n = Append(span, 0, scrape ? "{\"action\":\"scrape\",\"failure reason\":\""u8 : "{\"action\":\"announce\",\"failure reason\":\""u8);
        foreach (var c in reason)
        {
            span[n++] = c is >= ' ' and < (char)0x7F and not '"' and not '\\' ? (byte)c : (byte)'?';
        }

        span[n++] = (byte)'"';
        if (infoHash is { } ih)
        {
            n = Append(span, n, ",\"info_hash\":"u8);
            n += ih.WriteJsonString(span[n..]);
        }

        span[n++] = (byte)'}';
        output.Advance(n);
    }

    /// <summary>Writes a scrape reply (spec §2.5 point 9) with one <c>files</c> entry per element.</summary>
    public static void WriteScrapeReply(IBufferWriter<byte> output, ReadOnlySpan<ScrapeFile> files)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(32);
        var n = Append(span, 0, "{\"action\":\"scrape\",\"files\":{"u8);
        output.Advance(n);
        for (var i = 0; i < files.Length; i++)
        {
            var f = files[i];
            span = output.GetSpan(64 + WireId.MaxJsonLength + (3 * MaxIntLength));
            n = 0;
            if (i > 0)
            {
                span[n++] = (byte)',';
            }

            n += f.InfoHash.WriteJsonString(span[n..]);
            n = Append(span, n, ":{\"complete\":"u8);
            n += FormatInt(span[n..], f.Complete);
            n = Append(span, n, ",\"incomplete\":"u8);
            n += FormatInt(span[n..], f.Incomplete);
            n = Append(span, n, ",\"downloaded\":"u8);
            n += FormatInt(span[n..], f.Downloaded);
            span[n++] = (byte)'}';
            output.Advance(n);
        }

        span = output.GetSpan(2);
        span[0] = (byte)'}';
        span[1] = (byte)'}';
        output.Advance(2);
    }

    private static void WriteRelay(IBufferWriter<byte> output, WireId infoHash, WireId fromPeerId, WireId offerId, ReadOnlySpan<byte> key, ReadOnlySpan<byte> raw)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(96 + (3 * WireId.MaxJsonLength) + raw.Length);
        var n = Append(span, 0, "{\"action\":\"announce\",\"info_hash\":"u8);
        n += infoHash.WriteJsonString(span[n..]);
        n = Append(span, n, ",\"peer_id\":"u8);
        n += fromPeerId.WriteJsonString(span[n..]);
        n = Append(span, n, ",\"offer_id\":"u8);
        n += offerId.WriteJsonString(span[n..]);
        n = Append(span, n, key);
        n = Append(span, n, raw);
        span[n++] = (byte)'}';
        output.Advance(n);
    }

    private static int Append(Span<byte> span, int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(span[at..]);
        return at + text.Length;
    }

    private static int FormatInt(Span<byte> span, int value)
    {
        value.TryFormat(span, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }
}
