namespace HlsSwarm.Protocol.Swarm;

/// <summary>
/// The attributes of one <c>#EXT-X-MEDIA:TYPE=AUDIO</c> that feed the 2.3.x canonical string (spec §1.2, secondary
/// stream), as raw attribute values (quotes removed); <see langword="null"/> means absent.
/// </summary>
/// <param name="Language">The <c>LANGUAGE</c> value, e.g. <c>en</c>.</param>
/// <param name="Name">The <c>NAME</c> value, e.g. <c>English</c>.</param>
/// <param name="Channels">The <c>CHANNELS</c> value, e.g. <c>6/JOC</c>.</param>
/// <param name="GroupId">The <c>GROUP-ID</c> value.</param>
/// <param name="VariantCodecs">
/// The whole <c>CODECS</c> value of the variant hls.js associates with this rendition (the first variant whose
/// <c>AUDIO</c> equals <paramref name="GroupId"/>, else the first variant; see
/// <see cref="StreamCanonicalString.AssociatedVariantCodecs"/>). Only its audio entries are used.
/// </param>
public sealed record AudioRenditionAttributes(
    string? Language = null,
    string? Name = null,
    string? Channels = null,
    string? GroupId = null,
    string? VariantCodecs = null);
