using System.Diagnostics.CodeAnalysis;

namespace HlsSwarm.Hls;

/// <summary>
/// The single pass behind <see cref="PlaylistParser"/> and the two readers: walks the lines as spans, dispatches on
/// the tag name, keeps the state that media segment tags carry to the next URI line, and builds the model.
/// </summary>
internal ref partial struct PlaylistReader
{
    private readonly ReadOnlySpan<char> _text;
    private readonly Uri? _base;
    private readonly PlaylistLimits _limits;
    private readonly PlaylistKind _expected;
    private readonly MasterPlaylist? _master;

    // The line being read: number, and where it is in _text (for quoting it in errors).
    private int _lineNumber;
    private int _lineStart;
    private int _lineLength;

    private PlaylistKind _kind;
    private bool _extInfEatsWhiteSpace;
    private PlaylistError? _error;

    // Tags of both kinds.
    private int? _version;
    private int _versionRepeatLine, _versionRepeatStart, _versionRepeatLength;
    private bool _independent;
    private StartOffset? _start;
    private List<VariableDefinition>? _definitions;
    private Dictionary<string, string?>? _variables;
    private List<UnknownTag>? _unknown;
    private List<PlaylistError>? _warnings;

    // Media playlist tags (PlaylistReader.Media.cs).
    private int? _targetDuration;
    private long _mediaSequence;
    private long _discontinuitySequence;
    private string? _playlistType;
    private bool _endList;
    private bool _iFramesOnly;
    private readonly List<MediaSegment> _segments;

    // The EXTINF waiting for its URI line.
    private bool _hasInf;
    private decimal _infDuration;
    private string _infTitle;
    private int _infLine, _infStart, _infLength;

    // Media segment tags waiting for the next URI line.
    private bool _pendingDiscontinuity;
    private long _discontinuities;
    private bool _hasByteRange;
    private long _byteRangeLength;
    private long? _byteRangeOffset;
    private int _byteRangeLine, _byteRangeStart, _byteRangeLineLength;
    private DateTimeOffset? _pendingProgramDateTime;
    private bool _pendingGap;
    private int _firstProgramDateTimeSegment = -1;
    private List<PartialSegment>? _parts;
    private int _partCount;

    // Tags in force until changed.
    private EquatableList<EncryptionKey>? _keys;
    private MediaInitializationSection? _map;
    private long? _bitrate;

    // For implicit byte range offsets: the previous segment's and the previous part's resource and range.
    private string? _lastSegmentUri;
    private ByteRange? _lastSegmentRange;
    private string? _lastPartUri;
    private ByteRange? _lastPartRange;

    // Low-latency and date range tags.
    private decimal? _partTarget;
    private ServerControl? _serverControl;
    private long _skipped;
    private EquatableList<string>? _removedDateRanges;
    private List<PreloadHint>? _hints;
    private List<RenditionReport>? _reports;
    private List<DateRange>? _dateRanges;

    // Master playlist tags (PlaylistReader.Master.cs); the EXT-X-STREAM-INF waiting for its URI line.
    private List<VariantStream>? _variants;
    private AttributeList? _pendingStreamInf;
    private int _streamInfLine, _streamInfStart, _streamInfLength;
    private List<Rendition>? _renditions;
    private List<VariantStream>? _iFrameStreams;
    private List<SessionData>? _sessionData;
    private List<EncryptionKey>? _sessionKeys;
    private ContentSteering? _contentSteering;

    private PlaylistReader(ReadOnlySpan<char> text, Uri? baseUri, PlaylistLimits limits, PlaylistKind expected, MasterPlaylist? master)
    {
        _master = master;
        _text = text;
        _base = baseUri;
        _limits = limits;
        _expected = expected;
        _segments = [];
        _infTitle = "";
    }

    /// <summary>Reads <paramref name="text"/>; never throws on any text.</summary>
    public static bool Read(ReadOnlySpan<char> text, Uri? baseUri, PlaylistLimits limits, PlaylistKind expected,
        [NotNullWhen(true)] out Playlist? playlist, [NotNullWhen(false)] out PlaylistError? error, MasterPlaylist? master = null)
    {
        playlist = null;
        if (baseUri is not null && !baseUri.IsAbsoluteUri)
        {
            error = new PlaylistError(0, "", PlaylistRules.BaseUri, $"\"{baseUri.OriginalString}\" is relative");
            return false;
        }
        if (text.Length > limits.MaxPlaylistChars)
        {
            error = new PlaylistError(0, "", PlaylistRules.LimitSize, $"the playlist has {text.Length} characters, more than {limits.MaxPlaylistChars}");
            return false;
        }
        var reader = new PlaylistReader(text, baseUri, limits, expected, master);
        if (reader.ReadLines())
            playlist = reader.Finish();
        error = reader._error;
        return playlist is not null;
    }

    private bool ReadLines()
    {
        var text = _text;
        var pos = 0;
        // A UTF-8 byte order mark decodes to U+FEFF; RFC 8216 §4 forbids it but encoders write it.
        if (!text.IsEmpty && text[0] == '\uFEFF')
            pos = 1;
        var headerSeen = false;
        while (pos < text.Length)
        {
            var rest = text[pos..];
            var newline = rest.IndexOf('\n');
            var raw = newline < 0 ? rest : rest[..newline];
            _lineNumber++;
            _lineStart = pos;
            _lineLength = raw.Length;
            pos += newline < 0 ? rest.Length : newline + 1;
            if (raw.Length > _limits.MaxLineChars)
                return Fail(PlaylistRules.LimitLine, $"the line has {raw.Length} characters, more than {_limits.MaxLineChars}");
            var line = raw.Trim();
            if (line.IsEmpty)
                continue;
            if (!headerSeen)
            {
                // RFC 8216 §4.3.1.1; leading blank lines are tolerated.
                if (!line.SequenceEqual("#EXTM3U"))
                    return Fail(PlaylistRules.Header, "the first line is not #EXTM3U");
                headerSeen = true;
                continue;
            }
            // RFC 8216 §4.1: a line is a tag or comment only if its first character is '#'; " #x" is a URI line,
            // as in hls.js. Except right after "#EXTINF:d,title": hls.js's EXTINF pattern ends in \s+, which eats
            // the next line's leading white space, so there " #x" is a tag or comment. Segment counts (and so
            // segment ids) must match hls.js. URI lines keep trailing white space as hls.js does.
            var isTag = raw[0] == '#' || (_extInfEatsWhiteSpace && line[0] == '#');
            _extInfEatsWhiteSpace = false;
            var ok = isTag ? ReadTag(line) : ReadUriLine(raw.TrimEnd('\r'));
            if (!ok)
                return false;
        }
        if (!headerSeen)
        {
            _lineNumber = 0;
            return Fail(PlaylistRules.Empty, "the playlist is empty");
        }
        return true;
    }

    private bool ReadTag(ReadOnlySpan<char> line)
    {
        if (!line.StartsWith("#EXT"))
            return true; // a comment (RFC 8216 §4.1)
        var colon = line.IndexOf(':');
        var name = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        return name switch
        {
            "#EXTINF" => ReadExtInf(value),
            "#EXT-X-BYTERANGE" => ReadByteRange(value),
            "#EXT-X-DISCONTINUITY" => Media() && SetDiscontinuity(),
            "#EXT-X-KEY" => ReadKey(value),
            "#EXT-X-MAP" => ReadMap(value),
            "#EXT-X-PROGRAM-DATE-TIME" => ReadProgramDateTime(value),
            "#EXT-X-GAP" => Media() && SetGap(),
            "#EXT-X-BITRATE" => ReadBitrate(value),
            "#EXT-X-PART" => ReadPart(value),
            "#EXT-X-DATERANGE" => ReadDateRange(value),
            "#EXT-X-TARGETDURATION" => ReadTargetDuration(value),
            "#EXT-X-MEDIA-SEQUENCE" => ReadMediaSequence(value),
            "#EXT-X-DISCONTINUITY-SEQUENCE" => ReadDiscontinuitySequence(value),
            "#EXT-X-ENDLIST" => Media() && SetEndList(),
            "#EXT-X-PLAYLIST-TYPE" => ReadPlaylistType(value),
            "#EXT-X-I-FRAMES-ONLY" => Media() && SetIFramesOnly(),
            "#EXT-X-PART-INF" => ReadPartInf(value),
            "#EXT-X-SERVER-CONTROL" => ReadServerControl(value),
            "#EXT-X-SKIP" => ReadSkip(value),
            "#EXT-X-PRELOAD-HINT" => ReadPreloadHint(value),
            "#EXT-X-RENDITION-REPORT" => ReadRenditionReport(value),
            "#EXT-X-STREAM-INF" => ReadStreamInf(value),
            "#EXT-X-MEDIA" => ReadMedia(value),
            "#EXT-X-I-FRAME-STREAM-INF" => ReadIFrameStreamInf(value),
            "#EXT-X-SESSION-DATA" => ReadSessionData(value),
            "#EXT-X-SESSION-KEY" => ReadSessionKey(value),
            "#EXT-X-CONTENT-STEERING" => ReadContentSteering(value),
            "#EXT-X-VERSION" => ReadVersion(value),
            "#EXT-X-INDEPENDENT-SEGMENTS" => SetIndependent(),
            "#EXT-X-START" => ReadStart(value),
            "#EXT-X-DEFINE" => ReadDefine(value),
            "#EXTM3U" => Fail(PlaylistRules.HeaderRepeated, "a second #EXTM3U"),
            _ => AddUnknown(name, value),
        };
    }

    /// <summary>Reads a URI line; <paramref name="line"/> is as written, without its line end.</summary>
    private bool ReadUriLine(ReadOnlySpan<char> line)
    {
        // hls.js takes a variant URI line whole ([^\r\n]+) but starts a segment URI at its first non-space character.
        if (_pendingStreamInf is null)
            line = line.TrimStart();
        string? substituted = null;
        if (_variables is not null && line.Contains("{$", StringComparison.Ordinal))
        {
            if (!TrySubstitute(line, out substituted))
                return false;
        }
        if (_pendingStreamInf is not null)
            return AddVariant(substituted ?? line.ToString());
        if (_kind == PlaylistKind.Master || (_kind == PlaylistKind.Any && _expected == PlaylistKind.Master))
            return Fail(PlaylistRules.UriWithoutStreamInf, "a URI line without EXT-X-STREAM-INF before it");
        if (!_hasInf)
            return Fail(PlaylistRules.UriWithoutExtInf, "a URI line without EXTINF before it");
        return AddSegment(substituted ?? line.ToString());
    }

    private bool SetIndependent()
    {
        _independent = true;
        return true;
    }

    private bool ReadVersion(ReadOnlySpan<char> value)
    {
        if (!Numbers.TryParseInt(value, out var v) || v < 1)
            return Fail(PlaylistRules.Version, BadValue(value));
        // hls.js rejects a repeated version in media playlists only; the kind may not be known yet, so decide at the end.
        if (_version is not null && _versionRepeatLine == 0)
            (_versionRepeatLine, _versionRepeatStart, _versionRepeatLength) = (_lineNumber, _lineStart, _lineLength);
        _version = v;
        return true;
    }

    private bool ReadStart(ReadOnlySpan<char> value)
    {
        if (!ParseAttributes(value, out var a))
            return false;
        if (a["TIME-OFFSET"] is { } t && Numbers.TryParseSignedDecimal(t, out var offset))
            _start = new StartOffset(offset, a.GetYes("PRECISE"));
        else
            Warn(PlaylistRules.StartTimeOffset, "ignored");
        return true;
    }

    private bool AddUnknown(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        _unknown ??= [];
        if (_unknown.Count >= _limits.MaxEntries)
            return Fail(PlaylistRules.LimitEntries, "too many unknown tags");
        _unknown.Add(new UnknownTag(_lineNumber, name.ToString(), value.ToString()));
        return true;
    }

    /// <summary>Marks the playlist as a media playlist; false (with the error) if it is a master playlist.</summary>
    private bool Media() => Claim(PlaylistKind.Media);

    /// <summary>Marks the playlist as a master playlist; false (with the error) if it is a media playlist.</summary>
    private bool Master() => Claim(PlaylistKind.Master);

    private bool Claim(PlaylistKind kind)
    {
        if (_kind == kind)
            return true;
        var other = kind == PlaylistKind.Media ? "master" : "media";
        var mine = kind == PlaylistKind.Media ? "media" : "master";
        if (_kind == PlaylistKind.Any && (_expected == PlaylistKind.Any || _expected == kind))
        {
            _kind = kind;
            return true;
        }
        var why = _kind == PlaylistKind.Any ? "was expected" : "was established by earlier tags";
        return Fail(PlaylistRules.MixedTags, $"a {mine} playlist tag, but a {other} playlist {why}");
    }

    private bool ParseAttributes(ReadOnlySpan<char> value, out AttributeList list)
    {
        if (!AttributeList.TryParse(value, _limits.MaxAttributesPerTag, out list))
            return Fail(PlaylistRules.LimitAttributes, $"more than {_limits.MaxAttributesPerTag} attributes");
        return _variables is null || SubstituteAttributes(ref list);
    }

    // rfc8216bis §4.3: references are replaced in quoted-string and hexadecimal-sequence values (as hls.js does:
    // quoted values, and IV and SCTE35-* which are hexadecimal); not in EXT-X-DEFINE itself.
    private bool SubstituteAttributes(ref AttributeList list)
    {
        PlaylistAttribute[]? changed = null;
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (!(a.Quoted || a.Name is "IV" or "SCTE35-CMD" or "SCTE35-IN" or "SCTE35-OUT") || !a.Value.Contains("{$", StringComparison.Ordinal))
                continue;
            if (!TrySubstitute(a.Value, out var value))
                return false;
            changed ??= [.. list];
            changed[i] = a with { Value = value };
        }
        if (changed is not null)
            list = new AttributeList(changed);
        return true;
    }

    private bool Fail(string rule, string message)
    {
        _error = _lineNumber == 0
            ? new PlaylistError(0, "", rule, message)
            : PlaylistError.At(_lineNumber, _text.Slice(_lineStart, _lineLength).TrimEnd('\r'), rule, message);
        return false;
    }

    private bool FailAt(int lineNumber, int lineStart, int lineLength, string rule, string message)
    {
        _error = PlaylistError.At(lineNumber, _text.Slice(lineStart, lineLength).TrimEnd('\r'), rule, message);
        return false;
    }

    private void Warn(string rule, string message)
    {
        _warnings ??= [];
        if (_warnings.Count < _limits.MaxWarnings)
        {
            _warnings.Add(_lineNumber == 0
                ? new PlaylistError(0, "", rule, message)
                : PlaylistError.At(_lineNumber, _text.Slice(_lineStart, _lineLength).TrimEnd('\r'), rule, message));
        }
    }

    private static string BadValue(ReadOnlySpan<char> value) =>
        value.Length > 60 ? $"bad value \"{value[..60]}…\"" : $"bad value \"{value}\"";

    private static EquatableList<T> ToList<T>(List<T>? list) =>
        list is null || list.Count == 0 ? EquatableList<T>.Empty : EquatableList<T>.Own([.. list]);
}
