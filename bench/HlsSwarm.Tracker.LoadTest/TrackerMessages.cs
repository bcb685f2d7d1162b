using System.Buffers.Binary;
using System.Buffers.Text;
using System.Buffers;
using System.Text;

namespace HlsSwarm.Tracker.LoadTest;

/// <summary>
/// Writes the two client messages of spec §2.2 — announce with offers (a) and answer (b) — straight into a send
/// buffer, in the key order p2p-media-loader 2.3 uses. SDPs are realistic ~1 KB Chrome data-channel descriptions
/// (all candidates inline, no trickle line). The SDP session id (the 19-digit number of the <c>o=</c> line, random
/// in a browser) carries the sender's <see cref="System.Diagnostics.Stopwatch"/> timestamp, so the receiver of a
/// relayed offer or answer can measure relay latency without any side table.
/// </summary>
internal static class TrackerMessages
{
    public const int TimestampDigits = 19;

    private static readonly string OfferSdp = string.Join("\r\n",
        "v=0",
        "o=- {TS} 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0",
        "a=extmap-allow-mixed",
        "a=msid-semantic: WMS",
        "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
        "c=IN IP4 0.0.0.0",
        "a=candidate:3077214837 1 udp 2113937151 5c1f7a3e-2b4d-4e8f-9a6c-1d2e3f4a5b6c.local 56143 typ host generation 0 network-cost 999",
        "a=candidate:1204557462 1 udp 2113939711 0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f.local 49817 typ host generation 0 network-cost 999",
        "a=candidate:842163049 1 udp 1677729535 198.51.100.23 56143 typ srflx raddr 0.0.0.0 rport 0 generation 0 network-cost 999",
        "a=candidate:2957348191 1 udp 1677732095 2001:db8:85a3::8a2e:370:7334 49817 typ srflx raddr :: rport 0 generation 0 network-cost 999",
        "a=ice-ufrag:Qx7v",
        "a=ice-pwd:Lk2w9YbT4rN8cV1pZ6sM3jH0",
        "a=fingerprint:sha-256 4A:9C:1E:77:B3:05:D2:6F:88:0B:E4:31:9A:5C:C7:12:6E:F0:2B:93:D8:47:A1:3E:5F:86:0C:BB:74:29:E1:D5",
        "a=setup:actpass",
        "a=mid:0",
        "a=sctp-port:5000",
        "a=max-message-size:262144",
        "");

    private static readonly string AnswerSdp = string.Join("\r\n",
        "v=0",
        "o=- {TS} 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0",
        "a=extmap-allow-mixed",
        "a=msid-semantic: WMS",
        "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
        "c=IN IP4 0.0.0.0",
        "a=candidate:2440371583 1 udp 2113937151 9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b.local 61022 typ host generation 0 network-cost 999",
        "a=candidate:3912066457 1 udp 2113939711 1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809.local 50371 typ host generation 0 network-cost 999",
        "a=candidate:1675438201 1 udp 1677729535 203.0.113.58 61022 typ srflx raddr 0.0.0.0 rport 0 generation 0 network-cost 999",
        "a=candidate:3301847725 1 udp 1677732095 2001:db8:1f70::999:de8:7648:6e8 50371 typ srflx raddr :: rport 0 generation 0 network-cost 999",
        "a=ice-ufrag:b9Tz",
        "a=ice-pwd:Hq4mX8vR2kW6nP0sL5jC7dF1",
        "a=fingerprint:sha-256 D1:07:6B:E2:3F:98:A4:5C:10:CE:73:29:8F:B6:4D:E0:15:7A:C3:92:6E:0F:B8:41:D9:25:7C:A6:E3:08:5B:F4",
        "a=setup:active",
        "a=mid:0",
        "a=sctp-port:5000",
        "a=max-message-size:262144",
        "");

    // JSON-escaped halves of each SDP around the timestamp.
    private static readonly byte[] OfferSdpHead = JsonEscaped(OfferSdp.Split("{TS}")[0]);
    private static readonly byte[] OfferSdpTail = JsonEscaped(OfferSdp.Split("{TS}")[1]);
    private static readonly byte[] AnswerSdpHead = JsonEscaped(AnswerSdp.Split("{TS}")[0]);
    private static readonly byte[] AnswerSdpTail = JsonEscaped(AnswerSdp.Split("{TS}")[1]);

    /// <summary>The SDP marker just before the timestamp, as it appears in JSON (escaped or not: it has no escapes).</summary>
    public static ReadOnlySpan<byte> TimestampMarker => "o=- "u8;

    /// <summary>Length of the offer SDP in characters (what a browser would put into <c>sdp</c>).</summary>
    public static int OfferSdpLength => OfferSdp.Length - 4 + TimestampDigits;

    /// <summary>Length of the answer SDP in characters.</summary>
    public static int AnswerSdpLength => AnswerSdp.Length - 4 + TimestampDigits;

    /// <summary>Payload capacity an announce with <paramref name="offers"/> offers needs.</summary>
    public static int AnnounceCapacity(int offers) =>
        256 + offers * (OfferSdpHead.Length + OfferSdpTail.Length + TimestampDigits + 20 * 6 + 64);

    /// <summary>Payload capacity an answer needs, given the raw JSON lengths of the echoed ids.</summary>
    public static int AnswerCapacity(int rawPeerIdLength, int rawOfferIdLength) =>
        256 + AnswerSdpHead.Length + AnswerSdpTail.Length + TimestampDigits + rawPeerIdLength + rawOfferIdLength;

    /// <summary>
    /// Writes <c>{"numwant":K,"uploaded":0,"downloaded":0,["event":"started",]"action":"announce","info_hash":…,
    /// "peer_id":…,"offers":[{"offer":{"type":"offer","sdp":…},"offer_id":…}×K]}</c>. Offer ids are 20 random bytes
    /// (binary string, spec §2.1) whose first 4 carry <paramref name="offerIdTag"/> so the answer's routing can be
    /// checked. Returns the length written.
    /// </summary>
    public static int WriteAnnounce(Span<byte> dst, ReadOnlySpan<byte> infoHash, ReadOnlySpan<byte> peerId,
        bool started, int offers, uint offerIdTag, long timestamp, Random random)
    {
        var w = new SpanWriter(dst);
        w.Write("{\"numwant\":"u8);
        w.WriteInt(offers);
        w.Write(",\"uploaded\":0,\"downloaded\":0,"u8);
        if (started) w.Write("\"event\":\"started\","u8);
        w.Write("\"action\":\"announce\",\"info_hash\":\""u8);
        w.Write(infoHash);
        w.Write("\",\"peer_id\":\""u8);
        w.Write(peerId);
        w.Write("\",\"offers\":["u8);
        Span<byte> offerId = stackalloc byte[20];
        for (int i = 0; i < offers; i++)
        {
            if (i > 0) w.Write(","u8);
            w.Write("{\"offer\":{\"type\":\"offer\",\"sdp\":\""u8);
            w.Write(OfferSdpHead);
            w.WriteTimestamp(timestamp);
            w.Write(OfferSdpTail);
            w.Write("\"},\"offer_id\":\""u8);
            random.NextBytes(offerId);
            BinaryPrimitives.WriteUInt32LittleEndian(offerId, offerIdTag);
            w.WriteBinaryString(offerId);
            w.Write("\"}"u8);
        }
        w.Write("]}"u8);
        return w.Length;
    }

    /// <summary>
    /// Writes <c>{"action":"announce","info_hash":…,"peer_id":…,"to_peer_id":…,"answer":{"type":"answer","sdp":…},
    /// "offer_id":…}</c>; <paramref name="rawToPeerId"/> and <paramref name="rawOfferId"/> are the JSON string
    /// contents exactly as received (escapes kept), so binary ids round-trip unchanged.
    /// </summary>
    public static int WriteAnswer(Span<byte> dst, ReadOnlySpan<byte> infoHash, ReadOnlySpan<byte> peerId,
        ReadOnlySpan<byte> rawToPeerId, ReadOnlySpan<byte> rawOfferId, long timestamp)
    {
        var w = new SpanWriter(dst);
        w.Write("{\"action\":\"announce\",\"info_hash\":\""u8);
        w.Write(infoHash);
        w.Write("\",\"peer_id\":\""u8);
        w.Write(peerId);
        w.Write("\",\"to_peer_id\":\""u8);
        w.Write(rawToPeerId);
        w.Write("\",\"answer\":{\"type\":\"answer\",\"sdp\":\""u8);
        w.Write(AnswerSdpHead);
        w.WriteTimestamp(timestamp);
        w.Write(AnswerSdpTail);
        w.Write("\"},\"offer_id\":\""u8);
        w.Write(rawOfferId);
        w.Write("\"}"u8);
        return w.Length;
    }

    /// <summary>Reads the timestamp after the first <c>o=- </c> in a (JSON-escaped) SDP; -1 if absent or malformed.</summary>
    public static long ReadTimestamp(ReadOnlySpan<byte> sdp)
    {
        int at = sdp.IndexOf(TimestampMarker);
        if (at < 0 || sdp.Length < at + TimestampMarker.Length + TimestampDigits) return -1;
        ReadOnlySpan<byte> digits = sdp.Slice(at + TimestampMarker.Length, TimestampDigits);
        return Utf8Parser.TryParse(digits, out long value, out int consumed) && consumed == TimestampDigits ? value : -1;
    }

    private static byte[] JsonEscaped(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ => c.ToString(),
            });
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private ref struct SpanWriter(Span<byte> dst)
    {
        private readonly Span<byte> _dst = dst;
        private int _pos;

        public readonly int Length => _pos;

        public void Write(scoped ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_dst[_pos..]);
            _pos += bytes.Length;
        }

        public void WriteInt(int value)
        {
            Utf8Formatter.TryFormat(value, _dst[_pos..], out int n);
            _pos += n;
        }

        public void WriteTimestamp(long value)
        {
            Utf8Formatter.TryFormat(value, _dst[_pos..], out int n, new StandardFormat('D', TimestampDigits));
            _pos += n;
        }

        /// <summary>Each byte becomes the char with that code (spec §2.1), JSON-encoded the way JSON.stringify does.</summary>
        public void WriteBinaryString(scoped ReadOnlySpan<byte> bytes)
        {
            foreach (byte b in bytes)
            {
                if (b == (byte)'"' || b == (byte)'\\')
                {
                    _dst[_pos++] = (byte)'\\';
                    _dst[_pos++] = b;
                }
                else if (b < 0x20)
                {
                    "\\u00"u8.CopyTo(_dst[_pos..]);
                    _pos += 4;
                    _dst[_pos++] = Hex(b >> 4);
                    _dst[_pos++] = Hex(b & 0xF);
                }
                else if (b < 0x80)
                {
                    _dst[_pos++] = b;
                }
                else
                {
                    _dst[_pos++] = (byte)(0xC0 | (b >> 6));
                    _dst[_pos++] = (byte)(0x80 | (b & 0x3F));
                }
            }
        }

        private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
    }
}
