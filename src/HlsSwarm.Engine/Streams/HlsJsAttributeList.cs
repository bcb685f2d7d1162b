using System.Text.RegularExpressions;

using HlsSwarm.Protocol.Swarm;

namespace HlsSwarm.Engine.Streams;

/// <summary>
/// An attribute list as hls.js 1.6 <c>AttrList</c> reads it: lenient where RFC 8216 §4.2 is strict. Each
/// <c>name=value</c> up to the next comma (a value in double quotes may hold commas), names trimmed, a value that starts
/// and ends with <c>"</c> loses them and is otherwise kept as written (spaces included), a repeated name keeps its last
/// value, and nothing is ever rejected. The canonical string of a stream is built from these raw values.
/// </summary>
internal static partial class HlsJsAttributeList
{
    /// <summary>The attributes of <paramref name="text"/> (the part of a tag line after its colon).</summary>
    public static Dictionary<string, string> Parse(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Pair().Matches(text))
        {
            var name = JsNumber.Trim(m.Groups[1].Value);
            var value = m.Groups[2].Value;
            if (value.StartsWith('"') && value.LastIndexOf('"') == value.Length - 1)
            {
                value = value.Length >= 2 ? value[1..^1] : string.Empty;
            }

            attributes[name] = value;
        }

        return attributes;
    }

    /// <summary>The value of <paramref name="name"/>, or null when absent.</summary>
    public static string? Get(this Dictionary<string, string> attributes, string name) =>
        attributes.TryGetValue(name, out var value) ? value : null;

    // JS '.' excludes the four line terminators; '$' without the m flag is the end of the input.
    [GeneratedRegex("([^\\n\\r\\u2028\\u2029]+?)=(\"[^\\n\\r\\u2028\\u2029]*?\"|[^\\n\\r\\u2028\\u2029]*?)(?:,|\\z)")]
    private static partial Regex Pair();
}
