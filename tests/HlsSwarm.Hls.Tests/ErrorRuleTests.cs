using HlsSwarm.Hls;
using Xunit;
using static HlsSwarm.Hls.Tests.TestPlaylists;

namespace HlsSwarm.Hls.Tests;

/// <summary>Every error rule: the parser names the 1-based line and the rule, and never returns a playlist.</summary>
public class ErrorRuleTests
{
    private const string H = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n";
    private const string M = "#EXTM3U\n";

    public static TheoryData<string, string, int, string> Errors => new()
    {
        { "empty", "", 0, PlaylistRules.Empty },
        { "blank lines only", "\n\r\n  \n", 0, PlaylistRules.Empty },
        { "no header", "#EXTINF:2,\nseg.ts\n", 1, PlaylistRules.Header },
        { "header not first", "\n#EXT-X-VERSION:3\n#EXTM3U\n", 2, PlaylistRules.Header },
        { "not a playlist", "<html>", 1, PlaylistRules.Header },
        { "header repeated", H + "#EXTM3U\n", 3, PlaylistRules.HeaderRepeated },
        { "version zero", M + "#EXT-X-VERSION:0\n", 2, PlaylistRules.Version },
        { "version text", M + "#EXT-X-VERSION:three\n", 2, PlaylistRules.Version },
        { "target duration text", M + "#EXT-X-TARGETDURATION:x\n", 2, PlaylistRules.TargetDurationValue },
        { "target duration negative", M + "#EXT-X-TARGETDURATION:-2\n", 2, PlaylistRules.TargetDurationValue },
        { "target duration missing", M + "#EXTINF:2,\nseg.ts\n", 0, PlaylistRules.TargetDurationRequired },
        { "media sequence negative", H + "#EXT-X-MEDIA-SEQUENCE:-5\n", 3, PlaylistRules.MediaSequenceValue },
        { "media sequence overflow", H + "#EXT-X-MEDIA-SEQUENCE:99999999999999999999\n", 3, PlaylistRules.MediaSequenceValue },
        { "media sequence after a segment", H + "#EXTINF:2,\na.ts\n#EXT-X-MEDIA-SEQUENCE:5\n", 5, PlaylistRules.MediaSequenceValue },
        { "media sequence overflowing with the segments", H + "#EXT-X-MEDIA-SEQUENCE:9223372036854775807\n#EXTINF:2,\na.ts\n#EXTINF:2,\nb.ts\n", 7, PlaylistRules.MediaSequenceValue },
        { "discontinuity sequence overflowing", H + "#EXT-X-DISCONTINUITY-SEQUENCE:9223372036854775807\n#EXTINF:2,\na.ts\n", 5, PlaylistRules.DiscontinuitySequenceValue },
        { "discontinuity sequence text", H + "#EXT-X-DISCONTINUITY-SEQUENCE:one\n", 3, PlaylistRules.DiscontinuitySequenceValue },
        { "discontinuity sequence after a segment", H + "#EXTINF:2,\na.ts\n#EXT-X-DISCONTINUITY-SEQUENCE:1\n", 5, PlaylistRules.DiscontinuitySequenceValue },
        { "playlist type LIVE", H + "#EXT-X-PLAYLIST-TYPE:LIVE\n", 3, PlaylistRules.PlaylistTypeValue },
        { "extinf text", H + "#EXTINF:abc,\nseg.ts\n", 3, PlaylistRules.ExtInfValue },
        { "extinf negative", H + "#EXTINF:-1,\nseg.ts\n", 3, PlaylistRules.ExtInfValue },
        { "extinf empty", H + "#EXTINF:\nseg.ts\n", 3, PlaylistRules.ExtInfValue },
        { "extinf twice", H + "#EXTINF:2,\n#EXTINF:2,\nseg.ts\n", 4, PlaylistRules.ExtInfWithoutUri },
        { "extinf last", H + "\n#EXTINF:2,\n", 4, PlaylistRules.ExtInfWithoutUri },
        { "uri without extinf", H + "seg.ts\n", 3, PlaylistRules.UriWithoutExtInf },
        { "byte range text", H + "#EXT-X-BYTERANGE:abc\n#EXTINF:2,\na.ts\n", 3, PlaylistRules.ByteRangeValue },
        { "byte range negative offset", H + "#EXT-X-BYTERANGE:100@-1\n#EXTINF:2,\na.ts\n", 3, PlaylistRules.ByteRangeValue },
        { "byte range without base", H + "#EXTINF:2,\n#EXT-X-BYTERANGE:100\na.ts\n", 4, PlaylistRules.ByteRangeOffset },
        { "byte range after whole segment", H + "#EXTINF:2,\na.ts\n#EXT-X-BYTERANGE:100\n#EXTINF:2,\na.ts\n", 5, PlaylistRules.ByteRangeOffset },
        { "byte range after another resource", H + "#EXT-X-BYTERANGE:100@0\n#EXTINF:2,\na.ts\n#EXT-X-BYTERANGE:100\n#EXTINF:2,\nb.ts\n", 6, PlaylistRules.ByteRangeOffset },
        { "byte range overflow", H + "#EXT-X-BYTERANGE:9223372036854775807@9223372036854775807\n#EXTINF:2,\na.ts\n", 3, PlaylistRules.ByteRangeValue },
        { "key without method", H + "#EXT-X-KEY:URI=\"k\"\n", 3, PlaylistRules.KeyMethod },
        { "key without uri", H + "#EXT-X-KEY:METHOD=AES-128\n", 3, PlaylistRules.KeyUri },
        { "key with short iv", H + "#EXT-X-KEY:METHOD=AES-128,URI=\"k\",IV=0x1234\n", 3, PlaylistRules.KeyIv },
        { "key with bad iv", H + "#EXT-X-KEY:METHOD=AES-128,URI=\"k\",IV=0xZZ345678901234567890123456789012\n", 3, PlaylistRules.KeyIv },
        { "map without uri", H + "#EXT-X-MAP:BYTERANGE=\"100@0\"\n", 3, PlaylistRules.MapUri },
        { "map bad byte range", H + "#EXT-X-MAP:URI=\"i.mp4\",BYTERANGE=\"x\"\n", 3, PlaylistRules.MapByteRange },
        { "part without uri", H + "#EXT-X-PART-INF:PART-TARGET=1\n#EXT-X-PART:DURATION=1\n", 4, PlaylistRules.Part },
        { "part without duration", H + "#EXT-X-PART-INF:PART-TARGET=1\n#EXT-X-PART:URI=\"p.mp4\"\n", 4, PlaylistRules.Part },
        { "part implicit byte range", H + "#EXT-X-PART:DURATION=1,URI=\"p.mp4\",BYTERANGE=\"100\"\n", 3, PlaylistRules.ByteRangeOffset },
        { "part-inf without target", H + "#EXT-X-PART-INF:X=1\n", 3, PlaylistRules.PartInf },
        { "skip without count", H + "#EXT-X-SKIP:RECENTLY-REMOVED-DATERANGES=\"a\"\n", 3, PlaylistRules.Skip },
        { "skip after a segment", H + "#EXTINF:2,\na.ts\n#EXT-X-SKIP:SKIPPED-SEGMENTS=3\n", 5, PlaylistRules.Skip },
        { "master tag in media playlist", H + "#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n", 3, PlaylistRules.MixedTags },
        { "media tag in master playlist", M + "#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n#EXTINF:2,\n", 4, PlaylistRules.MixedTags },
        { "target duration in master playlist", M + "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"x\"\n#EXT-X-TARGETDURATION:2\n", 3, PlaylistRules.MixedTags },
        { "stream-inf without uri", M + "#EXT-X-STREAM-INF:BANDWIDTH=1\n", 2, PlaylistRules.StreamInfWithoutUri },
        { "stream-inf twice", M + "#EXT-X-STREAM-INF:BANDWIDTH=1\n#EXT-X-STREAM-INF:BANDWIDTH=2\nb.m3u8\n", 2, PlaylistRules.StreamInfWithoutUri },
        { "master uri without stream-inf", M + "#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\nb.m3u8\n", 4, PlaylistRules.UriWithoutStreamInf },
        { "master without variants", M + "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"x\"\n", 0, PlaylistRules.NoVariants },
        { "media without type", M + "#EXT-X-MEDIA:GROUP-ID=\"a\",NAME=\"x\"\n", 2, PlaylistRules.MediaAttributes },
        { "media with bad type", M + "#EXT-X-MEDIA:TYPE=TEXT,GROUP-ID=\"a\",NAME=\"x\"\n", 2, PlaylistRules.MediaAttributes },
        { "media without group", M + "#EXT-X-MEDIA:TYPE=AUDIO,NAME=\"x\"\n", 2, PlaylistRules.MediaAttributes },
        { "i-frame stream without uri", M + "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1\n", 2, PlaylistRules.IFrameUri },
        { "define without value", H + "#EXT-X-DEFINE:NAME=\"a\"\n", 3, PlaylistRules.Define },
        { "define twice", H + "#EXT-X-DEFINE:NAME=\"a\",VALUE=\"1\"\n#EXT-X-DEFINE:NAME=\"a\",VALUE=\"2\"\n", 4, PlaylistRules.Define },
        { "define bad name", H + "#EXT-X-DEFINE:NAME=\"a b\",VALUE=\"1\"\n", 3, PlaylistRules.Define },
        { "define query param without uri", H + "#EXT-X-DEFINE:QUERYPARAM=\"token\"\n", 3, PlaylistRules.Define },
        { "undefined variable", H + "#EXT-X-DEFINE:NAME=\"a\",VALUE=\"1\"\n#EXTINF:2,\n{$b}.ts\n", 5, PlaylistRules.UndefinedVariable },
        { "imported variable not available", H + "#EXT-X-DEFINE:IMPORT=\"a\"\n#EXTINF:2,\n{$a}.ts\n", 5, PlaylistRules.UndefinedVariable },
    };

    [Theory, MemberData(nameof(Errors))]
    public void Error_names_line_and_rule(string name, string text, int line, string rule)
    {
        var error = Error(text);
        Assert.True(rule == error.Rule, $"{name}: expected rule \"{rule}\", got {error}");
        Assert.True(line == error.LineNumber, $"{name}: expected line {line}, got {error}");
        if (line > 0)
        {
            Assert.StartsWith($"line {line}: {rule} — ", error.ToString(), StringComparison.Ordinal);
            Assert.Equal(text.Split('\n')[line - 1].TrimEnd('\r'), error.Line);
        }
        else
        {
            Assert.StartsWith(rule, error.ToString(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain('\n', error.ToString());
    }

    [Fact]
    public void Media_reader_rejects_a_master_playlist_and_master_reader_a_media_playlist()
    {
        var master = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n";
        Assert.False(MediaPlaylistReader.TryRead(master, out var media, out var e1));
        Assert.Null(media);
        Assert.Equal((2, PlaylistRules.MixedTags), (e1.LineNumber, e1.Rule));
        Assert.Contains("master playlist tag", e1.Message, StringComparison.Ordinal);

        Assert.False(MasterPlaylistReader.TryRead(H + "#EXTINF:2,\na.ts\n", out var m, out var e2));
        Assert.Null(m);
        Assert.Equal((2, PlaylistRules.MixedTags), (e2.LineNumber, e2.Rule));

        Assert.False(MasterPlaylistReader.TryRead("#EXTM3U\n#EXT-X-VERSION:6\n", out _, out var e3));
        Assert.Equal((0, PlaylistRules.NoVariants), (e3.LineNumber, e3.Rule));
        Assert.False(MasterPlaylistReader.TryRead("#EXTM3U\na.m3u8\n", out _, out var e4));
        Assert.Equal((2, PlaylistRules.UriWithoutStreamInf), (e4.LineNumber, e4.Rule));
    }

    [Fact]
    public void Relative_playlist_uri_is_an_error_not_an_exception()
    {
        Assert.False(PlaylistParser.TryParse(H, new Uri("a/b.m3u8", UriKind.Relative), out _, out var error));
        Assert.Equal(PlaylistRules.BaseUri, error.Rule);
    }

    [Fact]
    public void Overlong_lines_are_quoted_truncated()
    {
        var text = "#EXTM3U\n#EXT-X-TARGETDURATION:" + new string('9', 5000) + "\n";
        var error = Error(text);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal(201, error.Line.Length); // 200 characters and an ellipsis
        Assert.EndsWith("…", error.Line, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, int, string> Warnings => new()
    {
        { "variant without bandwidth", M + "#EXT-X-STREAM-INF:RESOLUTION=1x1\na.m3u8\n", 2, PlaylistRules.Bandwidth },
        { "variant with bandwidth in kbps", M + "#EXT-X-STREAM-INF:BANDWIDTH=800000kbps\na.m3u8\n", 2, PlaylistRules.Bandwidth },
        { "rendition without name", M + "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",LANGUAGE=\"en\"\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n", 2, PlaylistRules.MediaName },
        { "bad program date time", H + "#EXT-X-PROGRAM-DATE-TIME:yesterday\n#EXTINF:2,\na.ts\n", 3, PlaylistRules.ProgramDateTime },
        { "bad bitrate", H + "#EXT-X-BITRATE:fast\n#EXTINF:2,\na.ts\n", 3, PlaylistRules.Bitrate },
        { "date range without start", H + "#EXT-X-DATERANGE:ID=\"x\"\n#EXTINF:2,\na.ts\n", 3, PlaylistRules.DateRangeAttributes },
        { "segment longer than target", H + "#EXTINF:10.6,\na.ts\n", 3, PlaylistRules.SegmentLongerThanTarget },
        { "decimal target duration", M + "#EXT-X-TARGETDURATION:6.0\n#EXTINF:6,\na.ts\n", 2, PlaylistRules.TargetDurationValue },
        { "start without offset", H + "#EXT-X-START:PRECISE=YES\n", 3, PlaylistRules.StartTimeOffset },
        { "session key without uri", M + "#EXT-X-SESSION-KEY:METHOD=AES-128\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n", 2, PlaylistRules.KeyUri },
        { "session key with method none", M + "#EXT-X-SESSION-KEY:METHOD=NONE\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n", 2, PlaylistRules.KeyMethod },
        { "session data without id", M + "#EXT-X-SESSION-DATA:VALUE=\"v\"\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n", 2, PlaylistRules.SessionDataId },
        { "preload hint without uri", H + "#EXT-X-PRELOAD-HINT:TYPE=PART\n", 3, PlaylistRules.PreloadHint },
        { "rendition report without uri", H + "#EXT-X-RENDITION-REPORT:LAST-MSN=1\n", 3, PlaylistRules.RenditionReport },
        { "content steering without server", M + "#EXT-X-CONTENT-STEERING:PATHWAY-ID=\"a\"\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n", 2, PlaylistRules.ContentSteering },
        { "parts without part-inf", H + "#EXT-X-PART:DURATION=1,URI=\"p.mp4\"\n", 0, PlaylistRules.PartInf },
        { "target duration twice", H + "#EXT-X-TARGETDURATION:4\n", 3, PlaylistRules.TargetDurationRepeated },
        { "media sequence twice", H + "#EXT-X-MEDIA-SEQUENCE:7\n#EXT-X-MEDIA-SEQUENCE:0\n", 4, PlaylistRules.MediaSequenceRepeated },
        { "discontinuity sequence twice", H + "#EXT-X-DISCONTINUITY-SEQUENCE:2\n#EXT-X-DISCONTINUITY-SEQUENCE:2\n", 4, PlaylistRules.DiscontinuitySequenceRepeated },
        { "version twice", "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-VERSION:4\n#EXT-X-TARGETDURATION:2\n", 3, PlaylistRules.VersionRepeated },
        { "playlist type twice", H + "#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-PLAYLIST-TYPE:VOD\n", 4, PlaylistRules.PlaylistTypeRepeated },
        { "endlist twice", H + "#EXT-X-ENDLIST\n#EXT-X-ENDLIST\n", 4, PlaylistRules.EndListRepeated },
        { "skip twice", H + "#EXT-X-SKIP:SKIPPED-SEGMENTS=2\n#EXT-X-SKIP:SKIPPED-SEGMENTS=2\n", 4, PlaylistRules.SkipRepeated },
        { "server control twice", H + "#EXT-X-SERVER-CONTROL:HOLD-BACK=3\n#EXT-X-SERVER-CONTROL:HOLD-BACK=3\n", 4, PlaylistRules.ServerControlRepeated },
        { "part-inf twice", H + "#EXT-X-PART-INF:PART-TARGET=1\n#EXT-X-PART-INF:PART-TARGET=1\n", 4, PlaylistRules.PartInfRepeated },
        { "first date after the last segment", H + "#EXTINF:2,\na.ts\n#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00Z\n", 0, PlaylistRules.HlsJsTrailingProgramDateTime },
    };

    [Theory, MemberData(nameof(Warnings))]
    public void Tolerated_violations_are_warnings_naming_line_and_rule(string name, string text, int line, string rule)
    {
        Assert.True(PlaylistParser.TryParse(text, null, out var playlist, out var error), $"{name}: {error}");
        var warning = Assert.Single(playlist.Warnings);
        Assert.True((line, rule) == (warning.LineNumber, warning.Rule), $"{name}: got {warning}");
    }

    [Fact]
    public void Every_rule_has_a_test_that_triggers_it()
    {
        var rules = typeof(PlaylistRules).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var covered = Errors.Select(row => (string)row[3]).Concat(Warnings.Select(row => (string)row[3])).ToHashSet();
        // Limits are covered by LimitTests, the relative base URI above.
        covered.UnionWith([PlaylistRules.LimitSize, PlaylistRules.LimitLine, PlaylistRules.LimitEntries, PlaylistRules.LimitAttributes, PlaylistRules.BaseUri]);
        Assert.Empty(rules.Except(covered));
        Assert.True(rules.Count >= 40);
    }

    [Fact]
    public void Warnings_are_capped()
    {
        var text = H + string.Concat(Enumerable.Repeat("#EXT-X-BITRATE:x\n", 500)) + "#EXTINF:2,\na.ts\n";
        Assert.Equal(PlaylistLimits.Default.MaxWarnings, Media(text).Warnings.Count);
    }
}
