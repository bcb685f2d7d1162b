namespace HlsSwarm.Hls;

/// <summary>
/// One <c>NAME=value</c> pair of an attribute list (RFC 8216 §4.2), kept as written: <paramref name="Value"/> is the
/// raw text, without the quotes when <paramref name="Quoted"/> is true, so that downstream code sees exactly what
/// hls.js sees (e.g. <c>BANDWIDTH=800000kbps</c> or <c>RESOLUTION=0640x0360</c> survive unchanged).
/// </summary>
/// <param name="Name">The attribute name, trimmed (hls.js trims names too).</param>
/// <param name="Value">The value as written; for a quoted-string the characters between the quotes.</param>
/// <param name="Quoted">True if the value was a quoted-string.</param>
public readonly record struct PlaylistAttribute(string Name, string Value, bool Quoted = false);
