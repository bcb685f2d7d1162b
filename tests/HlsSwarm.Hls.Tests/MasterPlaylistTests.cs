using HlsSwarm.Hls;
using Xunit;
using static HlsSwarm.Hls.Tests.TestPlaylists;

namespace HlsSwarm.Hls.Tests;

/// <summary>Master playlist details: raw attributes for swarm identities (protocol spec §1.2), typed views, all tags.</summary>
public class MasterPlaylistTests
{
    [Fact]
    public void Raw_attribute_values_survive_exactly_as_written()
    {
        var p = Master("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000kbps,FRAME-RATE=0x1e,RESOLUTION=0640x0360,CODECS=\"avc1.66.30, mp4a.40.2\",VIDEO-RANGE=sdr ,X-Y=\"\"\nv.m3u8\n");
        var v = Assert.Single(p.Variants);
        Assert.Equal("800000kbps", v.Attributes["BANDWIDTH"]);
        Assert.Null(v.Bandwidth); // not a decimal-integer: typed view is null, raw text kept
        Assert.Equal("0x1e", v.FrameRate);
        Assert.Null(v.FrameRateValue);
        Assert.Equal("0640x0360", v.Resolution);
        Assert.Equal((640, 360), v.ResolutionValue);
        Assert.Equal("avc1.66.30, mp4a.40.2", v.Codecs);
        Assert.Equal("sdr ", v.VideoRange);
        Assert.Equal("", v.Attributes["X-Y"]);
        Assert.Equal(
            [new PlaylistAttribute("BANDWIDTH", "800000kbps"), new PlaylistAttribute("FRAME-RATE", "0x1e"), new PlaylistAttribute("RESOLUTION", "0640x0360"),
             new PlaylistAttribute("CODECS", "avc1.66.30, mp4a.40.2", true), new PlaylistAttribute("VIDEO-RANGE", "sdr "), new PlaylistAttribute("X-Y", "", true)],
            v.Attributes);
        Assert.Equal(PlaylistRules.Bandwidth, Assert.Single(p.Warnings).Rule);
    }

    [Fact]
    public void Spec_9_7_edge_case_parses_with_missing_bandwidth_and_names()
    {
        var p = Master(HlsJsDifferentialTests.MasterCorpus[3]);
        var v = Assert.Single(p.Variants);
        Assert.Null(v.Attributes["BANDWIDTH"]);
        Assert.Equal("0", v.FrameRate);
        Assert.Equal(0m, v.FrameRateValue);
        Assert.Equal("hvc1.1.6.L93.B0,avc1.4d401f,ec-3", v.Codecs);
        Assert.Equal([null, " Main Mix "], p.Renditions.Select(r => r.Name));
        Assert.Equal(["und", "ENG-us"], p.Renditions.Select(r => r.Language));
        Assert.Equal("6/JOC", p.Renditions[0].Channels);
        Assert.Equal([PlaylistRules.MediaName, PlaylistRules.Bandwidth], p.Warnings.Select(w => w.Rule));
    }

    [Fact]
    public void Every_master_tag_is_read_in_document_order()
    {
        var p = Master("#EXTM3U\n#EXT-X-VERSION:12\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-START:TIME-OFFSET=25\n" +
            "#EXT-X-DEFINE:NAME=\"cdn\",VALUE=\"https://cdn2.example.com\"\n" +
            "#EXT-X-SESSION-DATA:DATA-ID=\"com.example.title\",VALUE=\"This is an example\",LANGUAGE=\"en\"\n" +
            "#EXT-X-SESSION-DATA:DATA-ID=\"com.example.title\",VALUE=\"Este es un ejemplo\",LANGUAGE=\"es\"\n" +
            "#EXT-X-SESSION-KEY:METHOD=AES-128,URI=\"{$cdn}/key\"\n" +
            "#EXT-X-CONTENT-STEERING:SERVER-URI=\"https://steer.example.com/s\",PATHWAY-ID=\"CDN-A\"\n" +
            "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English\",LANGUAGE=\"en\",ASSOC-LANGUAGE=\"en-GB\",FORCED=YES,AUTOSELECT=YES,CHARACTERISTICS=\"public.accessibility.transcribes-spoken-dialog\",URI=\"subs/en.m3u8\",STABLE-RENDITION-ID=\"s1\"\n" +
            "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"Main\",CHANNELS=\"16/JOC\"\n" +
            "#EXT-X-STREAM-INF:BANDWIDTH=5000000,AVERAGE-BANDWIDTH=4000000,CODECS=\"hvc1.2.4.L123.B0\",RESOLUTION=1920x1080,FRAME-RATE=59.940,HDCP-LEVEL=TYPE-1,VIDEO-RANGE=PQ," +
            "AUDIO=\"aud\",SUBTITLES=\"subs\",CLOSED-CAPTIONS=NONE,STABLE-VARIANT-ID=\"hd\",SCORE=2.5,PATHWAY-ID=\"CDN-A\"\n{$cdn}/hd.m3u8\n" +
            "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=300000,CODECS=\"hvc1.2.4.L123.B0\",RESOLUTION=1920x1080,URI=\"hd-iframes.m3u8\"\n" +
            "#EXT-X-STREAM-INF:BANDWIDTH=900000,VIDEO=\"low\"\nlow.m3u8\n" +
            "#EXT-X-FUTURE-TAG:X=1\n", new Uri("https://origin.example.com/show/master.m3u8"));
        Assert.Equal((12, true), (p.Version!.Value, p.IndependentSegments));
        Assert.Equal(new StartOffset(25m), p.Start);
        Assert.Equal(new VariableDefinition("cdn", "https://cdn2.example.com"), Assert.Single(p.Definitions));
        Assert.Equal(["en", "es"], p.SessionData.Select(d => d.Language));
        Assert.Equal("This is an example", p.SessionData[0].Value);
        Assert.Equal("https://cdn2.example.com/key", p.SessionKeys[0].Uri);
        Assert.Equal(("https://steer.example.com/s", "CDN-A"), (p.ContentSteering!.ServerUri, p.ContentSteering.PathwayId));
        var subs = p.Renditions[0];
        Assert.Equal(("SUBTITLES", "subs", "English", "en", "en-GB", true, true, false), (subs.Type, subs.GroupId, subs.Name, subs.Language, subs.AssocLanguage, subs.Forced, subs.AutoSelect, subs.Default));
        Assert.Equal(("public.accessibility.transcribes-spoken-dialog", "s1"), (subs.Characteristics, subs.StableRenditionId));
        Assert.Equal("16/JOC", p.Renditions[1].Channels);
        var hd = p.Variants[0];
        Assert.Equal((5000000L, 4000000L, "hvc1.2.4.L123.B0", (1920, 1080), 59.940m), (hd.Bandwidth!.Value, hd.AverageBandwidth!.Value, hd.Codecs, hd.ResolutionValue!.Value, hd.FrameRateValue!.Value));
        Assert.Equal(("TYPE-1", "PQ", "aud", "subs", "NONE", "hd", 2.5m, "CDN-A"), (hd.HdcpLevel, hd.VideoRange, hd.Audio, hd.Subtitles, hd.ClosedCaptions, hd.StableVariantId, hd.Score!.Value, hd.PathwayId));
        Assert.Equal("https://cdn2.example.com/hd.m3u8", hd.Uri);
        Assert.Equal("low", p.Variants[1].Video);
        Assert.Equal("hd-iframes.m3u8", Assert.Single(p.IFrameStreams).Uri);
        Assert.Equal(new UnknownTag(17, "#EXT-X-FUTURE-TAG", "X=1"), Assert.Single(p.UnknownTags));
        Assert.Empty(p.Warnings);
    }

    [Fact]
    public void Tags_between_stream_inf_and_its_uri_are_read()
    {
        var p = Master("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n# comment\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"n\"\n\na.m3u8\n");
        Assert.Equal("a.m3u8", Assert.Single(p.Variants).Uri);
        Assert.Single(p.Renditions);
    }
}
