namespace HlsSwarm.Hls;

/// <summary>
/// Parses an attribute-list (RFC 8216 §4.2): comma-separated <c>NAME=value</c> pairs whose values may be
/// quoted strings containing commas.
/// </summary>
internal static class AttributeList
{
    /// <summary>Parses <paramref name="text"/>; returns null when it is not a well-formed attribute list.</summary>
    public static Dictionary<string, string>? TryParse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq <= i)
                return null;
            var name = text[i..eq].Trim();
            if (name.Length == 0 || !name.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '-'))
                return null;
            i = eq + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                    return null;
                value = text[(i + 1)..close];
                i = close + 1;
                if (i < text.Length && text[i] != ',')
                    return null;
            }
            else
            {
                var comma = text.IndexOf(',', i);
                var end = comma < 0 ? text.Length : comma;
                value = text[i..end].Trim();
                i = end;
            }
            if (!result.TryAdd(name, value))
                return null; // RFC 8216 §4.2: an attribute name must not appear twice
            if (i < text.Length)
                i++; // skip the comma
        }
        return result;
    }
}
