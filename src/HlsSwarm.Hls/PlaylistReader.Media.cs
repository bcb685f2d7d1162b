namespace HlsSwarm.Hls;

/// <summary>Media playlist tags (RFC 8216 §4.3.2, §4.3.3; rfc8216bis §4.4.3 to §4.4.5).</summary>
internal ref partial struct PlaylistReader
{
    private bool ReadExtInf(ReadOnlySpan<char> value)
    {
        if (!Media())
            return false;
        if (_hasInf)
            return Fail(PlaylistRules.ExtInfWithoutUri, "EXTINF follows another EXTINF without a URI line");
        var comma = value.IndexOf(',');
        var duration = (comma < 0 ? value : value[..comma]).Trim();
        if (!Numbers.TryParseDecimal(duration, out _infDuration))
            return Fail(PlaylistRules.ExtInfValue, BadValue(duration));
        _infTitle = comma < 0 || comma == value.Length - 1 ? "" : value[(comma + 1)..].ToString();
        _hasInf = true;
        _extInfEatsWhiteSpace = comma >= 0;
        (_infLine, _infStart, _infLength) = (_lineNumber, _lineStart, _lineLength);
        return true;
    }

    private bool AddSegment(string uri)
    {
        if (_segments.Count >= _limits.MaxEntries)
            return Fail(PlaylistRules.LimitEntries, $"more than {_limits.MaxEntries} segments");
        if (_mediaSequence > long.MaxValue - _skipped - _segments.Count)
            return Fail(PlaylistRules.MediaSequenceValue, "the media sequence numbers overflow 2^63");
        if (_discontinuitySequence > long.MaxValue - _discontinuities - 1)
            return Fail(PlaylistRules.DiscontinuitySequenceValue, "the discontinuity sequence numbers overflow 2^63");
        ByteRange? range = null;
        if (_hasByteRange)
        {
            long offset;
            if (_byteRangeOffset is { } explicitOffset)
                offset = explicitOffset;
            else if (_lastSegmentRange is { } previous && string.Equals(_lastSegmentUri, uri, StringComparison.Ordinal))
                offset = previous.End;
            else
                return FailAt(_byteRangeLine, _byteRangeStart, _byteRangeLineLength, PlaylistRules.ByteRangeOffset,
                    _lastSegmentRange is null ? "no previous segment has a byte range" : "the previous segment is another resource");
            if (offset > long.MaxValue - _byteRangeLength)
                return FailAt(_byteRangeLine, _byteRangeStart, _byteRangeLineLength, PlaylistRules.ByteRangeValue, "the range ends past 2^63");
            range = new ByteRange(_byteRangeLength, offset);
        }
        if (_pendingDiscontinuity)
            _discontinuities++;
        if (_targetDuration is { } target && _infDuration > target && decimal.Round(_infDuration, MidpointRounding.AwayFromZero) > target)
            WarnAt(_infLine, _infStart, _infLength, PlaylistRules.SegmentLongerThanTarget, $"{_infDuration} s > {target} s");
        _segments.Add(new MediaSegment(_infDuration, uri, _pendingDiscontinuity, _infTitle)
        {
            SequenceNumber = _mediaSequence + _skipped + _segments.Count,
            DiscontinuitySequenceNumber = _discontinuitySequence + _discontinuities,
            ByteRange = range,
            Keys = _keys ?? EquatableList<EncryptionKey>.Empty,
            Map = _map,
            ProgramDateTime = _pendingProgramDateTime,
            Gap = _pendingGap,
            Bitrate = _bitrate,
            Parts = ToList(_parts),
            BaseUri = _base,
        });
        _parts?.Clear();
        _lastSegmentUri = uri;
        _lastSegmentRange = range;
        _hasInf = false;
        _hasByteRange = false;
        _pendingDiscontinuity = false;
        _pendingProgramDateTime = null;
        _pendingGap = false;
        return true;
    }

    private void WarnAt(int line, int start, int length, string rule, string message)
    {
        _warnings ??= [];
        if (_warnings.Count < _limits.MaxWarnings)
            _warnings.Add(PlaylistError.At(line, _text.Slice(start, length).TrimEnd('\r'), rule, message));
    }

    private bool ReadByteRange(ReadOnlySpan<char> value)
    {
        if (!Media())
            return false;
        if (!Numbers.TryParseByteRange(value.Trim(), out _byteRangeLength, out _byteRangeOffset))
            return Fail(PlaylistRules.ByteRangeValue, BadValue(value));
        _hasByteRange = true;
        (_byteRangeLine, _byteRangeStart, _byteRangeLineLength) = (_lineNumber, _lineStart, _lineLength);
        return true;
    }

    private bool SetDiscontinuity()
    {
        _pendingDiscontinuity = true;
        return true;
    }

    private bool SetGap()
    {
        _pendingGap = true;
        return true;
    }

    private bool SetEndList()
    {
        if (_endList)
            Warn(PlaylistRules.EndListRepeated, "a second EXT-X-ENDLIST");
        _endList = true;
        return true;
    }

    private bool SetIFramesOnly()
    {
        _iFramesOnly = true;
        return true;
    }

    private bool ReadKey(ReadOnlySpan<char> value)
    {
        if (!Media() || !ReadKeyAttributes(value, out var key, fatal: true))
            return false;
        if (key is null)
            return true;
        if (key.Method == "NONE")
        {
            _keys = null; // RFC 8216 §4.3.2.4: METHOD=NONE ends every key in force
            return true;
        }
        // Keys of different KEYFORMATs apply together; a new key replaces the one of its own KEYFORMAT.
        var keys = new List<EncryptionKey>(_keys ?? EquatableList<EncryptionKey>.Empty);
        var format = key.KeyFormat;
        var i = keys.FindIndex(k => k.KeyFormat == format);
        if (i >= 0)
            keys[i] = key;
        else
            keys.Add(key);
        _keys = EquatableList<EncryptionKey>.Own([.. keys]);
        return true;
    }

    /// <summary>Reads an EXT-X-KEY or EXT-X-SESSION-KEY; when not <paramref name="fatal"/>, a bad key is a warning and <paramref name="key"/> is null.</summary>
    private bool ReadKeyAttributes(ReadOnlySpan<char> value, out EncryptionKey? key, bool fatal)
    {
        key = null;
        if (!ParseAttributes(value, out var a))
            return false;
        var method = a["METHOD"];
        string? rule = null, message = null;
        if (string.IsNullOrEmpty(method))
            (rule, message) = (PlaylistRules.KeyMethod, "METHOD is missing");
        else if (method != "NONE" && a["URI"] is null)
            (rule, message) = (PlaylistRules.KeyUri, $"METHOD={method} without URI");
        else if (a["IV"] is { } iv && a.GetHexBytes("IV") is not { Length: 16 })
            (rule, message) = (PlaylistRules.KeyIv, BadValue(iv));
        if (rule is not null)
        {
            if (fatal)
                return Fail(rule, message!);
            Warn(rule, message + "; the key is ignored");
            return true;
        }
        key = new EncryptionKey { Attributes = a, BaseUri = _base };
        return true;
    }

    private bool ReadMap(ReadOnlySpan<char> value)
    {
        if (!Media() || !ParseAttributes(value, out var a))
            return false;
        if (a["URI"] is null)
            return Fail(PlaylistRules.MapUri, "URI is missing");
        ByteRange? range = null;
        if (a["BYTERANGE"] is { } br)
        {
            // hls.js reads a missing offset as 0; RFC 8216 §4.3.2.5 has no previous sub-range to continue from.
            if (!Numbers.TryParseByteRange(br, out var length, out var offset))
                return Fail(PlaylistRules.MapByteRange, BadValue(br));
            range = new ByteRange(length, offset ?? 0);
        }
        _map = new MediaInitializationSection { Attributes = a, BaseUri = _base, ByteRange = range };
        return true;
    }

    private bool ReadProgramDateTime(ReadOnlySpan<char> value)
    {
        if (!Media())
            return false;
        if (_firstProgramDateTimeSegment < 0)
            _firstProgramDateTimeSegment = _segments.Count;
        // hls.js ignores a date it cannot parse; so do we, with a warning.
        if (Numbers.TryParseDateTime(value.Trim(), out var date))
            _pendingProgramDateTime = date;
        else
            Warn(PlaylistRules.ProgramDateTime, BadValue(value) + " ignored");
        return true;
    }

    private bool ReadBitrate(ReadOnlySpan<char> value)
    {
        if (!Media())
            return false;
        if (Numbers.TryParseDecimalInteger(value.Trim(), out var kbps))
            _bitrate = kbps;
        else
            Warn(PlaylistRules.Bitrate, BadValue(value) + " ignored");
        return true;
    }

    private bool ReadPart(ReadOnlySpan<char> value)
    {
        if (!Media() || !ParseAttributes(value, out var a))
            return false;
        if (++_partCount > _limits.MaxEntries)
            return Fail(PlaylistRules.LimitEntries, $"more than {_limits.MaxEntries} parts");
        if (a["URI"] is not { } uri)
            return Fail(PlaylistRules.Part, "URI is missing");
        if (a["DURATION"] is not { } d || !Numbers.TryParseDecimal(d, out var duration))
            return Fail(PlaylistRules.Part, "DURATION is missing or not a decimal-floating-point");
        ByteRange? range = null;
        if (a["BYTERANGE"] is { } br)
        {
            if (!Numbers.TryParseByteRange(br, out var length, out var offset))
                return Fail(PlaylistRules.ByteRangeValue, BadValue(br));
            if (offset is null)
            {
                // rfc8216bis §4.4.4.9: without @o the part continues the previous part of the same resource.
                if (_lastPartRange is not { } previous || !string.Equals(_lastPartUri, uri, StringComparison.Ordinal))
                    return Fail(PlaylistRules.ByteRangeOffset, "no previous part of the same resource has a byte range");
                offset = previous.End;
            }
            if (offset > long.MaxValue - length)
                return Fail(PlaylistRules.ByteRangeValue, "the range ends past 2^63");
            range = new ByteRange(length, offset.Value);
        }
        _parts ??= [];
        _parts.Add(new PartialSegment { Attributes = a, BaseUri = _base, Duration = duration, ByteRange = range });
        _lastPartUri = uri;
        _lastPartRange = range;
        return true;
    }

    private bool ReadDateRange(ReadOnlySpan<char> value)
    {
        if (!Media() || !ParseAttributes(value, out var a))
            return false;
        _dateRanges ??= [];
        if (_dateRanges.Count >= _limits.MaxEntries)
            return Fail(PlaylistRules.LimitEntries, $"more than {_limits.MaxEntries} date ranges");
        // hls.js drops a date range without ID or START-DATE; we keep it and warn.
        if (a["ID"] is null || a["START-DATE"] is null)
            Warn(PlaylistRules.DateRangeAttributes, "kept as written");
        _dateRanges.Add(new DateRange { Attributes = a, SegmentIndex = _segments.Count });
        return true;
    }

    private bool ReadTargetDuration(ReadOnlySpan<char> value)
    {
        if (!Media())
            return false;
        if (_targetDuration is not null)
            Warn(PlaylistRules.TargetDurationRepeated, "a second EXT-X-TARGETDURATION");
        var v = value.Trim();
        if (Numbers.TryParseInt(v, out var seconds))
        {
            _targetDuration = seconds;
            return true;
        }
        // hls.js reads it with parseInt, so "6.0" works there; accept a decimal, truncated, with a warning.
        if (Numbers.TryParseDecimal(v, out var d) && d <= int.MaxValue)
        {
            _targetDuration = (int)decimal.Truncate(d);
            Warn(PlaylistRules.TargetDurationValue, $"{BadValue(value)} read as {_targetDuration}");
            return true;
        }
        return Fail(PlaylistRules.TargetDurationValue, BadValue(value));
    }

    private bool ReadMediaSequence(ReadOnlySpan<char> value)
    {
        if (!Media())
            return false;
        if (_mediaSequence != 0 && _segments.Count == 0)
            Warn(PlaylistRules.MediaSequenceRepeated, "a second EXT-X-MEDIA-SEQUENCE after a non-zero one");
        if (_segments.Count > 0 || !Numbers.TryParseDecimalInteger(value.Trim(), out _mediaSequence))
            return Fail(PlaylistRules.MediaSequenceValue, _segments.Count > 0 ? "after the first segment" : BadValue(value));
        return true;
    }

    private bool ReadDiscontinuitySequence(ReadOnlySpan<char> value)
    {
        if (!Media())
            return false;
        if (_discontinuitySequence != 0 && _segments.Count == 0)
            Warn(PlaylistRules.DiscontinuitySequenceRepeated, "a second EXT-X-DISCONTINUITY-SEQUENCE after a non-zero one");
        if (_segments.Count > 0 || !Numbers.TryParseDecimalInteger(value.Trim(), out _discontinuitySequence))
            return Fail(PlaylistRules.DiscontinuitySequenceValue, _segments.Count > 0 ? "after the first segment" : BadValue(value));
        return true;
    }

    private bool ReadPlaylistType(ReadOnlySpan<char> value)
    {
        if (!Media())
            return false;
        if (_playlistType is not null)
            Warn(PlaylistRules.PlaylistTypeRepeated, "a second EXT-X-PLAYLIST-TYPE");
        var v = value.Trim();
        _playlistType = v switch
        {
            "VOD" => "VOD",
            "EVENT" => "EVENT",
            _ => null,
        };
        return _playlistType is not null || Fail(PlaylistRules.PlaylistTypeValue, BadValue(value));
    }

    private bool ReadPartInf(ReadOnlySpan<char> value)
    {
        if (!Media() || !ParseAttributes(value, out var a))
            return false;
        if (a.GetDecimal("PART-TARGET") is not { } target)
            return Fail(PlaylistRules.PartInf, "PART-TARGET is missing or not a decimal-floating-point");
        if (_partTarget is > 0)
            Warn(PlaylistRules.PartInfRepeated, "a second EXT-X-PART-INF");
        _partTarget = target;
        return true;
    }

    private bool ReadServerControl(ReadOnlySpan<char> value)
    {
        if (!Media() || !ParseAttributes(value, out var a))
            return false;
        if (_serverControl is not null)
            Warn(PlaylistRules.ServerControlRepeated, "a second EXT-X-SERVER-CONTROL");
        _serverControl = new ServerControl { Attributes = a };
        return true;
    }

    private bool ReadSkip(ReadOnlySpan<char> value)
    {
        if (!Media() || !ParseAttributes(value, out var a))
            return false;
        if (_segments.Count > 0)
            return Fail(PlaylistRules.Skip, "after the first segment");
        if (a.GetDecimalInteger("SKIPPED-SEGMENTS") is not { } skipped || skipped > long.MaxValue / 2)
            return Fail(PlaylistRules.Skip, "SKIPPED-SEGMENTS is missing or not a decimal-integer");
        if (_skipped != 0)
            Warn(PlaylistRules.SkipRepeated, "a second EXT-X-SKIP");
        _skipped = skipped;
        if (a["RECENTLY-REMOVED-DATERANGES"] is { Length: > 0 } removed)
            _removedDateRanges = new EquatableList<string>(removed.Split('\t'));
        return true;
    }

    private bool ReadPreloadHint(ReadOnlySpan<char> value)
    {
        if (!Media() || !ParseAttributes(value, out var a))
            return false;
        if (a["TYPE"] is not ("PART" or "MAP") || a["URI"] is null)
        {
            Warn(PlaylistRules.PreloadHint, "the hint is ignored");
            return true;
        }
        _hints ??= [];
        if (_hints.Count >= _limits.MaxEntries)
            return Fail(PlaylistRules.LimitEntries, "too many preload hints");
        _hints.Add(new PreloadHint { Attributes = a, BaseUri = _base });
        return true;
    }

    private bool ReadRenditionReport(ReadOnlySpan<char> value)
    {
        if (!Media() || !ParseAttributes(value, out var a))
            return false;
        if (a["URI"] is null)
        {
            Warn(PlaylistRules.RenditionReport, "the report is ignored");
            return true;
        }
        _reports ??= [];
        if (_reports.Count >= _limits.MaxEntries)
            return Fail(PlaylistRules.LimitEntries, "too many rendition reports");
        _reports.Add(new RenditionReport { Attributes = a, BaseUri = _base });
        return true;
    }

    private readonly bool HlsJsTotalDurationIsPositive() =>
        _segments.Exists(s => s.Duration > 0) || (_skipped > 0 && _targetDuration > 0);

    private MediaPlaylist? FinishMedia()
    {
        if (_hasInf)
        {
            FailAt(_infLine, _infStart, _infLength, PlaylistRules.ExtInfWithoutUri, "EXTINF is not followed by a URI line");
            return null;
        }
        if (_targetDuration is null)
        {
            _lineNumber = 0;
            Fail(PlaylistRules.TargetDurationRequired, $"no EXT-X-TARGETDURATION in the playlist");
            return null;
        }
        if (_versionRepeatLine > 0)
            WarnAt(_versionRepeatLine, _versionRepeatStart, _versionRepeatLength, PlaylistRules.VersionRepeated, "a second EXT-X-VERSION");
        // hls.js backfills dates from fragments[firstPdtIndex], which does not exist when the first date tag
        // follows the last segment, and throws (only when the segments have a positive total duration).
        if (_firstProgramDateTimeSegment > 0 && _firstProgramDateTimeSegment == _segments.Count && HlsJsTotalDurationIsPositive())
        {
            _lineNumber = 0;
            Warn(PlaylistRules.HlsJsTrailingProgramDateTime, "the first EXT-X-PROGRAM-DATE-TIME follows the last segment");
        }
        if (_partCount > 0 && _partTarget is null)
        {
            _lineNumber = 0;
            Warn(PlaylistRules.PartInf, "EXT-X-PART without EXT-X-PART-INF");
        }
        return new MediaPlaylist
        {
            Version = _version,
            IndependentSegments = _independent,
            Start = _start,
            Definitions = ToList(_definitions),
            UnknownTags = ToList(_unknown),
            Warnings = ToList(_warnings),
            PlaylistUri = _base,
            TargetDuration = _targetDuration.Value,
            MediaSequence = _mediaSequence,
            DiscontinuitySequence = _discontinuitySequence,
            PlaylistType = _playlistType,
            EndList = _endList,
            IFramesOnly = _iFramesOnly,
            Segments = ToList(_segments),
            PartTarget = _partTarget,
            ServerControl = _serverControl,
            SkippedSegments = _skipped,
            RecentlyRemovedDateRanges = _removedDateRanges ?? EquatableList<string>.Empty,
            TrailingParts = ToList(_parts),
            PreloadHints = ToList(_hints),
            RenditionReports = ToList(_reports),
            DateRanges = ToList(_dateRanges),
        };
    }
}
