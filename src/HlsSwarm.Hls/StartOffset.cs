namespace HlsSwarm.Hls;

/// <summary><c>EXT-X-START</c> (RFC 8216 §4.3.5.2): where playback should preferably start.</summary>
/// <param name="TimeOffset">Seconds from the start of the playlist, or from its end when negative.</param>
/// <param name="Precise">True if <c>PRECISE=YES</c>.</param>
public sealed record StartOffset(decimal TimeOffset, bool Precise = false);
