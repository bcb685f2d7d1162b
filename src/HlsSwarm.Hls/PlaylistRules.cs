namespace HlsSwarm.Hls;

/// <summary>
/// The rules a <see cref="PlaylistError"/> names: the section of RFC 8216 (or of draft-pantos-hls-rfc8216bis, "bis",
/// for tags the RFC does not have, or "HlsSwarm limit" for <see cref="PlaylistLimits"/>), a colon, the rule.
/// Errors use them when the playlist is unusable; warnings when a player would carry on.
/// </summary>
public static class PlaylistRules
{
#pragma warning disable CS1591 // the constant's text is its documentation
    public const string Empty = "RFC 8216 §4.1: a playlist has at least the #EXTM3U line";
    public const string Header = "RFC 8216 §4.3.1.1: the first line must be #EXTM3U";
    public const string HeaderRepeated = "RFC 8216 §4.3.1.1: #EXTM3U appears only on the first line";
    public const string Version = "RFC 8216 §4.3.1.2: EXT-X-VERSION is a decimal-integer ≥ 1";
    public const string MixedTags = "RFC 8216 §4.3.3, §4.3.4: master and media playlist tags must not be mixed";
    public const string ExtInfValue = "RFC 8216 §4.3.2.1: EXTINF duration is a non-negative decimal-floating-point";
    public const string ExtInfWithoutUri = "RFC 8216 §4.3.2.1: EXTINF must be followed by a URI line";
    public const string UriWithoutExtInf = "RFC 8216 §4.3.2.1: every media segment URI needs an EXTINF";
    public const string ByteRangeValue = "RFC 8216 §4.3.2.2: EXT-X-BYTERANGE is n[@o] in decimal-integers";
    public const string ByteRangeOffset = "RFC 8216 §4.3.2.2: a byte range without @o needs a previous sub-range of the same resource";
    public const string KeyMethod = "RFC 8216 §4.3.2.4: EXT-X-KEY needs METHOD NONE, AES-128, SAMPLE-AES or SAMPLE-AES-CTR";
    public const string KeyUri = "RFC 8216 §4.3.2.4: EXT-X-KEY needs URI unless METHOD is NONE";
    public const string KeyIv = "RFC 8216 §4.3.2.4: IV is a 128-bit hexadecimal-sequence";
    public const string MapUri = "RFC 8216 §4.3.2.5: EXT-X-MAP needs URI";
    public const string MapByteRange = "RFC 8216 §4.3.2.5: EXT-X-MAP BYTERANGE is \"n[@o]\"";
    public const string ProgramDateTime = "RFC 8216 §4.3.2.6: EXT-X-PROGRAM-DATE-TIME is an ISO 8601 date-time";
    public const string DateRangeAttributes = "RFC 8216 §4.3.2.7: EXT-X-DATERANGE needs ID and START-DATE";
    public const string TargetDurationRequired = "RFC 8216 §4.3.3.1: EXT-X-TARGETDURATION is required";
    public const string TargetDurationValue = "RFC 8216 §4.3.3.1: EXT-X-TARGETDURATION is a decimal-integer";
    public const string SegmentLongerThanTarget = "RFC 8216 §4.3.3.1: a segment duration rounded to an integer must not exceed the target duration";
    public const string MediaSequenceValue = "RFC 8216 §4.3.3.2: EXT-X-MEDIA-SEQUENCE is a decimal-integer before the first segment";
    public const string DiscontinuitySequenceValue = "RFC 8216 §4.3.3.3: EXT-X-DISCONTINUITY-SEQUENCE is a decimal-integer before the first segment";
    public const string PlaylistTypeValue = "RFC 8216 §4.3.3.5: EXT-X-PLAYLIST-TYPE is VOD or EVENT";
    public const string MediaAttributes = "RFC 8216 §4.3.4.1: EXT-X-MEDIA needs TYPE (AUDIO, VIDEO, SUBTITLES, CLOSED-CAPTIONS) and GROUP-ID";
    public const string MediaName = "RFC 8216 §4.3.4.1: EXT-X-MEDIA needs NAME";
    public const string StreamInfWithoutUri = "RFC 8216 §4.3.4.2: EXT-X-STREAM-INF must be followed by a URI line";
    public const string UriWithoutStreamInf = "RFC 8216 §4.3.4.2: a master playlist URI line follows EXT-X-STREAM-INF";
    public const string Bandwidth = "RFC 8216 §4.3.4.2: BANDWIDTH is a required decimal-integer";
    public const string NoVariants = "RFC 8216 §4.3.4.2: a master playlist has at least one EXT-X-STREAM-INF";
    public const string IFrameUri = "RFC 8216 §4.3.4.3: EXT-X-I-FRAME-STREAM-INF needs URI";
    public const string SessionDataId = "RFC 8216 §4.3.4.4: EXT-X-SESSION-DATA needs DATA-ID and one of VALUE, URI";
    public const string StartTimeOffset = "RFC 8216 §4.3.5.2: EXT-X-START needs a signed-decimal-floating-point TIME-OFFSET";
    public const string Define = "bis §4.4.2.3: EXT-X-DEFINE needs NAME and VALUE, IMPORT, or QUERYPARAM, and defines a name once";
    public const string UndefinedVariable = "bis §4.3: a variable reference must be defined by a preceding EXT-X-DEFINE";
    public const string Bitrate = "bis §4.4.4.8: EXT-X-BITRATE is a decimal-integer";
    public const string Part = "bis §4.4.4.9: EXT-X-PART needs URI and a DURATION";
    public const string PartInf = "bis §4.4.3.7: EXT-X-PART-INF needs PART-TARGET, and is required with EXT-X-PART";
    public const string Skip = "bis §4.4.5.2: EXT-X-SKIP needs a decimal-integer SKIPPED-SEGMENTS before the first segment";
    public const string PreloadHint = "bis §4.4.5.3: EXT-X-PRELOAD-HINT needs TYPE (PART or MAP) and URI";
    public const string RenditionReport = "bis §4.4.5.4: EXT-X-RENDITION-REPORT needs URI";
    public const string ContentSteering = "bis §4.4.6.6: EXT-X-CONTENT-STEERING needs SERVER-URI";
    public const string TargetDurationRepeated = "RFC 8216 §4.3.3: EXT-X-TARGETDURATION must not appear more than once";
    public const string MediaSequenceRepeated = "RFC 8216 §4.3.3: EXT-X-MEDIA-SEQUENCE must not appear more than once";
    public const string DiscontinuitySequenceRepeated = "RFC 8216 §4.3.3: EXT-X-DISCONTINUITY-SEQUENCE must not appear more than once";
    public const string VersionRepeated = "RFC 8216 §4.3.1.2: EXT-X-VERSION must not appear more than once";
    public const string PlaylistTypeRepeated = "RFC 8216 §4.3.3: EXT-X-PLAYLIST-TYPE must not appear more than once";
    public const string EndListRepeated = "RFC 8216 §4.3.3: EXT-X-ENDLIST must not appear more than once";
    public const string SkipRepeated = "bis §4.4.5.2: EXT-X-SKIP must not appear more than once";
    public const string ServerControlRepeated = "bis §4.4.3.8: EXT-X-SERVER-CONTROL must not appear more than once";
    public const string PartInfRepeated = "bis §4.4.3.7: EXT-X-PART-INF must not appear more than once";
    public const string HlsJsTrailingProgramDateTime = "hls.js 1.6: a first EXT-X-PROGRAM-DATE-TIME after the last segment makes its parser throw";
    public const string LimitSize = "HlsSwarm limit: MaxPlaylistChars";
    public const string LimitLine = "HlsSwarm limit: MaxLineChars";
    public const string LimitEntries = "HlsSwarm limit: MaxEntries (segments, parts, variants, renditions, tags)";
    public const string LimitAttributes = "HlsSwarm limit: MaxAttributesPerTag";
    public const string BaseUri = "HlsSwarm: the playlist URI must be absolute";
#pragma warning restore CS1591

    /// <summary>
    /// Warning rules on which hls.js 1.6 rejects the whole media playlist (its <c>playlistParsingError</c>, or an
    /// exception), so that p2p-media-loader sees no segments at all. Each warning is raised under exactly hls.js's
    /// condition (e.g. a repeated <c>EXT-X-MEDIA-SEQUENCE</c> only when the earlier value was not 0).
    /// A consumer mirroring hls.js treats a media playlist with one of these in <see cref="Playlist.Warnings"/> as failed.
    /// </summary>
    public static IReadOnlySet<string> RejectedByHlsJs { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        TargetDurationRepeated, MediaSequenceRepeated, DiscontinuitySequenceRepeated, VersionRepeated, PlaylistTypeRepeated,
        EndListRepeated, SkipRepeated, ServerControlRepeated, PartInfRepeated, HlsJsTrailingProgramDateTime,
    };
}
