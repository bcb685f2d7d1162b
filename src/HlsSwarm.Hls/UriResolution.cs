namespace HlsSwarm.Hls;

/// <summary>Resolves the URIs of a playlist against the playlist's own URI (RFC 8216 §4.1, RFC 3986 §5).</summary>
internal static class UriResolution
{
    /// <summary>
    /// <paramref name="uri"/> resolved against <paramref name="baseUri"/>; without a base, <paramref name="uri"/> itself
    /// when it is absolute (has a scheme). Null when there is no URI or it cannot be resolved.
    /// </summary>
    public static Uri? Resolve(Uri? baseUri, string? uri)
    {
        if (uri is null)
            return null;
        try
        {
            if (baseUri is not null)
                return Uri.TryCreate(baseUri, uri, out var resolved) ? resolved : null;
            // On Unix "/a/b" parses as an absolute file: URI; only a scheme makes a playlist URI absolute.
            return uri.Length > 0 && uri[0] != '/' && uri.Contains(':', StringComparison.Ordinal)
                && Uri.TryCreate(uri, UriKind.Absolute, out var absolute) ? absolute : null;
        }
        catch (UriFormatException)
        {
            return null; // TryCreate should not throw; hostile text must not turn into an exception anyway
        }
    }
}
