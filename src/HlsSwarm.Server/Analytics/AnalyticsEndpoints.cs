using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using HlsSwarm.Protocol.Beacons;
using HlsSwarm.Server.Policy;
using HlsSwarm.Tracker.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace HlsSwarm.Server.Analytics;

/// <summary>
/// Maps the analytics API (issue 5 contract): <c>POST /api/beacon</c>, <c>GET /api/policy</c>,
/// <c>GET/PUT /api/admin/policy</c> and <c>/api/dashboard/*</c> (summary, series, graph, sessions, events).
/// Every answer is <c>application/json</c> (or <c>text/event-stream</c>), never HTML: strings viewers sent are
/// returned verbatim as JSON strings, and rendering them as text is the page's job.
/// </summary>
public static class AnalyticsEndpoints
{
    /// <summary>Largest policy document accepted by <c>PUT /api/admin/policy</c>.</summary>
    public const int MaxPolicyBytes = 256 * 1024;

    /// <summary>
    /// JSON of every answer: camelCase, and <c>&lt; &gt; &amp; ' "</c> escaped as <c>\u003C</c>… inside strings, so a viewer's text
    /// can never read as markup even if a client sniffed the type (the answers also say <c>nosniff</c>).
    /// </summary>
    public static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Default };

    /// <summary>How often the event stream sends the summary.</summary>
    public static readonly TimeSpan EventInterval = TimeSpan.FromSeconds(2);

    /// <summary>Maps the endpoints of <paramref name="analytics"/> and hooks its metrics into the tracker's <c>/metrics</c>.</summary>
    public static WebApplication MapHlsSwarmAnalytics(this WebApplication app, AnalyticsService analytics)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(analytics);
        var registry = app.Services.GetRequiredService<TrackerMetrics>().Registry;
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal), api => api.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-store";
            return next(context);
        }));
        analytics.Metrics ??= new AnalyticsMetrics(registry, analytics.Aggregates, analytics.Time);

        app.MapPost("/api/beacon", (Func<HttpContext, Task<IResult>>)(context => AcceptBeaconAsync(context, analytics)));
        app.MapGet("/api/policy", (HttpContext context) =>
        {
            var stream = context.Request.Query["stream"].ToString();
            var session = context.Request.Query["session"].ToString();
            if (stream.Length > analytics.Options.Limits.MaxStreamLength)
                return Error(StatusCodes.Status400BadRequest, "stream: too long");
            if (session.Length > analytics.Options.Limits.MaxSessionIdLength)
                return Error(StatusCodes.Status400BadRequest, "session: too long");
            return Results.Json(analytics.Decide(stream.Length == 0 ? null : stream, session.Length == 0 ? null : session), ApiJson);
        });

        app.MapGet("/api/admin/policy", (HttpContext context) =>
            Authorize(context, analytics, allowQueryToken: false) ?? PolicyJson(analytics.Policy));
        app.MapPut("/api/admin/policy", async (HttpContext context) =>
        {
            if (Authorize(context, analytics, allowQueryToken: false) is { } denied)
                return denied;
            var (body, tooLarge) = await ReadBodyAsync(context, MaxPolicyBytes).ConfigureAwait(false);
            if (tooLarge)
                return Error(StatusCodes.Status413PayloadTooLarge, $"body: larger than {MaxPolicyBytes} bytes");
            if (!PolicyDocument.TryParse(body, out var document, out var error))
                return Error(StatusCodes.Status400BadRequest, error);
            var stored = await analytics.ReplacePolicyAsync(document!, context.RequestAborted).ConfigureAwait(false);
            return PolicyJson(stored);
        });

        app.MapGet("/api/dashboard/summary", (HttpContext context) =>
            Authorize(context, analytics, false) ?? Results.Json(analytics.Aggregates.Summary(analytics.Time.GetUtcNow()), ApiJson));
        app.MapGet("/api/dashboard/series", (HttpContext context) =>
        {
            if (Authorize(context, analytics, false) is { } denied)
                return denied;
            var maxMinutes = (int)Math.Min(analytics.Options.Retention.TotalMinutes, 7 * 24 * 60);
            if (!TryInt(context, "minutes", 60, 1, maxMinutes, out var minutes))
                return Error(StatusCodes.Status400BadRequest, $"minutes: must be an integer 1..{maxMinutes}");
            var stream = context.Request.Query["stream"].ToString();
            return Results.Json(analytics.Aggregates.Series(stream.Length == 0 ? null : stream, minutes, analytics.Time.GetUtcNow()), ApiJson);
        });
        app.MapGet("/api/dashboard/graph", (HttpContext context) =>
        {
            if (Authorize(context, analytics, false) is { } denied)
                return denied;
            var stream = context.Request.Query["stream"].ToString();
            return stream.Length == 0
                ? Error(StatusCodes.Status400BadRequest, "stream: required")
                : Results.Json(analytics.Aggregates.Graph(stream, analytics.Time.GetUtcNow()), ApiJson);
        });
        app.MapGet("/api/dashboard/sessions", (HttpContext context) =>
        {
            if (Authorize(context, analytics, false) is { } denied)
                return denied;
            if (!TryInt(context, "limit", 100, 1, 1000, out var limit))
                return Error(StatusCodes.Status400BadRequest, "limit: must be an integer 1..1000");
            var stream = context.Request.Query["stream"].ToString();
            return Results.Json(analytics.Aggregates.Sessions(stream.Length == 0 ? null : stream, limit, analytics.Time.GetUtcNow()), ApiJson);
        });
        app.MapGet("/api/dashboard/sessions/{sessionId}", async (HttpContext context, string sessionId) =>
        {
            if (Authorize(context, analytics, false) is { } denied)
                return denied;
            if (analytics.Aggregates.Session(sessionId, analytics.Time.GetUtcNow()) is not { } session)
                return Error(StatusCodes.Status404NotFound, "sessionId: unknown");
            // The drill-down reads SQLite: write what is queued first so the timeline ends at the latest beacon.
            await analytics.Store.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            var stored = await analytics.Store.ReadSessionAsync(sessionId, 2000, context.RequestAborted).ConfigureAwait(false);
            session["timeline"] = SessionTimeline.Build(stored, analytics.Options.Limits);
            session["errors"] = SessionTimeline.Errors(stored, analytics.Options.Limits);
            return Results.Json(session, ApiJson);
        });
        app.MapGet("/api/dashboard/events", async (HttpContext context) =>
        {
            if (Authorize(context, analytics, allowQueryToken: true) is { } denied)
            {
                await denied.ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await StreamSummariesAsync(context, analytics).ConfigureAwait(false);
        });
        return app;
    }

    private static async Task<IResult> AcceptBeaconAsync(HttpContext context, AnalyticsService analytics)
    {
        var metrics = analytics.Metrics!;
        var ip = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (!analytics.RateLimiter.TryAcquire(ip, out var retryAfter))
        {
            metrics.Beacon("rate_limited");
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Error(StatusCodes.Status429TooManyRequests, "rate limited: too many beacons from this address");
        }

        if (!IsBeaconMediaType(context.Request.ContentType))
        {
            metrics.Beacon("unsupported_media");
            return Error(StatusCodes.Status415UnsupportedMediaType, "Content-Type: must be application/json or text/plain (UTF-8)");
        }

        var limits = analytics.Options.Limits;
        var (body, tooLarge) = await ReadBodyAsync(context, limits.MaxBytes).ConfigureAwait(false);
        if (tooLarge)
        {
            metrics.Beacon("too_large");
            return Error(StatusCodes.Status413PayloadTooLarge, $"body: larger than {limits.MaxBytes} bytes");
        }

        if (!BeaconReader.TryRead(body, limits, out var beacon, out var error))
        {
            metrics.Beacon("invalid");
            return Error(StatusCodes.Status400BadRequest, error.Message);
        }

        var now = analytics.Time.GetUtcNow();
        switch (analytics.Aggregates.Accept(beacon!, now, metrics))
        {
            case BeaconAcceptance.Stale:
                metrics.Beacon("stale");
                return Error(StatusCodes.Status409Conflict, "seq: not above the last accepted seq of this session");
            case BeaconAcceptance.TooManyStreams:
                metrics.Beacon("invalid");
                return Error(StatusCodes.Status400BadRequest, "stream: too many distinct streams on this server");
            case BeaconAcceptance.TooManySessions:
                return Error(StatusCodes.Status503ServiceUnavailable, "sessionId: too many sessions on this server");
        }

        if (!analytics.Store.TryEnqueue(new StoredBeacon(now, beacon!.SessionId, beacon.Seq, beacon.Stream, Encoding.UTF8.GetString(body))))
            return Error(StatusCodes.Status503ServiceUnavailable, "busy: the beacon store is behind");
        metrics.Beacon("accepted");
        return Results.Json(analytics.Decide(beacon.Stream, beacon.SessionId), ApiJson);
    }

    private static bool IsBeaconMediaType(string? contentType)
    {
        // text/plain is what navigator.sendBeacon sends for a string body (no CORS preflight).
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type))
            return false;
        if (!type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && !type.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
            return false;
        return !type.Charset.HasValue
               || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
               || type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<(byte[] Body, bool TooLarge)> ReadBodyAsync(HttpContext context, int max)
    {
        if (context.Request.ContentLength > max)
            return ([], true);
        var buffer = ArrayPool<byte>.Shared.Rent(max + 1);
        try
        {
            var n = 0;
            while (n <= max)
            {
                var read = await context.Request.Body.ReadAsync(buffer.AsMemory(n, max + 1 - n), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                    break;
                n += read;
            }

            return n > max ? ([], true) : (buffer.AsSpan(0, n).ToArray(), false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Null when the request carries the admin token; otherwise 401 (no token) or 403 (a wrong one).</summary>
    private static IResult? Authorize(HttpContext context, AnalyticsService analytics, bool allowQueryToken)
    {
        string? token = null;
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            token = header["Bearer ".Length..].Trim();
        else if (allowQueryToken && context.Request.Query.TryGetValue("token", out var query))
            token = query.ToString(); // EventSource cannot set headers.
        if (string.IsNullOrEmpty(token))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(StatusCodes.Status401Unauthorized, "Authorization: a Bearer token is required");
        }

        return analytics.Token.Matches(token) ? null : Error(StatusCodes.Status403Forbidden, "Authorization: wrong token");
    }

    private static async Task StreamSummariesAsync(HttpContext context, AnalyticsService analytics)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var ct = context.RequestAborted;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var json = analytics.Aggregates.Summary(analytics.Time.GetUtcNow()).ToJsonString(ApiJson);
                await response.WriteAsync("event: summary\ndata: " + json + "\n\n", ct).ConfigureAwait(false);
                await response.Body.FlushAsync(ct).ConfigureAwait(false);
                await Task.Delay(EventInterval, analytics.Time, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The dashboard closed the stream.
        }
    }

    private static bool TryInt(HttpContext context, string name, int fallback, int min, int max, out int value)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private static IResult PolicyJson(PolicyDocument document) =>
        Results.Bytes(document.ToUtf8(), "application/json; charset=utf-8");

    private static IResult Error(int status, string message) =>
        Results.Json(new JsonObject { ["error"] = message }, ApiJson, statusCode: status);
}
