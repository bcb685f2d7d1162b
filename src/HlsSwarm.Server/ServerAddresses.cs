namespace HlsSwarm.Server;

/// <summary>The URLs a running server offers, for the start-up banner.</summary>
public static class ServerAddresses
{
    /// <summary>
    /// Lists (what, URL) pairs for a server listening on <paramref name="listenUrl"/>: the player page, the tracker
    /// WebSocket URL (<c>ws://</c> or <c>wss://</c>), and the demo streams when <paramref name="demo"/> is set.
    /// A wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c>) is shown as <c>localhost</c>.
    /// </summary>
    public static IReadOnlyList<(string What, string Url)> Describe(string listenUrl, bool player, bool demo)
    {
        ArgumentNullException.ThrowIfNull(listenUrl);
        var normalized = listenUrl.Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal);
        var uri = new UriBuilder(normalized);
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
            uri.Host = "localhost";
        var http = uri.Uri.GetLeftPart(UriPartial.Authority);
        var ws = (uri.Scheme == "https" ? "wss" : "ws") + http[uri.Scheme.Length..];
        var list = new List<(string, string)>();
        if (player)
            list.Add(("player", http + "/"));
        list.Add(("tracker", ws + "/announce"));
        list.Add(("stats", http + "/stats"));
        if (demo)
        {
            list.Add(("demo VOD", http + "/demo/vod/master.m3u8"));
            list.Add(("demo live", http + "/demo/live/master.m3u8"));
            list.Add(("origin stats", http + "/demo/stats"));
        }
        return list;
    }
}
