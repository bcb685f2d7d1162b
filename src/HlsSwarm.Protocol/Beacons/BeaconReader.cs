using System.Text.Json;
using System.Text.Unicode;

namespace HlsSwarm.Protocol.Beacons;

/// <summary>
/// Reads one beacon (<see cref="Beacon"/>, version 1) from its UTF-8 JSON body with <see cref="Utf8JsonReader"/>.
/// Never throws on client input: every problem is a <see cref="BeaconError"/> naming the field and the rule.
/// </summary>
/// <remarks>
/// Required: <c>v</c>, <c>sessionId</c>, <c>seq</c>, <c>client.kind</c>, <c>stream</c>, <c>bytes</c>; every other
/// field has a default (empty, zero, null or false). Unknown fields are skipped (a newer client may add some), but
/// a key repeated in one object is refused: RFC 8259 §4 leaves its meaning to the implementation, and a validator
/// and a store that pick different copies is how injection starts.
/// </remarks>
public static class BeaconReader
{
    private const int FieldV = 1 << 0;
    private const int FieldSessionId = 1 << 1;
    private const int FieldSeq = 1 << 2;
    private const int FieldClient = 1 << 3;
    private const int FieldStream = 1 << 4;
    private const int FieldRendition = 1 << 5;
    private const int FieldPeerId = 1 << 6;
    private const int FieldP2p = 1 << 7;
    private const int FieldBytes = 1 << 8;
    private const int FieldPeers = 1 << 9;
    private const int FieldTransfers = 1 << 10;
    private const int FieldStartup = 1 << 11;
    private const int FieldStalls = 1 << 12;
    private const int FieldPlaying = 1 << 13;
    private const int FieldLatency = 1 << 14;
    private const int FieldErrors = 1 << 15;
    private const int FieldMetered = 1 << 16;

    /// <summary>
    /// Reads <paramref name="utf8"/> into <paramref name="beacon"/>.
    /// </summary>
    /// <param name="utf8">The whole request body.</param>
    /// <param name="limits">Size and count limits; <see cref="BeaconLimits.Default"/> is the contract's.</param>
    /// <param name="beacon">The beacon when the result is true; otherwise null.</param>
    /// <param name="error">Why the body was refused; <see cref="BeaconError.None"/> when the result is true.</param>
    /// <returns>True when <paramref name="utf8"/> is a valid beacon.</returns>
    public static bool TryRead(ReadOnlySpan<byte> utf8, BeaconLimits limits, out Beacon? beacon, out BeaconError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        beacon = null;
        if (utf8.Length > limits.MaxBytes)
        {
            error = new BeaconError("", BeaconRule.TooLarge);
            return false;
        }

        // RFC 8259 §8.1: a JSON text must not begin with a byte-order mark; sendBeacon and fetch never add one.
        if (!Utf8.IsValid(utf8) || utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            error = new BeaconError("", BeaconRule.InvalidUtf8);
            return false;
        }

        var draft = new Draft();
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = limits.MaxDepth });
            if (!reader.Read())
            {
                error = new BeaconError("", BeaconRule.InvalidJson);
                return false;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error = new BeaconError("", BeaconRule.WrongType);
                return false;
            }

            error = ReadTop(ref reader, limits, draft);
            if (error.Rule != BeaconRule.None)
                return false;

            // Anything but whitespace after the object makes Read throw (JsonException) or return a token.
            if (reader.Read())
            {
                error = new BeaconError("", BeaconRule.InvalidJson);
                return false;
            }
        }
        catch (JsonException)
        {
            error = new BeaconError("", BeaconRule.InvalidJson);
            return false;
        }
        catch (InvalidOperationException)
        {
            // GetString on an escaped lone surrogate (\ud800): not representable text.
            error = new BeaconError(draft.CurrentField, BeaconRule.BadValue);
            return false;
        }

        beacon = new Beacon
        {
            SessionId = draft.SessionId!,
            Seq = draft.Seq,
            ClientKind = draft.ClientKind,
            ClientVersion = draft.ClientVersion,
            Stream = draft.Stream!,
            Rendition = draft.Rendition,
            PeerId = draft.PeerId,
            P2pEnabled = draft.P2pEnabled,
            Group = draft.Group,
            HttpBytes = draft.HttpBytes,
            P2pBytes = draft.P2pBytes,
            UploadedBytes = draft.UploadedBytes,
            PeersConnected = draft.PeersConnected,
            PeerAttempts = draft.PeerAttempts,
            Failures = draft.Failures,
            Transfers = draft.Transfers,
            StartupMs = draft.StartupMs,
            StallCount = draft.StallCount,
            StallMs = draft.StallMs,
            PlayingMs = draft.PlayingMs,
            LiveLatencyMs = draft.LiveLatencyMs,
            Errors = draft.Errors,
            Metered = draft.Metered,
        };
        error = BeaconError.None;
        return true;
    }

    private static BeaconError ReadTop(ref Utf8JsonReader r, BeaconLimits limits, Draft d)
    {
        var seen = 0;
        HashSet<string>? unknown = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var bit = TopField(ref r);
            if (bit == 0)
            {
                var name = r.GetString()!;
                unknown ??= new HashSet<string>(StringComparer.Ordinal);
                if (!unknown.Add(name))
                    return new BeaconError(name.Length <= limits.MaxKeyLength ? name : "", BeaconRule.DuplicateKey);
                r.Skip();
                continue;
            }

            if ((seen & bit) != 0)
                return new BeaconError(r.GetString()!, BeaconRule.DuplicateKey);
            seen |= bit;
            r.Read();
            var e = ReadTopValue(ref r, bit, limits, d);
            if (e.Rule != BeaconRule.None)
                return e;
        }

        if (r.TokenType != JsonTokenType.EndObject)
            return new BeaconError("", BeaconRule.InvalidJson);
        if ((seen & FieldV) == 0)
            return new BeaconError("v", BeaconRule.Missing);
        if ((seen & FieldSessionId) == 0)
            return new BeaconError("sessionId", BeaconRule.Missing);
        if ((seen & FieldSeq) == 0)
            return new BeaconError("seq", BeaconRule.Missing);
        if ((seen & FieldClient) == 0)
            return new BeaconError("client", BeaconRule.Missing);
        if ((seen & FieldStream) == 0)
            return new BeaconError("stream", BeaconRule.Missing);
        if ((seen & FieldBytes) == 0)
            return new BeaconError("bytes", BeaconRule.Missing);
        return BeaconError.None;
    }

    private static int TopField(ref Utf8JsonReader r)
    {
        if (r.ValueTextEquals("v"u8)) return FieldV;
        if (r.ValueTextEquals("sessionId"u8)) return FieldSessionId;
        if (r.ValueTextEquals("seq"u8)) return FieldSeq;
        if (r.ValueTextEquals("client"u8)) return FieldClient;
        if (r.ValueTextEquals("stream"u8)) return FieldStream;
        if (r.ValueTextEquals("rendition"u8)) return FieldRendition;
        if (r.ValueTextEquals("peerId"u8)) return FieldPeerId;
        if (r.ValueTextEquals("p2p"u8)) return FieldP2p;
        if (r.ValueTextEquals("bytes"u8)) return FieldBytes;
        if (r.ValueTextEquals("peers"u8)) return FieldPeers;
        if (r.ValueTextEquals("transfers"u8)) return FieldTransfers;
        if (r.ValueTextEquals("startupMs"u8)) return FieldStartup;
        if (r.ValueTextEquals("stalls"u8)) return FieldStalls;
        if (r.ValueTextEquals("playingMs"u8)) return FieldPlaying;
        if (r.ValueTextEquals("liveLatencyMs"u8)) return FieldLatency;
        if (r.ValueTextEquals("errors"u8)) return FieldErrors;
        if (r.ValueTextEquals("metered"u8)) return FieldMetered;
        return 0;
    }

    private static BeaconError ReadTopValue(ref Utf8JsonReader r, int field, BeaconLimits limits, Draft d)
    {
        BeaconError e;
        switch (field)
        {
            case FieldV:
                d.CurrentField = "v";
                if (r.TokenType != JsonTokenType.Number)
                    return new BeaconError("v", BeaconRule.WrongType);
                return r.TryGetInt64(out var v) && v == Beacon.CurrentVersion
                    ? BeaconError.None
                    : new BeaconError("v", BeaconRule.UnknownVersion);
            case FieldSessionId:
                e = ReadString(ref r, "sessionId", limits.MinSessionIdLength, limits.MaxSessionIdLength, false, d, out d.SessionId);
                if (e.Rule == BeaconRule.None && !IsSessionId(d.SessionId!))
                    e = new BeaconError("sessionId", BeaconRule.BadValue);
                return e;
            case FieldSeq:
                e = ReadCounter(ref r, "seq", limits.MaxCounter, false, d, out var seq);
                d.Seq = seq ?? 0;
                return e;
            case FieldClient:
                return ReadClient(ref r, limits, d);
            case FieldStream:
                return ReadString(ref r, "stream", 1, limits.MaxStreamLength, false, d, out d.Stream);
            case FieldRendition:
                e = ReadString(ref r, "rendition", 0, limits.MaxRenditionLength, false, d, out var rendition);
                d.Rendition = rendition ?? "";
                return e;
            case FieldPeerId:
                return ReadString(ref r, "peerId", 1, limits.MaxPeerIdLength, true, d, out d.PeerId);
            case FieldP2p:
                return ReadP2p(ref r, d);
            case FieldBytes:
            {
                Span<long> bytes = [0, 0, 0];
                e = ReadCounters(ref r, "bytes", ["bytes.http", "bytes.p2p", "bytes.uploaded"], limits, d, bytes);
                (d.HttpBytes, d.P2pBytes, d.UploadedBytes) = (bytes[0], bytes[1], bytes[2]);
                return e;
            }
            case FieldPeers:
                return ReadPeers(ref r, limits, d);
            case FieldTransfers:
                e = ReadArray<BeaconTransfer>(ref r, "transfers", limits.MaxTransfers, limits, d, ReadTransfer, out var transfers);
                d.Transfers = transfers;
                return e;
            case FieldStartup:
                e = ReadCounter(ref r, "startupMs", limits.MaxCounter, true, d, out d.StartupMs);
                return e;
            case FieldStalls:
            {
                Span<long> stalls = [0, 0];
                e = ReadCounters(ref r, "stalls", ["stalls.count", "stalls.ms"], limits, d, stalls);
                (d.StallCount, d.StallMs) = (stalls[0], stalls[1]);
                return e;
            }
            case FieldPlaying:
                e = ReadCounter(ref r, "playingMs", limits.MaxCounter, false, d, out var playing);
                d.PlayingMs = playing ?? 0;
                return e;
            case FieldLatency:
                return ReadCounter(ref r, "liveLatencyMs", limits.MaxCounter, true, d, out d.LiveLatencyMs);
            case FieldErrors:
                e = ReadArray<BeaconPlayerError>(ref r, "errors", limits.MaxErrors, limits, d, ReadError, out var errors);
                d.Errors = errors;
                return e;
            default:
                d.CurrentField = "metered";
                if (r.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                    return new BeaconError("metered", BeaconRule.WrongType);
                d.Metered = r.GetBoolean();
                return BeaconError.None;
        }
    }

    private static BeaconError ReadClient(ref Utf8JsonReader r, BeaconLimits limits, Draft d)
    {
        if (r.TokenType != JsonTokenType.StartObject)
            return new BeaconError("client", BeaconRule.WrongType);
        bool kind = false, version = false;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("kind"u8))
            {
                if (kind)
                    return new BeaconError("client.kind", BeaconRule.DuplicateKey);
                kind = true;
                r.Read();
                d.CurrentField = "client.kind";
                if (r.TokenType != JsonTokenType.String)
                    return new BeaconError("client.kind", BeaconRule.WrongType);
                if (r.ValueTextEquals("web"u8))
                    d.ClientKind = BeaconClientKind.Web;
                else if (r.ValueTextEquals("engine"u8))
                    d.ClientKind = BeaconClientKind.Engine;
                else
                    return new BeaconError("client.kind", BeaconRule.BadValue);
            }
            else if (r.ValueTextEquals("version"u8))
            {
                if (version)
                    return new BeaconError("client.version", BeaconRule.DuplicateKey);
                version = true;
                r.Read();
                var e = ReadString(ref r, "client.version", 0, limits.MaxClientVersionLength, false, d, out var v);
                if (e.Rule != BeaconRule.None)
                    return e;
                d.ClientVersion = v!;
            }
            else
            {
                r.Skip();
            }
        }

        return kind ? BeaconError.None : new BeaconError("client.kind", BeaconRule.Missing);
    }

    private static BeaconError ReadP2p(ref Utf8JsonReader r, Draft d)
    {
        if (r.TokenType != JsonTokenType.StartObject)
            return new BeaconError("p2p", BeaconRule.WrongType);
        bool enabled = false, group = false;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("enabled"u8))
            {
                if (enabled)
                    return new BeaconError("p2p.enabled", BeaconRule.DuplicateKey);
                enabled = true;
                r.Read();
                if (r.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                    return new BeaconError("p2p.enabled", BeaconRule.WrongType);
                d.P2pEnabled = r.GetBoolean();
            }
            else if (r.ValueTextEquals("group"u8))
            {
                if (group)
                    return new BeaconError("p2p.group", BeaconRule.DuplicateKey);
                group = true;
                r.Read();
                if (r.TokenType != JsonTokenType.String)
                    return new BeaconError("p2p.group", BeaconRule.WrongType);
                if (r.ValueTextEquals("p2p"u8))
                    d.Group = BeaconGroup.P2p;
                else if (r.ValueTextEquals("control"u8))
                    d.Group = BeaconGroup.Control;
                else
                    return new BeaconError("p2p.group", BeaconRule.BadValue);
            }
            else
            {
                r.Skip();
            }
        }

        return BeaconError.None;
    }

    private static BeaconError ReadPeers(ref Utf8JsonReader r, BeaconLimits limits, Draft d)
    {
        if (r.TokenType != JsonTokenType.StartObject)
            return new BeaconError("peers", BeaconRule.WrongType);
        var seen = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var bit = r.ValueTextEquals("connected"u8) ? 1 : r.ValueTextEquals("attempts"u8) ? 2 : r.ValueTextEquals("failures"u8) ? 4 : 0;
            if (bit == 0)
            {
                r.Skip();
                continue;
            }

            if ((seen & bit) != 0)
                return new BeaconError("peers." + r.GetString(), BeaconRule.DuplicateKey);
            seen |= bit;
            r.Read();
            BeaconError e;
            if (bit == 1)
            {
                e = ReadCounter(ref r, "peers.connected", limits.MaxPeersConnected, false, d, out var connected);
                d.PeersConnected = connected ?? 0;
            }
            else if (bit == 2)
            {
                e = ReadCounter(ref r, "peers.attempts", limits.MaxCounter, false, d, out var attempts);
                d.PeerAttempts = attempts ?? 0;
            }
            else
            {
                e = ReadFailures(ref r, limits, d);
            }

            if (e.Rule != BeaconRule.None)
                return e;
        }

        return BeaconError.None;
    }

    private static BeaconError ReadFailures(ref Utf8JsonReader r, BeaconLimits limits, Draft d)
    {
        const string Field = "peers.failures";
        if (r.TokenType != JsonTokenType.StartObject)
            return new BeaconError(Field, BeaconRule.WrongType);
        var list = new List<BeaconFailureCount>();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            d.CurrentField = Field;
            var reason = r.GetString()!;
            if (reason.Length == 0 || reason.Length > limits.MaxKeyLength)
                return new BeaconError(Field, BeaconRule.BadLength);
            if (list.Count == limits.MaxFailureReasons)
                return new BeaconError(Field, BeaconRule.TooMany);
            foreach (var f in list)
            {
                if (string.Equals(f.Reason, reason, StringComparison.Ordinal))
                    return new BeaconError(Field, BeaconRule.DuplicateKey);
            }

            r.Read();
            var e = ReadCounter(ref r, Field, limits.MaxCounter, false, d, out var count);
            if (e.Rule != BeaconRule.None)
                return e;
            list.Add(new BeaconFailureCount(reason, count!.Value));
        }

        d.Failures = list;
        return BeaconError.None;
    }

    private static BeaconError ReadTransfer(ref Utf8JsonReader r, string at, BeaconLimits limits, Draft d, out BeaconTransfer transfer)
    {
        transfer = default;
        string? peerId = null;
        long? down = null, up = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            BeaconError e;
            if (r.ValueTextEquals("peerId"u8))
            {
                e = ReadStringOnce(ref r, at + ".peerId", 1, limits.MaxPeerIdLength, d, ref peerId);
            }
            else if (r.ValueTextEquals("down"u8))
            {
                e = ReadCounterOnce(ref r, at + ".down", limits.MaxCounter, d, ref down);
            }
            else if (r.ValueTextEquals("up"u8))
            {
                e = ReadCounterOnce(ref r, at + ".up", limits.MaxCounter, d, ref up);
            }
            else
            {
                r.Skip();
                continue;
            }

            if (e.Rule != BeaconRule.None)
                return e;
        }

        if (peerId is null)
            return new BeaconError(at + ".peerId", BeaconRule.Missing);
        transfer = new BeaconTransfer(peerId, down ?? 0, up ?? 0);
        return BeaconError.None;
    }

    /// <summary>
    /// Reads an object of counters (<c>bytes</c>, <c>stalls</c>): member i is named by <paramref name="paths"/>[i]
    /// after <c>field.</c>, and its value goes to <paramref name="values"/>[i] (left as it is when the member is absent).
    /// </summary>
    private static BeaconError ReadCounters(
        ref Utf8JsonReader r, string field, scoped ReadOnlySpan<string> paths, BeaconLimits limits, Draft d, scoped Span<long> values)
    {
        if (r.TokenType != JsonTokenType.StartObject)
            return new BeaconError(field, BeaconRule.WrongType);
        var seen = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var i = 0;
            while (i < paths.Length && !r.ValueTextEquals(paths[i].AsSpan(field.Length + 1)))
                i++;
            if (i == paths.Length)
            {
                r.Skip();
                continue;
            }

            if ((seen & (1 << i)) != 0)
                return new BeaconError(paths[i], BeaconRule.DuplicateKey);
            seen |= 1 << i;
            r.Read();
            var e = ReadCounter(ref r, paths[i], limits.MaxCounter, false, d, out var value);
            if (e.Rule != BeaconRule.None)
                return e;
            values[i] = value!.Value;
        }

        return BeaconError.None;
    }

    private static BeaconError ReadError(ref Utf8JsonReader r, string at, BeaconLimits limits, Draft d, out BeaconPlayerError error)
    {
        error = default;
        string? kind = null, message = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            BeaconError e;
            if (r.ValueTextEquals("kind"u8))
            {
                e = ReadStringOnce(ref r, at + ".kind", 1, limits.MaxKeyLength, d, ref kind);
            }
            else if (r.ValueTextEquals("message"u8))
            {
                e = ReadStringOnce(ref r, at + ".message", 0, limits.MaxErrorMessageLength, d, ref message);
            }
            else
            {
                r.Skip();
                continue;
            }

            if (e.Rule != BeaconRule.None)
                return e;
        }

        if (kind is null)
            return new BeaconError(at + ".kind", BeaconRule.Missing);
        error = new BeaconPlayerError(kind, message ?? "");
        return BeaconError.None;
    }

    /// <summary>
    /// Reads an array of at most <paramref name="max"/> objects, each by <paramref name="readElement"/>, whose errors
    /// name the element as <c>field[i]</c>. <paramref name="list"/> is empty unless the result is none.
    /// </summary>
    private static BeaconError ReadArray<T>(
        ref Utf8JsonReader r, string field, int max, BeaconLimits limits, Draft d, ElementReader<T> readElement, out IReadOnlyList<T> list)
    {
        list = [];
        if (r.TokenType != JsonTokenType.StartArray)
            return new BeaconError(field, BeaconRule.WrongType);
        var items = new List<T>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (items.Count == max)
                return new BeaconError(field, BeaconRule.TooMany);
            var at = $"{field}[{items.Count}]";
            if (r.TokenType != JsonTokenType.StartObject)
                return new BeaconError(at, BeaconRule.WrongType);
            var e = readElement(ref r, at, limits, d, out var item);
            if (e.Rule != BeaconRule.None)
                return e;
            items.Add(item);
        }

        list = items;
        return BeaconError.None;
    }

    /// <summary>Reads a string member of an object after its name; a second copy of the member is refused.</summary>
    private static BeaconError ReadStringOnce(ref Utf8JsonReader r, string field, int min, int max, Draft d, ref string? value)
    {
        if (value is not null)
            return new BeaconError(field, BeaconRule.DuplicateKey);
        r.Read();
        return ReadString(ref r, field, min, max, false, d, out value);
    }

    /// <summary>Reads a counter member of an object after its name; a second copy of the member is refused.</summary>
    private static BeaconError ReadCounterOnce(ref Utf8JsonReader r, string field, long max, Draft d, ref long? value)
    {
        if (value is not null)
            return new BeaconError(field, BeaconRule.DuplicateKey);
        r.Read();
        return ReadCounter(ref r, field, max, false, d, out value);
    }

    private static BeaconError ReadString(ref Utf8JsonReader r, string field, int min, int max, bool nullable, Draft d, out string? value)
    {
        value = null;
        d.CurrentField = field;
        if (r.TokenType == JsonTokenType.Null && nullable)
            return BeaconError.None;
        if (r.TokenType != JsonTokenType.String)
            return new BeaconError(field, BeaconRule.WrongType);
        // Escapes only make the text shorter than its bytes, so a string whose raw bytes exceed 6 x max characters
        // (\uXXXX per character) cannot fit: refuse it before allocating.
        if (r.ValueSpan.Length > (long)max * 6)
            return new BeaconError(field, BeaconRule.BadLength);
        var text = r.GetString()!;
        // Lengths are UTF-16 code units, as JavaScript's String.length counts them on the client.
        if (text.Length < min || text.Length > max)
            return new BeaconError(field, BeaconRule.BadLength);
        value = text;
        return BeaconError.None;
    }

    private static BeaconError ReadCounter(ref Utf8JsonReader r, string field, long max, bool nullable, Draft d, out long? value)
    {
        value = null;
        d.CurrentField = field;
        if (r.TokenType == JsonTokenType.Null && nullable)
            return BeaconError.None;
        if (r.TokenType != JsonTokenType.Number)
            return new BeaconError(field, BeaconRule.WrongType);
        // TryGetInt64 refuses fractions, exponents and anything beyond long; the rest is checked against the limit.
        if (!r.TryGetInt64(out var n) || n < 0 || n > max)
            return new BeaconError(field, BeaconRule.OutOfRange);
        value = n;
        return BeaconError.None;
    }

    private static bool IsSessionId(string s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                return false;
        }

        return true;
    }

    /// <summary>Reads one element of an array (<paramref name="at"/>, e.g. <c>errors[2]</c>), an object.</summary>
    private delegate BeaconError ElementReader<T>(ref Utf8JsonReader r, string at, BeaconLimits limits, Draft d, out T item);

    /// <summary>The fields read so far; becomes the <see cref="Beacon"/> once the whole body is valid.</summary>
    private sealed class Draft
    {
        public string CurrentField = "";
        public string? SessionId;
        public long Seq;
        public BeaconClientKind ClientKind;
        public string ClientVersion = "";
        public string? Stream;
        public string Rendition = "";
        public string? PeerId;
        public bool P2pEnabled;
        public BeaconGroup Group;
        public long HttpBytes;
        public long P2pBytes;
        public long UploadedBytes;
        public long PeersConnected;
        public long PeerAttempts;
        public IReadOnlyList<BeaconFailureCount> Failures = [];
        public IReadOnlyList<BeaconTransfer> Transfers = [];
        public long? StartupMs;
        public long StallCount;
        public long StallMs;
        public long PlayingMs;
        public long? LiveLatencyMs;
        public IReadOnlyList<BeaconPlayerError> Errors = [];
        public bool Metered;
    }
}
