namespace HlsSwarm.Hls;

/// <summary>
/// A tag the parser does not model (RFC 8216 §4.1: clients must ignore unknown tags), kept with its position so that
/// nothing in the playlist is lost. Comments (lines starting with <c>#</c> but not <c>#EXT</c>) are not kept.
/// </summary>
/// <param name="LineNumber">1-based line number.</param>
/// <param name="Name">The tag name with its <c>#</c>, e.g. <c>#EXT-X-CUE-OUT</c>.</param>
/// <param name="Value">What follows the first colon, as written; empty when there is no colon.</param>
public sealed record UnknownTag(int LineNumber, string Name, string Value);
