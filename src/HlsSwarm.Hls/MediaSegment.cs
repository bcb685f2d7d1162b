namespace HlsSwarm.Hls;

/// <summary>
/// One media segment of a media playlist: its <c>#EXTINF</c> duration and title, its URI line, and whether an
/// <c>#EXT-X-DISCONTINUITY</c> tag precedes it (RFC 8216 §4.3.2.1 and §4.3.2.3).
/// </summary>
/// <param name="Duration">Duration in seconds from <c>#EXTINF</c> (a decimal, RFC 8216 §4.3.2.1).</param>
/// <param name="Uri">The URI line, verbatim (usually relative to the playlist's own URL).</param>
/// <param name="Discontinuity">True if an <c>#EXT-X-DISCONTINUITY</c> tag applies to this segment.</param>
/// <param name="Title">The optional title after the comma of <c>#EXTINF</c>; empty when absent.</param>
public sealed record MediaSegment(decimal Duration, string Uri, bool Discontinuity = false, string Title = "");
