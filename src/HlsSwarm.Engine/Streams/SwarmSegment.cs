namespace HlsSwarm.Engine.Streams;

/// <summary>
/// One media segment as p2p-media-loader-hlsjs 2.3 records it for a stream (<c>SegmentManager.updatePlaylist</c>).
/// Init segments (<c>EXT-X-MAP</c>), LL-HLS parts and preload hints are not segments and are never shared (spec §1.3).
/// </summary>
/// <param name="ExternalId">
/// The id peers use on the wire: the media sequence number in a live playlist (no <c>EXT-X-ENDLIST</c>, EVENT
/// included), the 0-based position in a VOD playlist (spec §1.3).
/// </param>
/// <param name="Url">The absolute URL, resolved the way hls.js does (no normalisation beyond dot segments).</param>
/// <param name="ByteRange">The byte range, or null for the whole resource (also for a range hls.js reads as empty).</param>
/// <param name="StartTime">Seconds from the start of the playlist: the sum of the earlier <c>EXTINF</c> durations.</param>
/// <param name="Duration">Seconds, from <c>EXTINF</c> (computed as p2pml does: end time − start time).</param>
public sealed record SwarmSegment(long ExternalId, string Url, SegmentByteRange? ByteRange, double StartTime, double Duration)
{
    /// <summary>p2p-media-loader's runtime id: the URL, plus <c>|start-end</c> for a byte range.</summary>
    public string RuntimeId => ByteRange is { } r ? $"{Url}|{r.Start}-{r.End}" : Url;
}
