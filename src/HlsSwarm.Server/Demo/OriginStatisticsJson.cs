namespace HlsSwarm.Server.Demo;

/// <summary>The JSON document served at <c>/demo/stats</c>.</summary>
public static class OriginStatisticsJson
{
    /// <summary>
    /// Builds <c>{ vod: { playlists: {requests, bytes}, segments: {…}, bytes }, live: {…}, totalBytes, rejected,
    /// liveChannel: { windowSegments, segmentsPerLoop, mediaSequence } }</c>.
    /// </summary>
    public static object From(DemoOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var s = origin.Statistics;
        return new
        {
            vod = Stream(s, DemoStream.Vod),
            live = Stream(s, DemoStream.Live),
            totalBytes = s.TotalBytes,
            rejected = s.Rejected,
            liveChannel = new
            {
                windowSegments = origin.Live.WindowSegments,
                segmentsPerLoop = origin.Live.SegmentsPerLoop,
                mediaSequence = origin.Live.FirstSequence(),
            },
        };
    }

    private static object Stream(OriginStatistics s, DemoStream stream)
    {
        var playlists = s.Get(stream, OriginPayload.Playlist);
        var segments = s.Get(stream, OriginPayload.Segment);
        return new
        {
            playlists = new { requests = playlists.Requests, bytes = playlists.Bytes },
            segments = new { requests = segments.Requests, bytes = segments.Bytes },
            bytes = playlists.Bytes + segments.Bytes,
        };
    }
}
