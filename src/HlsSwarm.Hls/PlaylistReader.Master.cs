namespace HlsSwarm.Hls;

/// <summary>Master playlist tags (RFC 8216 §4.3.4; rfc8216bis §4.4.6).</summary>
internal ref partial struct PlaylistReader
{
    private bool ReadStreamInf(ReadOnlySpan<char> value)
    {
        if (!Master())
            return false;
        if (_pendingStreamInf is not null)
            return FailAt(_streamInfLine, _streamInfStart, _streamInfLength, PlaylistRules.StreamInfWithoutUri, "another EXT-X-STREAM-INF comes first");
        if (!ParseAttributes(value, out var a))
            return false;
        CheckBandwidth(a);
        _pendingStreamInf = a;
        (_streamInfLine, _streamInfStart, _streamInfLength) = (_lineNumber, _lineStart, _lineLength);
        return true;
    }

    // hls.js keeps a variant without a usable BANDWIDTH (its bitrate falls back to AVERAGE-BANDWIDTH, else NaN),
    // and p2p-media-loader derives swarm ids from such variants (protocol spec §9.7), so this is only a warning.
    private void CheckBandwidth(AttributeList a)
    {
        if (a.GetDecimalInteger("BANDWIDTH") is null)
            Warn(PlaylistRules.Bandwidth, a["BANDWIDTH"] is { } b ? BadValue(b) : "BANDWIDTH is missing");
    }

    private bool AddVariant(string uri)
    {
        _variants ??= [];
        if (_variants.Count >= _limits.MaxEntries)
            return Fail(PlaylistRules.LimitEntries, $"more than {_limits.MaxEntries} variants");
        _variants.Add(new VariantStream { Attributes = _pendingStreamInf!, Uri = uri, BaseUri = _base });
        _pendingStreamInf = null;
        return true;
    }

    private bool ReadMedia(ReadOnlySpan<char> value)
    {
        // hls.js reads this tag with /#EXT-X-MEDIA:(.*)/g, and JS '.' stops at U+2028 and U+2029.
        if (value.IndexOfAny('\u2028', '\u2029') is >= 0 and var terminator)
            value = value[..terminator];
        if (!Master() || !ParseAttributes(value, out var a))
            return false;
        if (a["TYPE"] is not ("AUDIO" or "VIDEO" or "SUBTITLES" or "CLOSED-CAPTIONS"))
            return Fail(PlaylistRules.MediaAttributes, a["TYPE"] is { } t ? $"TYPE {BadValue(t)}" : "TYPE is missing");
        if (a["GROUP-ID"] is null)
            return Fail(PlaylistRules.MediaAttributes, "GROUP-ID is missing");
        // hls.js names a rendition without NAME after its LANGUAGE (and p2p-media-loader's swarm ids do too).
        if (a["NAME"] is null)
            Warn(PlaylistRules.MediaName, "NAME is missing");
        _renditions ??= [];
        if (_renditions.Count >= _limits.MaxEntries)
            return Fail(PlaylistRules.LimitEntries, $"more than {_limits.MaxEntries} renditions");
        _renditions.Add(new Rendition { Attributes = a, BaseUri = _base });
        return true;
    }

    private bool ReadIFrameStreamInf(ReadOnlySpan<char> value)
    {
        if (!Master() || !ParseAttributes(value, out var a))
            return false;
        if (a["URI"] is not { } uri)
            return Fail(PlaylistRules.IFrameUri, "URI is missing");
        CheckBandwidth(a);
        _iFrameStreams ??= [];
        if (_iFrameStreams.Count >= _limits.MaxEntries)
            return Fail(PlaylistRules.LimitEntries, $"more than {_limits.MaxEntries} I-frame streams");
        _iFrameStreams.Add(new VariantStream { Attributes = a, Uri = uri, BaseUri = _base });
        return true;
    }

    private bool ReadSessionData(ReadOnlySpan<char> value)
    {
        if (!Master() || !ParseAttributes(value, out var a))
            return false;
        if (a["DATA-ID"] is null || (a["VALUE"] is null) == (a["URI"] is null))
            Warn(PlaylistRules.SessionDataId, "kept as written");
        _sessionData ??= [];
        if (_sessionData.Count >= _limits.MaxEntries)
            return Fail(PlaylistRules.LimitEntries, "too many EXT-X-SESSION-DATA");
        _sessionData.Add(new SessionData { Attributes = a, BaseUri = _base });
        return true;
    }

    private bool ReadSessionKey(ReadOnlySpan<char> value)
    {
        // hls.js ignores an invalid session key (it is only a preloading hint).
        if (!Master() || !ReadKeyAttributes(value, out var key, fatal: false))
            return false;
        if (key is null)
            return true;
        if (key.Method == "NONE")
        {
            Warn(PlaylistRules.KeyMethod, "EXT-X-SESSION-KEY with METHOD=NONE is ignored (RFC 8216 §4.3.4.5)");
            return true;
        }
        _sessionKeys ??= [];
        if (_sessionKeys.Count >= _limits.MaxEntries)
            return Fail(PlaylistRules.LimitEntries, "too many EXT-X-SESSION-KEY");
        _sessionKeys.Add(key);
        return true;
    }

    private bool ReadContentSteering(ReadOnlySpan<char> value)
    {
        if (!Master() || !ParseAttributes(value, out var a))
            return false;
        if (a["SERVER-URI"] is null)
            Warn(PlaylistRules.ContentSteering, "the tag is ignored");
        else
            _contentSteering = new ContentSteering { Attributes = a, BaseUri = _base };
        return true;
    }

    private MasterPlaylist? FinishMaster()
    {
        if (_pendingStreamInf is not null)
        {
            FailAt(_streamInfLine, _streamInfStart, _streamInfLength, PlaylistRules.StreamInfWithoutUri, "EXT-X-STREAM-INF is the last tag");
            return null;
        }
        if (_variants is null)
        {
            _lineNumber = 0;
            Fail(PlaylistRules.NoVariants, "no EXT-X-STREAM-INF in the playlist");
            return null;
        }
        return new MasterPlaylist
        {
            Version = _version,
            IndependentSegments = _independent,
            Start = _start,
            Definitions = ToList(_definitions),
            UnknownTags = ToList(_unknown),
            Warnings = ToList(_warnings),
            PlaylistUri = _base,
            Variants = ToList(_variants),
            Renditions = ToList(_renditions),
            IFrameStreams = ToList(_iFrameStreams),
            SessionData = ToList(_sessionData),
            SessionKeys = ToList(_sessionKeys),
            ContentSteering = _contentSteering,
        };
    }

    private Playlist? Finish() =>
        _kind == PlaylistKind.Master || (_kind == PlaylistKind.Any && _expected == PlaylistKind.Master)
            ? FinishMaster()
            : FinishMedia();
}
