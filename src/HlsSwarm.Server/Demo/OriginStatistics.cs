using Prometheus;

namespace HlsSwarm.Server.Demo;

/// <summary>
/// "CDN bytes": what the demo origin served, per stream (VOD, live) and payload (playlists, segments), as
/// requests and body bytes. Exposed as JSON at <c>/demo/stats</c> and as Prometheus counters
/// <c>hlsswarm_origin_bytes_total</c>, <c>hlsswarm_origin_requests_total</c> and
/// <c>hlsswarm_origin_rejected_total</c> (default registry, labels <c>stream</c> and <c>kind</c>).
/// </summary>
/// <remarks>The JSON counts this instance only; the Prometheus counters are process-wide.</remarks>
public sealed class OriginStatistics
{
    private static readonly Counter BytesCounter = Metrics.CreateCounter(
        "hlsswarm_origin_bytes_total", "Body bytes served by the demo origin.",
        new CounterConfiguration { LabelNames = ["stream", "kind"] });

    private static readonly Counter RequestsCounter = Metrics.CreateCounter(
        "hlsswarm_origin_requests_total", "Successful requests served by the demo origin.",
        new CounterConfiguration { LabelNames = ["stream", "kind"] });

    private static readonly Counter RejectedCounter = Metrics.CreateCounter(
        "hlsswarm_origin_rejected_total", "Demo origin requests answered 400 or 404.");

    // [stream, payload] → requests, bytes
    private readonly long[,] _requests = new long[2, 2];
    private readonly long[,] _bytes = new long[2, 2];
    private long _rejected;

    /// <summary>Counts one served response of <paramref name="bytes"/> body bytes.</summary>
    public void RecordServed(DemoStream stream, OriginPayload payload, long bytes)
    {
        Interlocked.Increment(ref _requests[(int)stream, (int)payload]);
        Interlocked.Add(ref _bytes[(int)stream, (int)payload], bytes);
        var labels = new[] { Label(stream), Label(payload) };
        RequestsCounter.WithLabels(labels).Inc();
        BytesCounter.WithLabels(labels).Inc(bytes);
    }

    /// <summary>Counts one request answered 400 or 404.</summary>
    public void RecordRejected()
    {
        Interlocked.Increment(ref _rejected);
        RejectedCounter.Inc();
    }

    /// <summary>The counters for one (stream, payload) pair.</summary>
    public OriginTrafficSnapshot Get(DemoStream stream, OriginPayload payload) => new(
        Interlocked.Read(ref _requests[(int)stream, (int)payload]),
        Interlocked.Read(ref _bytes[(int)stream, (int)payload]));

    /// <summary>Requests answered 400 or 404.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Body bytes served over all streams and payloads.</summary>
    public long TotalBytes => Get(DemoStream.Vod, OriginPayload.Playlist).Bytes + Get(DemoStream.Vod, OriginPayload.Segment).Bytes
        + Get(DemoStream.Live, OriginPayload.Playlist).Bytes + Get(DemoStream.Live, OriginPayload.Segment).Bytes;

    /// <summary>The Prometheus/JSON label of a stream.</summary>
    public static string Label(DemoStream stream) => stream == DemoStream.Vod ? "vod" : "live";

    /// <summary>The Prometheus/JSON label of a payload kind.</summary>
    public static string Label(OriginPayload payload) => payload == OriginPayload.Playlist ? "playlists" : "segments";
}
