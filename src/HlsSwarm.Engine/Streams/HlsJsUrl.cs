using System.Text.RegularExpressions;

using HlsSwarm.Protocol.Swarm;

namespace HlsSwarm.Engine.Streams;

/// <summary>
/// URL resolution as hls.js 1.6 does it for playlist and segment URIs: url-toolkit <c>buildAbsoluteURL(base, url,
/// { alwaysNormalize: true })</c>, an RFC 1808-style string resolver. It differs from RFC 3986 / WHATWG (and from
/// <see cref="Uri"/>): no host lower-casing, no default-port removal, no percent-encoding changes, and dot segments of
/// absolute URLs are removed too. The result is p2p-media-loader's runtime id of a stream or segment, so it must be
/// reproduced as a string, not as a parsed URL.
/// </summary>
internal static partial class HlsJsUrl
{
    /// <summary>
    /// <paramref name="url"/> resolved against <paramref name="baseUrl"/>; null where url-toolkit throws (a URL its
    /// pattern does not accept, which hls.js turns into a parsing error).
    /// </summary>
    public static string? Resolve(string url, string baseUrl)
    {
        baseUrl = JsNumber.Trim(baseUrl);
        url = JsNumber.Trim(url);
        if (url.Length == 0)
        {
            // An empty reference is the base itself, normalised.
            return Parts.Parse(baseUrl) is { } whole ? (whole with { Path = NormalisePath(whole.Path) }).ToString() : null;
        }

        if (Parts.Parse(url) is not { } relative)
        {
            return null;
        }

        if (relative.Scheme.Length > 0)
        {
            return (relative with { Path = NormalisePath(relative.Path) }).ToString();
        }

        if (Parts.Parse(baseUrl) is not { } b)
        {
            return null;
        }

        if (b.NetLoc.Length == 0 && b.Path.Length > 0 && b.Path[0] != '/')
        {
            // url-toolkit: a base like "example.com/a" has everything before the first '/' as its host.
            int end = b.Path.AsSpan().IndexOfAny('/', '?', '#');
            end = end < 0 ? b.Path.Length : end;
            b = b with { NetLoc = b.Path[..end], Path = b.Path[end..] };
        }

        if (b.NetLoc.Length > 0 && b.Path.Length == 0)
        {
            b = b with { Path = "/" };
        }

        var built = relative with { Scheme = b.Scheme };
        if (relative.NetLoc.Length > 0)
        {
            return (built with { Path = NormalisePath(relative.Path) }).ToString();
        }

        built = built with { NetLoc = b.NetLoc };
        if (relative.Path.StartsWith('/'))
        {
            return (built with { Path = NormalisePath(relative.Path) }).ToString();
        }

        if (relative.Path.Length == 0)
        {
            // RFC 1808 §4 step 5: the base path, and its params and query unless the reference has its own.
            built = built with { Path = b.Path };
            if (relative.Params.Length == 0)
            {
                built = built with { Params = b.Params, Query = relative.Query.Length == 0 ? b.Query : relative.Query };
            }

            return built.ToString();
        }

        // RFC 1808 §4 step 6: replace the last segment of the base path.
        return (built with { Path = NormalisePath(b.Path[..(b.Path.LastIndexOf('/') + 1)] + relative.Path) }).ToString();
    }

    /// <summary>
    /// RFC 1808 §4 steps 6a–6d on a path: "./" segments and a final "." removed, then "segment/../" pairs removed
    /// leftmost-first until none is left (url-toolkit works on the reversed string; so does this).
    /// </summary>
    private static string NormalisePath(string path)
    {
        var reversed = Reverse(path);
        reversed = SlashDot().Replace(reversed, string.Empty);
        while (true)
        {
            var next = SlashDotDot().Replace(reversed, string.Empty);
            if (next.Length == reversed.Length)
            {
                break;
            }

            reversed = next;
        }

        return Reverse(reversed);
    }

    private static string Reverse(string s)
    {
        var chars = s.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    // On the reversed path: "/." followed by "/" (a "./" segment read backwards), and "/../" + segment (a "segment/../").
    [GeneratedRegex(@"(?:/|^)\.(?=/)")]
    private static partial Regex SlashDot();

    [GeneratedRegex(@"(?:/|^)\.\./(?!\.\./)[^/]*(?=/)")]
    private static partial Regex SlashDotDot();

    // scheme: netloc path ;params ?query #fragment, each optional; the lookahead-then-backreference groups make the
    // first three possessive, as in url-toolkit.
    [GeneratedRegex(@"^(?=((?:[a-zA-Z0-9+\-.]+:)?))\1(?=((?://[^/?#]*)?))\2(?=((?:(?:[^?#/]*/)*[^;?#/]*)?))\3((?:;[^?#]*)?)(\?[^#]*)?(#[\s\S]*)?\z")]
    private static partial Regex UrlPattern();

    private sealed record Parts(string Scheme, string NetLoc, string Path, string Params, string Query, string Fragment)
    {
        public static Parts? Parse(string url)
        {
            var m = UrlPattern().Match(url);
            return m.Success
                ? new Parts(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value, m.Groups[6].Value)
                : null;
        }

        public override string ToString() => string.Concat(Scheme, NetLoc, Path, Params + Query + Fragment);
    }
}
