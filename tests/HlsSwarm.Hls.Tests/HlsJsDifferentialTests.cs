using System.Text.Json;
using System.Text.Json.Nodes;
using HlsSwarm.Hls;
using HlsSwarm.Testing;
using Xunit;
using static HlsSwarm.Hls.Tests.TestPlaylists;

namespace HlsSwarm.Hls.Tests;

/// <summary>
/// Our parser against the real hls.js 1.6 parser (web/node_modules, run in Node by hlsjs-parse.mjs): raw attribute
/// values, variant URLs, segment sequence numbers, URLs, durations, discontinuity counters and byte ranges must agree.
/// </summary>
public class HlsJsDifferentialTests
{
    private const string Url = "https://cdn.example.com/live/ch1/master.m3u8?token=abc";

    private static async Task<JsonArray> HlsJs(IEnumerable<(string Kind, string Text)> inputs)
    {
        var request = new JsonArray([.. inputs.Select(i => (JsonNode)new JsonObject { ["kind"] = i.Kind, ["text"] = i.Text, ["url"] = Url })]);
        var script = Path.Combine(AppContext.BaseDirectory, "hlsjs-parse.mjs");
        var output = await NodeScript.RunAsync(script, request.ToJsonString(), TimeSpan.FromSeconds(60));
        return JsonNode.Parse(output)!.AsArray();
    }

    private static void AssertSameAttributes(JsonNode? js, AttributeList ours, string context)
    {
        var expected = js!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var names = ours.Select(a => a.Name).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.True(expected.Keys.Order(StringComparer.Ordinal).SequenceEqual(names),
            $"{context}: names differ: hls.js [{string.Join("|", expected.Keys)}], ours [{string.Join("|", names)}]");
        foreach (var (name, value) in expected)
            Assert.True(value == ours[name], $"{context}: {name}: hls.js \"{value}\", ours \"{ours[name]}\"");
    }

    [Fact]
    public async Task Random_attribute_lists_parse_to_the_same_raw_values()
    {
        const int Seed = 20261125;
        var random = new Random(Seed);
        const string Alphabet = "AB-=,\" x0e1";
        var texts = new List<string>
        {
            "BANDWIDTH=800000kbps,FRAME-RATE=0x1e,RESOLUTION=0640x0360,CODECS=\"avc1.4d001e,mp4a.40.2\"",
            "A=1, B = 2 ,C=\"x\"y,D=\"q\"", "=a=1", "A=\",B=1", "A=\"x,y\"z\",B=2", "A==1", "NOEQUALS", "A=1,,B=2", ",A=1", "A=1,", "A=\"\"",
            // JS line terminators end no value but split pairs; JS trim differs from char.IsWhiteSpace on U+FEFF and U+0085.
            "A=1\u2028B=2", "A=1,C=3\u2028B=2", "A=\"x\u2028y\",B=2", "A=\"x\"\u2029,B=2", "A=1,\u2028B=2", "\u0085NAME=1,B=2", "\uFEFFNAME=1,B=2",
        };
        for (var i = 0; i < 400; i++)
            texts.Add(new string([.. Enumerable.Range(0, random.Next(0, 24)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]));
        const string JsSeparators = "A=,\" x\u2028\u2029\u0085\uFEFF";
        for (var i = 0; i < 200; i++)
            texts.Add(new string([.. Enumerable.Range(0, random.Next(0, 16)).Select(_ => JsSeparators[random.Next(JsSeparators.Length)])]));
        var js = await HlsJs(texts.Select(t => ("attrs", t)));
        for (var i = 0; i < texts.Count; i++)
            AssertSameAttributes(js[i], AttributeList.Parse(texts[i]), $"seed {Seed}, input «{texts[i]}»");
    }

    public static readonly string[] MasterCorpus =
    [
        Text("rfc8216-8.4-master.m3u8"),
        Text("rfc8216-8.5-iframes.m3u8"),
        // protocol spec §9.7, including the variant without BANDWIDTH and the renditions without NAME
        "#EXTM3U\n#EXT-X-VERSION:6\n" +
        "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",LANGUAGE=\"en\",NAME=\"English\",CHANNELS=\"2\",DEFAULT=YES,AUTOSELECT=YES,URI=\"audio/en/index.m3u8\"\n" +
        "#EXT-X-STREAM-INF:BANDWIDTH=2000000,AVERAGE-BANDWIDTH=1800000,RESOLUTION=1280x720,FRAME-RATE=30.000,CODECS=\"avc1.64001f,mp4a.40.2\",AUDIO=\"aud\"\nvideo/720p/index.m3u8\n" +
        "#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,FRAME-RATE=29.970,CODECS=\"avc1.66.30,mp4a.40.2\",VIDEO-RANGE=SDR,AUDIO=\"aud\"\nvideo/360p/index.m3u8\n",
        "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",LANGUAGE=\"und\",CHANNELS=\"6/JOC\"\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",LANGUAGE=\"ENG-us\",NAME=\" Main Mix \"\n" +
        "#EXT-X-STREAM-INF:RESOLUTION=640x360,CODECS=\"hvc1.1.6.L93.B0,avc1.4d401f,ec-3\",AUDIO=\"a\",FRAME-RATE=0\nv.m3u8\n",
        "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000kbps,FRAME-RATE=0x1e,RESOLUTION=0640x0360, CODECS=\"avc1.4d001e\",X-CUSTOM=\"a,b\"\r\n../up/one.m3u8?x=1\r\n" +
        "#EXT-X-STREAM-INF:BANDWIDTH=1,BANDWIDTH=2,SCORE=1.5,STABLE-VARIANT-ID=\"v2\"\n/abs/two.m3u8\n" +
        "#EXT-X-STREAM-INF:BANDWIDTH=3\n# comment\n\n  spaced/three.m3u8  \n",
        // JS line terminators: EXT-X-MEDIA's text ends at them (/#EXT-X-MEDIA:(.*)/), STREAM-INF's does not.
        "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"x\u2028y\",URI=\"a.m3u8\"\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",\uFEFFNAME=\"n\",\u0085LANGUAGE=\"de\",URI=\"b.m3u8\"\n" +
        "#EXT-X-STREAM-INF:BANDWIDTH=1\u2028,CODECS=\"avc1.64001f,mp4a.40.2\",BANDWIDTH=9,AUDIO=\"a\"\nv.m3u8\n",
    ];

    [Fact]
    public async Task Master_playlists_give_the_same_variant_attributes_and_urls()
    {
        var js = await HlsJs(MasterCorpus.Select(t => ("master", t)));
        for (var i = 0; i < MasterCorpus.Length; i++)
        {
            var ours = Master(MasterCorpus[i], new Uri(Url));
            var levels = js[i]!["levels"]!.AsArray();
            Assert.Equal(levels.Count, ours.Variants.Count);
            for (var v = 0; v < levels.Count; v++)
            {
                AssertSameAttributes(levels[v]!["attrs"], ours.Variants[v].Attributes, $"master {i} variant {v}");
                Assert.Equal(levels[v]!["url"]!.GetValue<string>(), ours.Variants[v].ResolvedUri!.AbsoluteUri);
            }
            var audio = js[i]!["audio"]!.AsArray();
            var ourAudio = ours.Renditions.Where(r => r.Type == "AUDIO").ToArray();
            Assert.Equal(audio.Count, ourAudio.Length);
            for (var a = 0; a < audio.Count; a++)
                AssertSameAttributes(audio[a]!["attrs"], ourAudio[a].Attributes, $"master {i} audio {a}");
        }
    }

    /// <summary>Once-only tags repeated, and look-alikes hls.js accepts (streams' request 2).</summary>
    public static readonly string[] RepeatedTagCorpus =
    [
        MediaText("#EXT-X-MEDIA-SEQUENCE:7", "#EXT-X-MEDIA-SEQUENCE:0", "#EXTINF:2,", "a.ts"),
        MediaText("#EXT-X-MEDIA-SEQUENCE:0", "#EXT-X-MEDIA-SEQUENCE:7", "#EXTINF:2,", "a.ts"),
        MediaText("#EXT-X-DISCONTINUITY-SEQUENCE:3", "#EXT-X-DISCONTINUITY-SEQUENCE:3", "#EXTINF:2,", "a.ts"),
        MediaText("#EXT-X-DISCONTINUITY-SEQUENCE:0", "#EXT-X-DISCONTINUITY-SEQUENCE:3", "#EXTINF:2,", "a.ts"),
        MediaText("#EXT-X-TARGETDURATION:10", "#EXTINF:2,", "a.ts"),
        "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-VERSION:3\n#EXTINF:2,\na.ts\n",
        MediaText("#EXT-X-PLAYLIST-TYPE:EVENT", "#EXT-X-PLAYLIST-TYPE:EVENT", "#EXTINF:2,", "a.ts"),
        MediaText("#EXTINF:2,", "a.ts", "#EXT-X-ENDLIST", "#EXT-X-ENDLIST"),
        MediaText("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES", "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES", "#EXTINF:2,", "a.ts"),
        MediaText("#EXT-X-PART-INF:PART-TARGET=0.5", "#EXT-X-PART-INF:PART-TARGET=0.5", "#EXTINF:2,", "a.ts"),
        MediaText("#EXT-X-SKIP:SKIPPED-SEGMENTS=2", "#EXT-X-SKIP:SKIPPED-SEGMENTS=1", "#EXTINF:2,", "a.ts"),
        MediaText("#EXT-X-SKIP:SKIPPED-SEGMENTS=0", "#EXT-X-SKIP:SKIPPED-SEGMENTS=1", "#EXTINF:2,", "a.ts"),
        MediaText("#EXTINF:2,", "a.ts", "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00Z"),
        MediaText("#EXTINF:0,", "a.ts", "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00Z"),
        MediaText("#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00Z", "#EXTINF:2,", "a.ts", "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:02Z"),
        MediaText("#EXTINF:2,", "a.ts", "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:02Z", "#EXTINF:2,", "b.ts"),
    ];

    [Fact]
    public async Task Warnings_rejected_by_hlsjs_are_exactly_the_playlists_hlsjs_rejects()
    {
        var js = await HlsJs(RepeatedTagCorpus.Select(t => ("media", t)));
        for (var i = 0; i < RepeatedTagCorpus.Length; i++)
        {
            var ours = Media(RepeatedTagCorpus[i]);
            var weReject = ours.Warnings.Any(w => PlaylistRules.RejectedByHlsJs.Contains(w.Rule));
            var hlsJsRejects = js[i]!["error"] is not null;
            Assert.True(weReject == hlsJsRejects,
                $"playlist {i}: hls.js error {js[i]!["error"]}, our warnings [{string.Join("; ", ours.Warnings)}]");
        }
    }

    public static IEnumerable<string> MediaCorpus()
    {
        yield return Text("rfc8216-8.1-simple.m3u8");
        yield return Text("rfc8216-8.2-live.m3u8");
        yield return Text("rfc8216-8.3-encrypted.m3u8");
        yield return Text("rfc8216bis-ll-hls.m3u8");
        yield return Text("rfc8216bis-ll-hls-delta.m3u8");
        yield return MediaText("#EXT-X-MEDIA-SEQUENCE:1700000000", "#EXT-X-DISCONTINUITY-SEQUENCE:3",
            "#EXT-X-BYTERANGE:1000@0", "#EXTINF:4.004,", "../media/all.ts", "#EXT-X-BYTERANGE:500", "#EXTINF:3.5,", "../media/all.ts",
            "#EXT-X-DISCONTINUITY", "#EXTINF:2,", "?q=1", "#EXT-X-DISCONTINUITY", "#EXT-X-GAP", "#EXTINF:0.5,", "//other.example/x.ts");
        // streams' request: a line starting with spaces then '#' is a URI line; URIs keep trailing spaces.
        yield return MediaText("#EXTINF:2,", " #comment-here", "first.ts", "#EXTINF:2,", "   spaced.ts", "#EXTINF:2,", "trailing.ts  ", "#EXT-X-ENDLIST");
        yield return MediaText("#EXTINF:2", " #not-a-tag.ts", "#EXTINF:2,x", "  #EXT-X-DISCONTINUITY", "  spaced.ts", "#EXTINF:3", "   #EXT-X-GAP", "#EXT-X-ENDLIST");
        var random = new Random(7);
        for (var n = 0; n < 20; n++)
        {
            var lines = new List<string> { $"#EXT-X-MEDIA-SEQUENCE:{random.Next(0, 100000)}" };
            if (random.Next(2) == 0)
                lines.Add($"#EXT-X-DISCONTINUITY-SEQUENCE:{random.Next(0, 50)}");
            long offset = 0;
            for (var s = 0; s < random.Next(1, 30); s++)
            {
                if (random.Next(5) == 0)
                    lines.Add("#EXT-X-DISCONTINUITY");
                var length = random.Next(1, 5000);
                lines.Add(s == 0 || random.Next(3) == 0 ? $"#EXT-X-BYTERANGE:{length}@{offset}" : $"#EXT-X-BYTERANGE:{length}");
                offset += length;
                lines.Add($"#EXTINF:{random.Next(1, 10)}.{random.Next(0, 999):000},");
                lines.Add("seg.ts");
            }
            if (random.Next(2) == 0)
                lines.Add("#EXT-X-ENDLIST");
            yield return MediaText([.. lines]);
        }
    }

    [Fact]
    public async Task Media_playlists_give_the_same_segments()
    {
        var corpus = MediaCorpus().ToArray();
        var js = await HlsJs(corpus.Select(t => ("media", t)));
        for (var i = 0; i < corpus.Length; i++)
        {
            var ours = Media(corpus[i], new Uri(Url));
            var j = js[i]!;
            Assert.Null(j["error"]);
            Assert.Equal(j["live"]!.GetValue<bool>(), !ours.EndList);
            Assert.Equal(j["startSN"]!.GetValue<long>(), ours.MediaSequence);
            Assert.Equal(j["targetduration"]!.GetValue<int>(), ours.TargetDuration);
            var fragments = j["fragments"]!.AsArray();
            Assert.Equal(fragments.Count, ours.Segments.Count);
            for (var s = 0; s < fragments.Count; s++)
            {
                var f = fragments[s]!;
                var seg = ours.Segments[s];
                var context = $"playlist {i} segment {s}";
                Assert.True(f["sn"]!.GetValue<long>() == seg.SequenceNumber, context);
                Assert.Equal(f["relurl"]!.GetValue<string>(), seg.Uri);
                Assert.Equal(f["url"]!.GetValue<string>(), seg.ResolvedUri!.AbsoluteUri);
                Assert.Equal(f["duration"]!.GetValue<double>(), (double)seg.Duration);
                Assert.True(f["cc"]!.GetValue<long>() == seg.DiscontinuitySequenceNumber, context);
                Assert.Equal(f["start"]?.GetValue<long>(), seg.ByteRange?.Offset);
                Assert.Equal(f["end"]?.GetValue<long>(), seg.ByteRange?.End);
            }
        }
    }
}
