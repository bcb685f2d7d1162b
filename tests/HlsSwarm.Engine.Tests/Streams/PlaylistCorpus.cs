using System.Globalization;
using System.Text;

using HlsSwarm.Testing;

namespace HlsSwarm.Engine.Tests.Streams;

/// <summary>One corpus entry: a manifest (master or media playlist) and the final URL it was fetched from.</summary>
public sealed record PlaylistCase(string Name, string ManifestUrl, string Text);

/// <summary>
/// Seeded playlists for the differential test against hls.js + p2p-media-loader-hlsjs. Masters use the attribute
/// value pools of tests/HlsSwarm.Protocol.Tests/Swarm/hlsjs-p2pml-stream-index.gen.mjs plus the structures that decide
/// which streams exist and in which order; media playlists cover live, VOD, EVENT, byte ranges, EXT-X-MAP,
/// discontinuities and LL-HLS parts. Not used: codecs hls.js does not list but Chromium plays (e.g. <c>mp3</c>),
/// variable substitution (<c>{$…}</c>) and <c>EXT-X-SKIP</c> delta updates (see the README of src/HlsSwarm.Engine).
/// </summary>
public static class PlaylistCorpus
{
    private static readonly string?[] Bandwidths = ["2000000", "0", "-0", "800000kbps", " 5", "abc", "9007199254740993", "1e6", "00042", "+7", "-12", "99999999999999999999999", null, "800000", "800000"];
    private static readonly string?[] Codecs = ["avc1.64001f,mp4a.40.2", "avc1.66.30,mp4a.40.2", "avc1.10.9", "hvc1.1.6.L93.B0 avc1.4d401f,ec-3", "AVC1.64001F", "avc1.4d401f/x,Opus,fLaC", "dvh1.05.06,ac-3", "avc1.66.x", "vp09.00.10.08,mp4a.40.5", "avc1.066.030", "mp4a.40.2", " avc1.64001f  mp4a.40.2 ", "avc1.300.300", "avc1.0x42.0x1E", "avc3.640028,hev1.1.6.L93.90", "av01.0.08M.08,Opus", "avc1.64001f,avc1.4d401f,avc1.42e01e", "mp4a.40.34", "ec-3,ac-3", "", null, "avc1.64001f,xyz1.2", "zzzz,mp4a.40.2", "avc1.64001f,mp4a.40.2,wvtt", "avc1.4d401f,mp4a.40.2"];
    private static readonly string?[] Resolutions = ["1280x720", "0640x0360", "0x0", "1280X720", "9999999999999999999999x1", null, "640x360"];
    private static readonly string?[] FrameRates = ["30.000", "29.970", "0", "3e1", "0x1e", "30fps", "1e21", "1e-7", "Infinity", ".5", "-25", "23.976023976", "0.0000001", "123456789012345678901", "1.", "0b11", "", " 25 ", "59.940", null];
    private static readonly string?[] VideoRanges = ["SDR", "pq", "hlg", " sdr ", "", "straße", null];
    private static readonly string?[] Languages = ["en", "ENG-us", "und", "UND", "fr-CA", "e", "", "İt", " en", null];
    private static readonly string?[] Names = ["English", " Main Mix ", "ΟΔΟΣ", "", "\u00a0Français\u3000", "Commentary (Director)", null];
    private static readonly string?[] Channels = ["2", "6/JOC", "16/IMM/x", "", "/x", null];
    private static readonly string[] Groups = ["a", "b", "c", ""];
    private static readonly string[] VariantUris = ["v{0}.m3u8", "video/{0}/index.m3u8", "../up/v{0}.m3u8", "./a/./b/../v{0}.m3u8", "/abs/v{0}.m3u8", "//other.example/v{0}.m3u8", "https://CDN.Example.com:443/x/../v{0}.m3u8?x=1#f", "v{0}.m3u8?q=1", "v0.m3u8", " v{0}.m3u8 ", "a0.m3u8"];
    private static readonly string[] ManifestUrls = ["https://e.com/master.m3u8", "https://cdn.example.com/live/channel1/master.m3u8?token=abc", "http://127.0.0.1:8080/demo/vod/master.m3u8", "https://e.com/a/b/c/master.m3u8?x=1&y=%20#frag", "https://e.com/ü/master.m3u8"];

    /// <summary>Every case: hand-written fixtures, <paramref name="masters"/> seeded masters and <paramref name="medias"/> seeded media playlists.</summary>
    public static IReadOnlyList<PlaylistCase> All(int masters = 400, int medias = 300, int hostile = 300, int seed = 20261125)
    {
        var cases = new List<PlaylistCase>(Fixtures());
        var random = new Random(seed);
        for (int i = 0; i < masters; i++)
        {
            cases.Add(new PlaylistCase($"master #{i} (seed {seed})", Pick(random, ManifestUrls), Master(random)));
        }

        for (int i = 0; i < medias; i++)
        {
            cases.Add(new PlaylistCase($"media #{i} (seed {seed})", Pick(random, ManifestUrls).Replace("master", "index", StringComparison.Ordinal), Media(random)));
        }

        for (int i = 0; i < hostile; i++)
        {
            bool master = random.Next(2) == 0;
            cases.Add(new PlaylistCase($"hostile {(master ? "master" : "media")} #{i} (seed {seed})", Pick(random, ManifestUrls), master ? HostileMaster(random) : HostileMedia(random)));
        }

        return cases;
    }

    private static readonly string[] HostileMediaLines =
    [
        "#EXTINF:2,", "#EXTINF:2.5", "#EXTINF:abc,", "#EXTINF: 4,title with, comma", "#EXTINF:0,", "#EXTINF:.5,", "#EXTINF:3,t",
        "seg.ts", "  spaced.ts", "\ttabbed.ts", "trailing.ts  ", "../up.ts", "/abs.ts", "//host.example/x.ts", "http://A.example:80/./b/../c.ts?q#f",
        " #not-a-tag.ts", "", "", "# comment", "#EXT-X-UNKNOWN:1",
        "#EXT-X-BYTERANGE:100", "#EXT-X-BYTERANGE:100@0", "#EXT-X-BYTERANGE:0x10@5", "#EXT-X-BYTERANGE:abc", "#EXT-X-BYTERANGE:50@1@2",
        "#EXT-X-MAP:URI=\"init.mp4\"", "#EXT-X-MAP:URI=\"init.mp4\",BYTERANGE=\"10@0\"",
        "#EXT-X-DISCONTINUITY", "#EXT-X-GAP", "#EXT-X-KEY:METHOD=NONE", "#EXT-X-PART:DURATION=0.5,URI=\"p.mp4\"",
        "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"h.mp4\"", "#EXT-X-MEDIA-SEQUENCE:7", "#EXT-X-MEDIA-SEQUENCE:0", "#EXT-X-MEDIA-SEQUENCE:x",
        "#EXT-X-DISCONTINUITY-SEQUENCE:3", "#EXT-X-TARGETDURATION:4", "#EXT-X-ENDLIST", "#EXT-X-PLAYLIST-TYPE:EVENT", "#EXT-X-VERSION:7",
        "#EXT-X-PROGRAM-DATE-TIME:2026-11-25T12:00:00Z", "#EXT-X-BITRATE:800",
    ];

    private static string HostileMedia(Random random)
    {
        var m = new StringBuilder(random.Next(20) == 0 ? "\n#EXTM3U" : "#EXTM3U");
        var newline = random.Next(5) switch { 0 => "\r\n", 1 => "\r", _ => "\n" };
        if (random.Next(4) != 0)
        {
            m.Append(newline).Append("#EXT-X-TARGETDURATION:").Append(random.Next(1, 7));
        }

        int lines = 2 + random.Next(25);
        for (int i = 0; i < lines; i++)
        {
            m.Append(newline).Append(Pick(random, HostileMediaLines));
        }

        return random.Next(4) == 0 ? m.ToString() : m.Append(newline).ToString();
    }

    private static readonly string[] HostileMasterLines =
    [
        "#EXT-X-STREAM-INF:BANDWIDTH=1000,CODECS=\"avc1.64001f,mp4a.40.2\"", "#EXT-X-STREAM-INF:BANDWIDTH=1000 , CODECS = \"avc1.64001f\" ,AUDIO=\"a\"",
        "#EXT-X-STREAM-INF:BANDWIDTH=7,BANDWIDTH=9,AUDIO=a", "#EXT-X-STREAM-INF:CODECS=\"mp4a.40.2\",BANDWIDTH=64000", "#EXT-X-STREAM-INF:",
        "#EXT-X-STREAM-INF:BANDWIDTH=5,CODECS=\"foo1.2\"", "#EXT-X-STREAM-INF:BANDWIDTH=5,NAME=\"a,b\",RESOLUTION=640x360",
        "v.m3u8", "w.m3u8?x=1", "  spaced.m3u8", "../v.m3u8", "", "# comment", "#EXT-X-INDEPENDENT-SEGMENTS",
        "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"A\",URI=\"a.m3u8\"", "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=a,NAME=B", "#EXT-X-MEDIA:TYPE=AUDIO,URI=\"v.m3u8\"",
        "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"\",LANGUAGE=\"de\",URI=\"\"", "#EXT-X-MEDIA:GROUP-ID=\"a\",URI=\"n.m3u8\"", "#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"v\",URI=\"vid.m3u8\"",
        "#EXT-X-SESSION-DATA:DATA-ID=\"x\",VALUE=\"y\"", "#EXT-X-START:TIME-OFFSET=5", "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1,URI=\"i.m3u8\"",
        // JS line terminators and white space that .NET and JS trim differently.
        "#EXT-X-STREAM-INF:BANDWIDTH=2\u2028,CODECS=\"mp4a.40.2\",\uFEFFAUDIO=\"a\"", "#EXT-X-STREAM-INF:\u0085BANDWIDTH=4,CODECS=\"avc1.64001f\"\u2029,BANDWIDTH=8",
        "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"x\u2028y\",URI=\"x.m3u8\"", "#EXT-X-MEDIA:TYPE=AUDIO,\uFEFFGROUP-ID=\"a\",\u0085NAME=\"N\",URI=\"y.m3u8\"",
    ];

    private static string HostileMaster(Random random)
    {
        var m = new StringBuilder("#EXTM3U");
        var newline = random.Next(4) == 0 ? "\r\n" : "\n";
        int lines = 2 + random.Next(14);
        for (int i = 0; i < lines; i++)
        {
            m.Append(newline).Append(Pick(random, HostileMasterLines));
        }

        return m.Append(newline).ToString();
    }

    /// <summary>Name of the fixture with an <c>EXT-X-PART</c> between an <c>#EXTINF</c> and its URI.</summary>
    public const string PartAfterExtInf = "EXT-X-PART between #EXTINF and its URI";

    /// <summary>Name of the fixture with an <c>#EXT-X-STREAM-INF:</c> followed by white space only.</summary>
    public const string StreamInfWhiteSpaceOnly = "#EXT-X-STREAM-INF: with white space only";

    /// <summary>Hand-written fixtures: spec §9.7, the demo's own playlists, structural edge cases.</summary>
    public static IEnumerable<PlaylistCase> Fixtures()
    {
        yield return new("spec §9.7 master", "https://cdn.example.com/live/channel1/master.m3u8?token=abc", SpecMaster);
        yield return new("spec §9.7 edge cases", "https://e.com/master.m3u8",
            "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",LANGUAGE=\"und\",CHANNELS=\"6/JOC\",URI=\"a0.m3u8\"\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",LANGUAGE=\"ENG-us\",NAME=\" Main Mix \",URI=\"a1.m3u8\"\n#EXT-X-STREAM-INF:RESOLUTION=640x360,CODECS=\"hvc1.1.6.L93.B0,avc1.4d401f,ec-3\",AUDIO=\"a\",FRAME-RATE=0\nv0.m3u8\n");
        var demo = Path.Combine(HlsSwarmBuild.RepositoryRoot(), "src", "HlsSwarm.Server", "DemoMedia");
        yield return new("demo master", "http://127.0.0.1:8080/demo/vod/master.m3u8", File.ReadAllText(Path.Combine(demo, "master.m3u8")));
        foreach (var rendition in new[] { "240p", "360p" })
        {
            yield return new($"demo {rendition}", $"http://127.0.0.1:8080/demo/vod/{rendition}/index.m3u8", File.ReadAllText(Path.Combine(demo, rendition, "index.m3u8")));
        }

        yield return new("audio in variants, no rendition without URI: implicit main track", "https://e.com/m.m3u8",
            "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"x\",NAME=\"Alt\",URI=\"alt.m3u8\"\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS=\"avc1.64001f,mp4a.40.2\"\nv.m3u8\n");
        yield return new("renditions without URI collapse into one", "https://e.com/m.m3u8",
            "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"x\",NAME=\"One\"\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"x\",NAME=\"Two\"\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"x\",NAME=\"Three\",URI=\"3.m3u8\"\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS=\"avc1.64001f,mp4a.40.2\",AUDIO=\"x\"\nv.m3u8\n");
        yield return new("I-frame, subtitles, captions, session data", "https://e.com/m.m3u8",
            "#EXTM3U\n#EXT-X-SESSION-DATA:DATA-ID=\"com.x\",VALUE=\"y\"\n#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"s\",NAME=\"en\",URI=\"sub.m3u8\"\n#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID=\"cc\",NAME=\"cc1\",INSTREAM-ID=\"CC1\"\n#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=100,URI=\"iframe.m3u8\"\n#EXT-X-STREAM-INF:BANDWIDTH=1000,CODECS=\"avc1.64001f,mp4a.40.2\",SUBTITLES=\"s\",CLOSED-CAPTIONS=\"cc\"\n\n# a comment\n#EXT-X-FOO:1\nv.m3u8\n#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=200,URI=\"iframe2.m3u8\"\n");
        yield return new("audio-only variant next to video", "https://e.com/m.m3u8",
            "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS=\"mp4a.40.2\"\naudio.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=1000000,CODECS=\"avc1.64001f,mp4a.40.2\",RESOLUTION=640x360\nv.m3u8\n");
        yield return new("media playlist URL as manifest, byte ranges", "https://e.com/vod/index.m3u8?sig=1",
            "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-MAP:URI=\"init.mp4\",BYTERANGE=\"700@0\"\n#EXTINF:4.000,\n#EXT-X-BYTERANGE:1000@700\nall.mp4\n#EXTINF:4.000,\n#EXT-X-BYTERANGE:1000\nall.mp4\n#EXTINF:2.5,\n#EXT-X-BYTERANGE:0@5\nall.mp4\n#EXT-X-ENDLIST\n");
        yield return new("no #EXTM3U", "https://e.com/index.m3u8", "#EXT-X-TARGETDURATION:2\n#EXTINF:2,\na.ts\n");
        yield return new("no target duration", "https://e.com/index.m3u8", "#EXTM3U\n#EXTINF:2,\na.ts\n");
        yield return new("master without levels", "https://e.com/m.m3u8", "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"x\",URI=\"a.m3u8\"\n#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1,URI=\"i.m3u8\"\n");
        yield return new("master without #EXTM3U", "https://e.com/m.m3u8", "#EXT-X-STREAM-INF:BANDWIDTH=5\nv.m3u8\n");
        yield return new("JS line terminators and JS white space inside attribute lists", "https://e.com/m.m3u8",
            "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"x\u2028y\",URI=\"a.m3u8\"\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",\uFEFFNAME=\"n\",\u0085LANGUAGE=\"de\",URI=\"b.m3u8\"\n" +
            "#EXT-X-STREAM-INF:BANDWIDTH=1\u2028,CODECS=\"avc1.64001f,mp4a.40.2\",BANDWIDTH=9,AUDIO=\"a\"\nv.m3u8\n" +
            "#EXT-X-STREAM-INF:\uFEFFBANDWIDTH=3,\u0085RESOLUTION=640x360,CODECS=\"avc1.64001f,mp4a.40.2\"\u2029,AUDIO=\"a\"\nw.m3u8\n");
        yield return new(PartAfterExtInf, "https://e.com/vod/index.m3u8",
            "#EXTM3U\n#EXT-X-TARGETDURATION:3\n#EXTINF:2,\n#EXT-X-PART:DURATION=0.5,URI=\"p.mp4\"\nseg.ts\n#EXT-X-PART:DURATION=0.5,URI=\"q.mp4\"\n#EXTINF:2,\nnext.ts\n#EXT-X-ENDLIST\n");
        yield return new(StreamInfWhiteSpaceOnly, "https://e.com/m.m3u8",
            "#EXTM3U\n#EXT-X-STREAM-INF: \nv.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=5,CODECS=\"avc1.64001f\"\nw.m3u8\n");
        yield return new("CRLF master", "https://e.com/m.m3u8", "#EXTM3U\r\n#EXT-X-STREAM-INF:BANDWIDTH=5,CODECS=\"avc1.64001f\"\r\n\r\nv.m3u8\r\n");
    }

    private const string SpecMaster = "#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",LANGUAGE=\"en\",NAME=\"English\",CHANNELS=\"2\",DEFAULT=YES,AUTOSELECT=YES,URI=\"audio/en/index.m3u8\"\n#EXT-X-STREAM-INF:BANDWIDTH=2000000,AVERAGE-BANDWIDTH=1800000,RESOLUTION=1280x720,FRAME-RATE=30.000,CODECS=\"avc1.64001f,mp4a.40.2\",AUDIO=\"aud\"\nvideo/720p/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,FRAME-RATE=29.970,CODECS=\"avc1.66.30,mp4a.40.2\",VIDEO-RANGE=SDR,AUDIO=\"aud\"\nvideo/360p/index.m3u8\n";

    private static T Pick<T>(Random random, T[] pool) => pool[random.Next(pool.Length)];

    private static string Attr(string name, string? value, bool quoted) =>
        value is null ? string.Empty : quoted ? $",{name}=\"{value}\"" : $",{name}={value}";

    private static string Master(Random random)
    {
        var m = new StringBuilder("#EXTM3U\n");
        if (random.Next(3) == 0)
        {
            m.Append("#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        }

        int renditions = random.Next(4);
        for (int j = 0; j < renditions; j++)
        {
            var uri = random.Next(4) switch { 0 => null, 1 => $"audio/a{j}.m3u8", 2 => "a0.m3u8", _ => $"a{j}.m3u8" };
            var type = random.Next(8) switch { 0 => "SUBTITLES", 1 => "CLOSED-CAPTIONS", 2 => "audio", _ => "AUDIO" };
            m.Append($"#EXT-X-MEDIA:TYPE={type},GROUP-ID=\"{Pick(random, Groups)}\"")
                .Append(Attr("LANGUAGE", Pick(random, Languages), true))
                .Append(Attr("NAME", Pick(random, Names), true))
                .Append(Attr("CHANNELS", Pick(random, Channels), true))
                .Append(random.Next(2) == 0 ? ",DEFAULT=YES,AUTOSELECT=YES" : string.Empty)
                .Append(uri is null ? string.Empty : $",URI=\"{uri}\"")
                .Append('\n');
        }

        int variants = 1 + random.Next(4);
        for (int j = 0; j < variants; j++)
        {
            if (random.Next(6) == 0)
            {
                m.Append($"#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,CODECS=\"avc1.64001f\",URI=\"iframe{j}.m3u8\"\n");
            }

            var audio = random.Next(5) == 0 ? null : Pick(random, Groups);
            m.Append("#EXT-X-STREAM-INF:")
                .Append(random.Next(2) == 0 ? "PROGRAM-ID=1" : "CLOSED-CAPTIONS=NONE")
                .Append(Attr("BANDWIDTH", Pick(random, Bandwidths), false))
                .Append(Attr("AVERAGE-BANDWIDTH", Pick(random, Bandwidths), false))
                .Append(Attr("CODECS", Pick(random, Codecs), true))
                .Append(Attr("RESOLUTION", Pick(random, Resolutions), false))
                .Append(Attr("FRAME-RATE", Pick(random, FrameRates), false))
                .Append(Attr("VIDEO-RANGE", Pick(random, VideoRanges), false))
                .Append(Attr("AUDIO", audio, true))
                .Append('\n')
                .Append(random.Next(8) == 0 ? "# comment between tag and URI\n\n" : string.Empty)
                .Append(string.Format(CultureInfo.InvariantCulture, Pick(random, VariantUris), j))
                .Append('\n');
        }

        return m.ToString();
    }

    private static readonly string[] Durations = ["2", "2.000", "4.5", "9.97667", "6.006", "10", "0.5", "3.003"];

    private static string Media(Random random)
    {
        var kind = random.Next(3); // 0 live, 1 VOD, 2 EVENT
        var m = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:").Append(random.Next(3, 10)).Append('\n');
        m.Append("#EXT-X-TARGETDURATION:").Append(random.Next(1, 11)).Append('\n');
        long sequence = random.Next(4) switch { 0 => 0, 1 => 5, 2 => 1700000000, _ => random.Next(100000) };
        if (random.Next(5) != 0)
        {
            m.Append("#EXT-X-MEDIA-SEQUENCE:").Append(sequence).Append('\n');
        }

        if (random.Next(3) == 0)
        {
            m.Append("#EXT-X-DISCONTINUITY-SEQUENCE:").Append(random.Next(1, 9)).Append('\n');
        }

        if (kind == 1 && random.Next(2) == 0)
        {
            m.Append("#EXT-X-PLAYLIST-TYPE:VOD\n");
        }
        else if (kind == 2)
        {
            m.Append("#EXT-X-PLAYLIST-TYPE:EVENT\n");
        }

        bool lowLatency = kind == 0 && random.Next(3) == 0;
        if (lowLatency)
        {
            m.Append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.0\n#EXT-X-PART-INF:PART-TARGET=0.333\n");
        }

        bool byteRanges = random.Next(3) == 0;
        if (random.Next(3) == 0)
        {
            m.Append("#EXT-X-MAP:URI=\"init.mp4\"").Append(random.Next(2) == 0 ? ",BYTERANGE=\"600@0\"" : string.Empty).Append('\n');
        }

        long offset = 600;
        int segments = 1 + random.Next(12);
        for (int s = 0; s < segments; s++)
        {
            if (random.Next(8) == 0)
            {
                m.Append("#EXT-X-DISCONTINUITY\n");
            }

            if (random.Next(10) == 0)
            {
                m.Append("#EXT-X-MAP:URI=\"init").Append(s).Append(".mp4\"\n");
            }

            if (random.Next(10) == 0)
            {
                m.Append("#EXT-X-KEY:METHOD=AES-128,URI=\"key").Append(s).Append(".bin\"\n");
            }

            if (random.Next(10) == 0)
            {
                m.Append("#EXT-X-PROGRAM-DATE-TIME:2026-11-25T12:00:0").Append(s % 10).Append(".000Z\n");
            }

            if (lowLatency && s >= segments - 2)
            {
                m.Append("#EXT-X-PART:DURATION=0.333,URI=\"part").Append(s).Append(".0.mp4\",INDEPENDENT=YES\n");
            }

            m.Append("#EXTINF:").Append(Pick(random, Durations)).Append(random.Next(3) == 0 ? ",title " + s : ",").Append('\n');
            if (random.Next(12) == 0)
            {
                m.Append("#EXT-X-GAP\n");
            }

            string uri = random.Next(6) switch { 0 => "../seg" + s + ".ts", 1 => "https://cdn.example.com/x/seg" + s + ".ts?a=1", 2 => "dup.ts", _ => "seg" + s + ".ts" };
            if (byteRanges)
            {
                uri = random.Next(4) == 0 ? "other.mp4" : "media.mp4";
                long length = random.Next(0, 8) == 0 ? 0 : 1000 + random.Next(5000);
                m.Append("#EXT-X-BYTERANGE:").Append(length);
                if (random.Next(2) == 0)
                {
                    m.Append('@').Append(offset);
                }

                m.Append('\n');
                offset += length;
            }

            m.Append(uri).Append('\n');
        }

        if (lowLatency)
        {
            m.Append("#EXT-X-PART:DURATION=0.333,URI=\"next.0.mp4\"\n#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"next.1.mp4\"\n#EXT-X-RENDITION-REPORT:URI=\"../alt/index.m3u8\",LAST-MSN=5\n");
        }

        if (kind == 1 || (kind == 2 && random.Next(2) == 0))
        {
            m.Append("#EXT-X-ENDLIST\n");
        }

        return m.ToString();
    }
}
