using System.Collections;
using System.Globalization;
using System.Text;

namespace HlsSwarm.Hls;

/// <summary>
/// An attribute list (RFC 8216 §4.2) as written: every attribute in order, with its raw value, plus typed accessors
/// that return null when an attribute is absent or does not parse as the type (the raw value stays available).
/// </summary>
/// <remarks>
/// Parsing follows hls.js 1.6 (<c>AttrList.parseAttrList</c>) where the RFC leaves room: a name is everything up to
/// the next <c>=</c>, trimmed; a value starting with <c>"</c> is a quoted-string up to the first <c>"</c> that is
/// followed by a comma or the end, otherwise the value runs to the next comma (untrimmed); text without a further
/// <c>=</c> is ignored; a repeated name is kept twice and the last one wins in lookups. Malformed lists therefore
/// never fail the playlist; typed accessors are strict and return null instead. As in hls.js's pattern
/// (<c>/(.+?)=(".*?"|.*?)(?:,|$)/g</c>), no pair spans a JavaScript line terminator (U+2028, U+2029), and a pair ends
/// at the end of the text but not at such a terminator; names are trimmed of JavaScript white space (U+FEFF yes, U+0085 no).
/// </remarks>
public sealed class AttributeList : IReadOnlyList<PlaylistAttribute>, IEquatable<AttributeList>
{
    private readonly PlaylistAttribute[] _attributes;

    /// <summary>A list holding <paramref name="attributes"/> in order (copied).</summary>
    public AttributeList(IEnumerable<PlaylistAttribute> attributes) => _attributes = [.. attributes];

    private AttributeList(PlaylistAttribute[] attributes, bool _) => _attributes = attributes;

    /// <summary>The list without attributes.</summary>
    public static AttributeList Empty { get; } = new([], false);

    /// <summary>The attribute at <paramref name="index"/>.</summary>
    public PlaylistAttribute this[int index] => _attributes[index];

    /// <summary>The raw value of <paramref name="name"/> (the last one if repeated), or null when absent.</summary>
    public string? this[string name] => TryGetValue(name, out var value) ? value : null;

    /// <summary>Number of attributes.</summary>
    public int Count => _attributes.Length;

    /// <summary>
    /// Parses <paramref name="text"/> the way hls.js does (see the type remarks); never fails. At most
    /// <see cref="PlaylistLimits.MaxAttributesPerTag"/> of <see cref="PlaylistLimits.Default"/> attributes are kept.
    /// </summary>
    public static AttributeList Parse(ReadOnlySpan<char> text)
    {
        TryParse(text, PlaylistLimits.Default.MaxAttributesPerTag, out var list);
        return list;
    }

    /// <summary>Parses up to <paramref name="maxAttributes"/> attributes; false when there were more (the list holds the first ones).</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, int maxAttributes, out AttributeList list)
    {
        if (text.IsEmpty)
        {
            list = Empty;
            return true;
        }
        // Real attribute lists hold 1 to 15 attributes; grow only for unusual ones.
        var buffer = new PlaylistAttribute[Math.Min(16, maxAttributes)];
        var count = 0;
        var ok = true;
        var rest = text;
        while (ok)
        {
            // JS '.' does not match U+2028/U+2029 and '$' is the end of the input only: each stretch between them is
            // scanned on its own, and only the last one may end a value without a comma.
            var terminator = rest.IndexOfAny('\u2028', '\u2029');
            var last = terminator < 0;
            ok = ParseStretch(last ? rest : rest[..terminator], last, maxAttributes, ref buffer, ref count);
            if (last)
                break;
            rest = rest[(terminator + 1)..];
        }
        if (count != buffer.Length)
            Array.Resize(ref buffer, count);
        list = count == 0 ? Empty : new AttributeList(buffer, false);
        return ok;
    }

    private static bool ParseStretch(ReadOnlySpan<char> text, bool endsInput, int maxAttributes, ref PlaylistAttribute[] buffer, ref int count)
    {
        var i = 0;
        // Position from which no quote followed by a comma or the end exists; makes the quoted-string search linear
        // on hostile lines with many unbalanced quotes.
        var noCloseFrom = int.MaxValue;
        while (i < text.Length)
        {
            var eq = text[i..].IndexOf('=');
            if (eq == 0)
            {
                // hls.js's name pattern (.+?)= takes at least one character, so a leading '=' belongs to the name.
                eq = text[(i + 1)..].IndexOf('=');
                if (eq >= 0)
                    eq++;
            }
            if (eq < 0)
                break;
            var name = TrimJsWhiteSpace(text.Slice(i, eq));
            var v = i + eq + 1;
            string value;
            var quoted = false;
            var close = -1;
            if (v < text.Length && text[v] == '"' && v + 1 < noCloseFrom)
            {
                close = FindClosingQuote(text, v + 1, endsInput);
                if (close < 0)
                    noCloseFrom = v + 1;
            }
            if (close >= 0)
            {
                value = text[(v + 1)..close].ToString();
                quoted = true;
                i = close + 2; // past the quote and the comma
            }
            else
            {
                var comma = text[v..].IndexOf(',');
                if (comma < 0 && !endsInput)
                    break; // the value would end at a line terminator: no pair, and none later in this stretch
                var end = comma < 0 ? text.Length : v + comma;
                value = text[v..end].ToString();
                i = end + 1;
                if (value == "\"")
                {
                    // hls.js takes a lone '"' for an empty quoted-string (its first and last character are quotes).
                    value = "";
                    quoted = true;
                }
            }
            if (count == maxAttributes)
                return false;
            if (count == buffer.Length)
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxAttributes));
            buffer[count++] = new PlaylistAttribute(KnownName(name), value, quoted);
        }
        return true;
    }

    // JS String.prototype.trim (ECMA-262 §12.2, §12.3): category Zs, TAB, VT, FF, U+FEFF and the line terminators;
    // unlike char.IsWhiteSpace, U+FEFF is white space and U+0085 is not.
    private static ReadOnlySpan<char> TrimJsWhiteSpace(ReadOnlySpan<char> s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsJsWhiteSpace(s[start]))
            start++;
        while (end > start && IsJsWhiteSpace(s[end - 1]))
            end--;
        return s[start..end];
    }

    private static bool IsJsWhiteSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\uFEFF' or '\u2028' or '\u2029' => true,
        _ => c > 0x7F && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator,
    };

    private static int FindClosingQuote(ReadOnlySpan<char> text, int from, bool endsInput)
    {
        var i = from;
        while (i < text.Length)
        {
            var q = text[i..].IndexOf('"');
            if (q < 0)
                return -1;
            var at = i + q;
            if ((at + 1 == text.Length && endsInput) || (at + 1 < text.Length && text[at + 1] == ','))
                return at;
            i = at + 1;
        }
        return -1;
    }

    /// <summary>True and the raw value if <paramref name="name"/> is present (the last one if repeated, as in hls.js).</summary>
    public bool TryGetValue(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        for (var i = _attributes.Length - 1; i >= 0; i--)
        {
            if (string.Equals(_attributes[i].Name, name, StringComparison.Ordinal))
            {
                value = _attributes[i].Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    /// <summary>True if <paramref name="name"/> is present.</summary>
    public bool Contains(string name) => TryGetValue(name, out _);

    /// <summary>A decimal-integer (RFC 8216 §4.2: digits only, 0 to 2^64−1; here up to <see cref="long.MaxValue"/>); null when absent or malformed.</summary>
    public long? GetDecimalInteger(string name) =>
        TryGetValue(name, out var v) && Numbers.TryParseDecimalInteger(v, out var n) ? n : null;

    /// <summary>A decimal-floating-point or signed-decimal-floating-point (RFC 8216 §4.2); null when absent or malformed.</summary>
    public decimal? GetDecimal(string name) =>
        TryGetValue(name, out var v) && Numbers.TryParseSignedDecimal(v, out var d) ? d : null;

    /// <summary>A decimal-resolution <c>WxH</c> (RFC 8216 §4.2); null when absent or malformed.</summary>
    public (int Width, int Height)? GetResolution(string name)
    {
        if (!TryGetValue(name, out var v))
            return null;
        var x = v.IndexOf('x', StringComparison.Ordinal);
        return x > 0
            && int.TryParse(v.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(v.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            ? (w, h)
            : null;
    }

    /// <summary>True only when the value is exactly <c>YES</c> (RFC 8216 enumerated YES/NO; hls.js <c>bool()</c>).</summary>
    public bool GetYes(string name) => TryGetValue(name, out var v) && v == "YES";

    /// <summary>A hexadecimal-sequence <c>0x…</c> (RFC 8216 §4.2) as bytes (odd digit counts get a leading 0); null when absent or malformed.</summary>
    public byte[]? GetHexBytes(string name) =>
        TryGetValue(name, out var v) && Numbers.TryParseHexSequence(v, out var bytes) ? bytes : null;

    /// <summary>An ISO 8601 date-time (RFC 8216 §4.2 and §4.3.2.6); null when absent or malformed.</summary>
    public DateTimeOffset? GetDateTime(string name) =>
        TryGetValue(name, out var v) && Numbers.TryParseDateTime(v, out var d) ? d : null;

    /// <summary>The attribute list text: values quoted where they were quoted.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendTo(sb);
        return sb.ToString();
    }

    /// <summary>Appends the attribute list text to <paramref name="sb"/>.</summary>
    internal void AppendTo(StringBuilder sb)
    {
        for (var i = 0; i < _attributes.Length; i++)
        {
            if (i > 0)
                sb.Append(',');
            var a = _attributes[i];
            sb.Append(a.Name).Append('=');
            if (a.Quoted)
                sb.Append('"').Append(a.Value).Append('"');
            else
                sb.Append(a.Value);
        }
    }

    /// <inheritdoc/>
    public IEnumerator<PlaylistAttribute> GetEnumerator() => ((IEnumerable<PlaylistAttribute>)_attributes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _attributes.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(AttributeList? other) =>
        other is not null && (ReferenceEquals(this, other) || _attributes.AsSpan().SequenceEqual(other._attributes));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AttributeList other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _attributes.Length == 0 ? 0 : HashCode.Combine(_attributes.Length, _attributes[0]);

    // Names of RFC 8216 and rfc8216bis attributes share one string instance instead of one allocation per tag.
    private static string KnownName(ReadOnlySpan<char> name) => name switch
    {
        "BANDWIDTH" => "BANDWIDTH",
        "AVERAGE-BANDWIDTH" => "AVERAGE-BANDWIDTH",
        "CODECS" => "CODECS",
        "SUPPLEMENTAL-CODECS" => "SUPPLEMENTAL-CODECS",
        "RESOLUTION" => "RESOLUTION",
        "FRAME-RATE" => "FRAME-RATE",
        "HDCP-LEVEL" => "HDCP-LEVEL",
        "VIDEO-RANGE" => "VIDEO-RANGE",
        "AUDIO" => "AUDIO",
        "VIDEO" => "VIDEO",
        "SUBTITLES" => "SUBTITLES",
        "CLOSED-CAPTIONS" => "CLOSED-CAPTIONS",
        "STABLE-VARIANT-ID" => "STABLE-VARIANT-ID",
        "SCORE" => "SCORE",
        "PATHWAY-ID" => "PATHWAY-ID",
        "URI" => "URI",
        "TYPE" => "TYPE",
        "GROUP-ID" => "GROUP-ID",
        "LANGUAGE" => "LANGUAGE",
        "ASSOC-LANGUAGE" => "ASSOC-LANGUAGE",
        "NAME" => "NAME",
        "DEFAULT" => "DEFAULT",
        "AUTOSELECT" => "AUTOSELECT",
        "FORCED" => "FORCED",
        "INSTREAM-ID" => "INSTREAM-ID",
        "CHARACTERISTICS" => "CHARACTERISTICS",
        "CHANNELS" => "CHANNELS",
        "STABLE-RENDITION-ID" => "STABLE-RENDITION-ID",
        "METHOD" => "METHOD",
        "IV" => "IV",
        "KEYFORMAT" => "KEYFORMAT",
        "KEYFORMATVERSIONS" => "KEYFORMATVERSIONS",
        "BYTERANGE" => "BYTERANGE",
        "DURATION" => "DURATION",
        "INDEPENDENT" => "INDEPENDENT",
        "GAP" => "GAP",
        "PART-TARGET" => "PART-TARGET",
        "BYTERANGE-START" => "BYTERANGE-START",
        "BYTERANGE-LENGTH" => "BYTERANGE-LENGTH",
        "LAST-MSN" => "LAST-MSN",
        "LAST-PART" => "LAST-PART",
        "ID" => "ID",
        "CLASS" => "CLASS",
        "START-DATE" => "START-DATE",
        "END-DATE" => "END-DATE",
        "PLANNED-DURATION" => "PLANNED-DURATION",
        "END-ON-NEXT" => "END-ON-NEXT",
        "TIME-OFFSET" => "TIME-OFFSET",
        "PRECISE" => "PRECISE",
        "DATA-ID" => "DATA-ID",
        "VALUE" => "VALUE",
        "SERVER-URI" => "SERVER-URI",
        "CAN-SKIP-UNTIL" => "CAN-SKIP-UNTIL",
        "CAN-SKIP-DATERANGES" => "CAN-SKIP-DATERANGES",
        "HOLD-BACK" => "HOLD-BACK",
        "PART-HOLD-BACK" => "PART-HOLD-BACK",
        "CAN-BLOCK-RELOAD" => "CAN-BLOCK-RELOAD",
        "SKIPPED-SEGMENTS" => "SKIPPED-SEGMENTS",
        "RECENTLY-REMOVED-DATERANGES" => "RECENTLY-REMOVED-DATERANGES",
        "IMPORT" => "IMPORT",
        "QUERYPARAM" => "QUERYPARAM",
        _ => name.ToString(),
    };
}
