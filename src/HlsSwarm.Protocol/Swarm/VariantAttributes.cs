namespace HlsSwarm.Protocol.Swarm;

/// <summary>
/// The attributes of one <c>#EXT-X-STREAM-INF</c> that feed the 2.3.x canonical string (spec §1.2), as the raw
/// attribute values (quotes of quoted-string attributes removed, nothing else changed). <see langword="null"/> means
/// the attribute is absent. Kept free of the HLS model so that this core references nothing.
/// </summary>
/// <param name="Bandwidth">The <c>BANDWIDTH</c> value, e.g. <c>2000000</c>.</param>
/// <param name="AverageBandwidth">The <c>AVERAGE-BANDWIDTH</c> value.</param>
/// <param name="Codecs">The <c>CODECS</c> value, e.g. <c>avc1.64001f,mp4a.40.2</c>.</param>
/// <param name="Resolution">The <c>RESOLUTION</c> value, e.g. <c>1280x720</c>.</param>
/// <param name="FrameRate">The <c>FRAME-RATE</c> value, e.g. <c>29.970</c>.</param>
/// <param name="VideoRange">The <c>VIDEO-RANGE</c> value, e.g. <c>SDR</c>.</param>
/// <param name="Audio">The <c>AUDIO</c> group id, used to find the codecs of an audio rendition (spec §1.2, secondary).</param>
public sealed record VariantAttributes(
    string? Bandwidth = null,
    string? AverageBandwidth = null,
    string? Codecs = null,
    string? Resolution = null,
    string? FrameRate = null,
    string? VideoRange = null,
    string? Audio = null);
