using System.Text;

namespace HlsSwarm.Hls;

/// <summary>Variable definitions and substitution (rfc8216bis §4.3, §4.4.2.3).</summary>
internal ref partial struct PlaylistReader
{
    private bool ReadDefine(ReadOnlySpan<char> value)
    {
        if (!AttributeList.TryParse(value, _limits.MaxAttributesPerTag, out var a))
            return Fail(PlaylistRules.LimitAttributes, $"more than {_limits.MaxAttributesPerTag} attributes");
        string? name;
        string? resolved;
        string kind;
        if (a["NAME"] is { } n)
        {
            if (a["VALUE"] is not { } v)
                return Fail(PlaylistRules.Define, "NAME without VALUE");
            (name, resolved, kind) = (n, v, "NAME");
        }
        else if (a["IMPORT"] is { } imported)
        {
            // The value lives in the master playlist; without it (or when the master does not define the name) the
            // definition has no value and a reference to it fails.
            string? fromMaster = null;
            if (_master is not null)
            {
                foreach (var d in _master.Definitions)
                {
                    if (d.Name == imported)
                        fromMaster = d.Value;
                }
            }
            (name, resolved, kind) = (imported, fromMaster, "IMPORT");
        }
        else if (a["QUERYPARAM"] is { } param)
        {
            if (!TryQueryParameter(param, out resolved))
                return Fail(PlaylistRules.Define, $"the playlist URI has no query parameter \"{param}\"");
            (name, kind) = (param, "QUERYPARAM");
        }
        else
        {
            return Fail(PlaylistRules.Define, "none of NAME, IMPORT, QUERYPARAM");
        }
        if (name.Length == 0 || !IsVariableName(name))
            return Fail(PlaylistRules.Define, $"bad variable name \"{name}\"");
        _variables ??= new Dictionary<string, string?>(StringComparer.Ordinal);
        _definitions ??= [];
        if (_definitions.Count >= _limits.MaxEntries)
            return Fail(PlaylistRules.LimitEntries, "too many EXT-X-DEFINE");
        if (!_variables.TryAdd(name, resolved))
            return Fail(PlaylistRules.Define, $"\"{name}\" is defined twice");
        _definitions.Add(new VariableDefinition(name, resolved, kind));
        return true;
    }

    private static bool IsVariableName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                return false;
        }
        return true;
    }

    private readonly bool TryQueryParameter(string name, out string? value)
    {
        value = null;
        if (_base is null)
            return false;
        var query = _base.Query.AsSpan();
        if (query.StartsWith("?"))
            query = query[1..];
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var eq = pair.IndexOf('=');
            var key = eq < 0 ? pair : pair[..eq];
            if (Uri.UnescapeDataString(key.ToString().Replace('+', ' ')) == name)
            {
                value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].ToString().Replace('+', ' '));
                return true;
            }
        }
        return false;
    }

    /// <summary>Replaces every <c>{$name}</c> in <paramref name="text"/>; fails on an undefined name or an overlong result.</summary>
    private bool TrySubstitute(ReadOnlySpan<char> text, out string result)
    {
        result = "";
        var sb = new StringBuilder(text.Length + 32);
        var i = 0;
        while (i < text.Length)
        {
            var open = text[i..].IndexOf("{$", StringComparison.Ordinal);
            if (open < 0)
            {
                sb.Append(text[i..]);
                break;
            }
            sb.Append(text.Slice(i, open));
            var nameStart = i + open + 2;
            // Scan the name forward (rfc8216bis §4.3 names are [a-zA-Z0-9-_]+); stopping at the first other
            // character keeps this linear on hostile lines such as "{$a{$a{$a…".
            var end = nameStart;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '_'))
                end++;
            if (end == nameStart || end == text.Length || text[end] != '}')
            {
                sb.Append(text[(nameStart - 2)..end]); // not a variable reference: keep the text
                i = end;
                continue;
            }
            var name = text[nameStart..end];
            if (!_variables!.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var value) || value is null)
                return Fail(PlaylistRules.UndefinedVariable, $"\"{name}\" is not defined");
            sb.Append(value);
            if (sb.Length > _limits.MaxLineChars)
                return Fail(PlaylistRules.LimitLine, "the line is too long after variable substitution");
            i = end + 1;
        }
        result = sb.ToString();
        return true;
    }
}
