using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace HlsSwarm.Server.Demo;

/// <summary>
/// Answers <c>/demo/…</c> requests from memory: the VOD at <c>/demo/vod/</c> and the live channel at
/// <c>/demo/live/</c>, counting what it serves in <see cref="OriginStatistics"/>. Any path it does not know
/// is a clean 404 (400 for a live segment name whose number is malformed); nothing is read from disk per request.
/// </summary>
public sealed class DemoOrigin
{
    /// <summary>MIME type of playlists (RFC 8216 §4).</summary>
    public const string PlaylistContentType = "application/vnd.apple.mpegurl";

    /// <summary>MIME type of MPEG-TS segments.</summary>
    public const string SegmentContentType = "video/mp2t";

    /// <summary>Longest path (after <c>/demo/</c>) considered at all.</summary>
    private const int MaxPathLength = 256;

    /// <summary>Digits of the longest sequence number accepted in a live segment name (below 2^53, spec §1.3).</summary>
    private const int MaxSequenceDigits = 15;

    private readonly DemoCatalog _catalog;
    private readonly Dictionary<(string Rendition, string Uri), byte[]> _vodSegments = [];

    /// <summary>Creates the origin.</summary>
    public DemoOrigin(DemoCatalog catalog, LiveChannel live, OriginStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        Live = live;
        Statistics = statistics;
        foreach (var r in catalog.Renditions)
        {
            for (var i = 0; i < r.Segments.Count; i++)
                _vodSegments[(r.Name, r.Playlist.Segments[i].Uri)] = r.Segments[i];
        }
    }

    /// <summary>The live channel.</summary>
    public LiveChannel Live { get; }

    /// <summary>What has been served.</summary>
    public OriginStatistics Statistics { get; }

    /// <summary>Serves <paramref name="path"/> (the part after <c>/demo/</c>) for a GET or HEAD request.</summary>
    public Task HandleAsync(HttpContext context, string? path)
    {
        ArgumentNullException.ThrowIfNull(context);
        path ??= "";
        if (path.Length > MaxPathLength)
            return RejectAsync(context, StatusCodes.Status400BadRequest, "path too long");
        var parts = path.Split('/');
        if (parts.Length < 2)
            return RejectAsync(context, StatusCodes.Status404NotFound, "not found");
        return parts[0] switch
        {
            "vod" => HandleVodAsync(context, parts),
            "live" => HandleLiveAsync(context, parts),
            _ => RejectAsync(context, StatusCodes.Status404NotFound, "not found"),
        };
    }

    private Task HandleVodAsync(HttpContext context, string[] parts)
    {
        if (parts is [_, "master.m3u8"])
            return ServeAsync(context, DemoStream.Vod, OriginPayload.Playlist, _catalog.MasterBytes, cacheable: true);
        if (parts.Length != 3 || _catalog.Find(parts[1]) is not { } rendition)
            return RejectAsync(context, StatusCodes.Status404NotFound, "not found");
        if (parts[2] == "index.m3u8")
            return ServeAsync(context, DemoStream.Vod, OriginPayload.Playlist, rendition.PlaylistBytes, cacheable: true);
        return _vodSegments.TryGetValue((rendition.Name, parts[2]), out var bytes)
            ? ServeAsync(context, DemoStream.Vod, OriginPayload.Segment, bytes, cacheable: true)
            : RejectAsync(context, StatusCodes.Status404NotFound, "no such segment");
    }

    private Task HandleLiveAsync(HttpContext context, string[] parts)
    {
        if (parts is [_, "master.m3u8"])
            return ServeAsync(context, DemoStream.Live, OriginPayload.Playlist, _catalog.MasterBytes, cacheable: false);
        if (parts.Length != 3 || _catalog.Find(parts[1]) is not { } rendition)
            return RejectAsync(context, StatusCodes.Status404NotFound, "not found");
        var file = parts[2];
        if (file == "index.m3u8")
            return ServeAsync(context, DemoStream.Live, OriginPayload.Playlist, Live.PlaylistBytesFor(rendition), cacheable: false);
        if (!file.StartsWith("seg-", StringComparison.Ordinal) || !file.EndsWith(".ts", StringComparison.Ordinal))
            return RejectAsync(context, StatusCodes.Status404NotFound, "not found");
        var digits = file.AsSpan(4, file.Length - 7);
        if (digits.Length is 0 or > MaxSequenceDigits || !IsAsciiDigits(digits)
            || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            return RejectAsync(context, StatusCodes.Status400BadRequest, "bad sequence number");
        return Live.SegmentBytes(rendition, sequence) is { } bytes
            ? ServeAsync(context, DemoStream.Live, OriginPayload.Segment, bytes, cacheable: true)
            : RejectAsync(context, StatusCodes.Status404NotFound, "segment not in the live window");
    }

    private async Task ServeAsync(HttpContext context, DemoStream stream, OriginPayload payload, byte[] body, bool cacheable)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = payload == OriginPayload.Playlist ? PlaylistContentType : SegmentContentType;
        response.ContentLength = body.Length;
        // Live playlists change every segment: caches must revalidate (RFC 8216 §6.2.2). Segments and VOD
        // playlists never change under their URL.
        response.Headers.CacheControl = cacheable ? "public, max-age=3600" : "no-cache";
        if (HttpMethods.IsHead(context.Request.Method))
            return;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        Statistics.RecordServed(stream, payload, body.Length);
    }

    private Task RejectAsync(HttpContext context, int status, string reason)
    {
        Statistics.RecordRejected();
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(reason + "\n", context.RequestAborted);
    }

    private static bool IsAsciiDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }
        return true;
    }
}
