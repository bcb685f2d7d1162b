using HlsSwarm.Protocol.Swarm;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Swarm;

/// <summary>The §1.2 rules one at a time (expected values derived from the rules; the JS-produced ones are in <see cref="Vectors"/>).</summary>
public class StreamCanonicalStringTests
{
    [Theory]
    [InlineData("2000000", null, "2000000")]
    [InlineData(" 2000000kbps", null, "2000000")]
    [InlineData("0", "1800000", "1800000")]
    [InlineData("-0", "1800000", "1800000")]
    [InlineData("abc", "1800000", "1800000")]
    [InlineData(null, "1800000", "1800000")]
    [InlineData("-5", "1800000", "-5")]
    [InlineData("1.5e6", null, "1")]
    [InlineData(null, null, "NaN")]
    [InlineData("0", null, "NaN")]
    [InlineData("x", "y", "NaN")]
    [InlineData("9007199254740992", null, "Infinity")]
    public void Bandwidth_uses_parseInt_and_falls_back_to_average(string? bandwidth, string? average, string expected)
    {
        var canonical = StreamCanonicalString.ForVariant(new VariantAttributes(Bandwidth: bandwidth, AverageBandwidth: average));
        Assert.Equal(expected + "--------", canonical);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("0", "-0")]
    [InlineData("-0", "0x10")]
    [InlineData(null, "0")]
    [InlineData("abc", "0")]
    public void Zero_bit_rate_is_missing_metadata(string? bandwidth, string? average) =>
        Assert.Equal("0--------", StreamCanonicalString.ForVariant(new VariantAttributes(
            Bandwidth: bandwidth, AverageBandwidth: average, Codecs: "avc1.64001f", Resolution: "1280x720", FrameRate: "30", VideoRange: "PQ")));

    [Theory]
    [InlineData("avc1.64001f,mp4a.40.2", "avc1.64001f")]
    [InlineData("mp4a.40.2", "")]
    [InlineData("", "")]
    [InlineData("AVC1.64001F", "")] // the sample-entry check is case-sensitive
    [InlineData("avc1.64001F", "avc1.64001f")]
    [InlineData("hvc1.2.4.L153.B0 avc1.4d401f,,  vp09.00.10.08", "avc1.4d401f,hvc1.2.4.l153.b0,vp09.00.10.08")]
    [InlineData("avc1.66.30", "avc1.42001e")]
    [InlineData("avc1.77.30,avc1.66.30", "avc1.42001e,avc1.4d001e")]
    // Expected values checked with Node 20. hls.js convertAVC1ToAVCOTI runs first: hex(P) unpadded, hex(L) as the last 4 of "000" + hex, any avc1 with > 2 parts.
    [InlineData("avc1.10.9", "avc1.a0009")]
    [InlineData("avc1.300.300", "avc1.12c012c")]
    [InlineData("avc1.66.30.1", "avc1.42001e")]
    [InlineData("avc1.066.030", "avc1.42001e")]
    [InlineData("avc1.0x42.0x1E", "avc1.42001e")]
    [InlineData("avc1.66.x", "avc1.420nan")]
    [InlineData("avc1.66.", "avc1.420nan")]
    [InlineData("avc1.-66.30", "avc1.-42001e")]
    [InlineData("avc1.99999999999999999999999.1", "avc1.152d02c7e14af60000000001")]
    [InlineData("avc3.66.30", "avc3.66.30")]
    [InlineData("avc1.4d401f/extra,mp4a.40.2", "avc1.4d401f")]
    [InlineData("dvh1.05.06/db1p", "dvh1.05.06")]
    [InlineData("av01.0.08M.08,ec-3,vc-1.x,mjp2", "av01.0.08m.08,mjp2,vc-1.x")]
    [InlineData("avc1\t.64001f", "avc1\t.64001f")]
    [InlineData("\tavc1.64001f", "")]
    [InlineData("avc", "")]
    [InlineData("stpp.ttml.im1t,wvtt", "")]
    public void Video_codecs_are_filtered_normalised_and_sorted(string codecs, string expected) =>
        Assert.Equal("1-" + expected + "-------", StreamCanonicalString.ForVariant(new VariantAttributes(Bandwidth: "1", Codecs: codecs)));

    [Theory]
    [InlineData("1280x720", "1280-720")]
    [InlineData("01280x0720", "1280-720")]
    [InlineData("0x0", "0-0")]
    [InlineData("1280X720", "-")]
    [InlineData(" 1280x720", "-")]
    [InlineData("1280x720 ", "-")]
    [InlineData("1280x", "-")]
    [InlineData("x720", "-")]
    [InlineData("-1280x720", "-")]
    [InlineData("1280.5x720", "-")]
    [InlineData("1280x720x1", "-")]
    [InlineData("9999999999999999999999x1", "1e+22-1")]
    public void Resolution_is_two_decimal_integers(string resolution, string expected) =>
        Assert.Equal("1--" + expected + "-------".Substring(2), StreamCanonicalString.ForVariant(new VariantAttributes(Bandwidth: "1", Resolution: resolution)));

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("30.000", "30")]
    [InlineData("29.970", "29.97")]
    [InlineData("23.976023976", "23.976023976")]
    [InlineData("0", "0")]
    [InlineData("   ", "0")]
    [InlineData("3e1", "30")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("0x1e", "30")]
    [InlineData("30fps", "")]
    [InlineData("NaN", "")]
    [InlineData("Infinity", "Infinity")]
    [InlineData("-25", "-25")]
    public void Frame_rate_is_a_JS_Number_printed_the_JS_way(string? frameRate, string expected) =>
        Assert.Equal("1-------" + expected + "-", StreamCanonicalString.ForVariant(new VariantAttributes(Bandwidth: "1", FrameRate: frameRate)));

    [Theory]
    [InlineData(null, "")]
    [InlineData("SDR", "SDR")]
    [InlineData(" pq ", "PQ")]
    [InlineData("hlg", "HLG")]
    [InlineData("straße", "STRASSE")]
    public void Video_range_is_trimmed_and_upper_cased(string? videoRange, string expected) =>
        Assert.Equal("1--------" + expected, StreamCanonicalString.ForVariant(new VariantAttributes(Bandwidth: "1", VideoRange: videoRange)));

    [Theory]
    [InlineData("en", "English", "2", "0-mp4a.40.2---en-2-english--")]
    [InlineData("ENG-us", " Main Mix ", null, "0-mp4a.40.2---en--main mix--")]
    [InlineData("und", null, "6/JOC", "0-mp4a.40.2----6-und--")]
    [InlineData("UND", null, null, "0-mp4a.40.2---un--und--")]
    [InlineData(null, null, null, "0-mp4a.40.2-------")]
    [InlineData("", "", "", "0-mp4a.40.2-------")]
    [InlineData("e", "", "/x", "0-mp4a.40.2---e--e--")]
    [InlineData("İt", "İ", "16/IMM/x", "0-mp4a.40.2---i\u0307t-16-i\u0307--")]
    [InlineData("el", "ΟΔΟΣ", "2", "0-mp4a.40.2---el-2-οδος--")]
    [InlineData("fr", "\u00A0Français\u3000", "2", "0-mp4a.40.2---fr-2-français--")]
    public void Audio_rendition_language_channels_and_name(string? language, string? name, string? channels, string expected) =>
        Assert.Equal(expected, StreamCanonicalString.ForAudioRendition(new AudioRenditionAttributes(
            Language: language, Name: name, Channels: channels, GroupId: "a", VariantCodecs: "avc1.64001f,mp4a.40.2")));

    [Theory]
    [InlineData("avc1.64001f,mp4a.40.2", "mp4a.40.2")]
    [InlineData("avc1.64001f", "")]
    [InlineData(null, "")]
    [InlineData("mp4a.40.5,ec-3,Opus,fLaC,FLAC,ac-3/x", "Opus,ac-3,ec-3,flac,flac,mp4a.40.5")]
    public void Audio_rendition_codecs_are_the_audio_entries(string? variantCodecs, string expected) =>
        Assert.Equal("0-" + JsLower(expected) + "-------", StreamCanonicalString.ForAudioRendition(new AudioRenditionAttributes(VariantCodecs: variantCodecs)));

    [Fact]
    public void Audio_codecs_come_from_the_first_variant_of_the_group_else_the_first_variant()
    {
        VariantAttributes[] variants =
        [
            new(Codecs: "avc1.64001f,mp4a.40.2", Audio: "stereo"),
            new(Codecs: "avc1.64001f,ec-3", Audio: "surround"),
            new(Codecs: "avc1.4d401f,ac-3", Audio: "surround"),
        ];
        Assert.Equal("avc1.64001f,ec-3", StreamCanonicalString.AssociatedVariantCodecs("surround", variants));
        Assert.Equal("avc1.64001f,mp4a.40.2", StreamCanonicalString.AssociatedVariantCodecs("stereo", variants));
        Assert.Equal("avc1.64001f,mp4a.40.2", StreamCanonicalString.AssociatedVariantCodecs("SURROUND", variants));
        Assert.Equal("avc1.64001f,mp4a.40.2", StreamCanonicalString.AssociatedVariantCodecs(null, variants));
        Assert.Equal("avc1.4d401f,ac-3", StreamCanonicalString.AssociatedVariantCodecs(null, [.. variants, new(Codecs: "avc1.4d401f,ac-3", Audio: "")]));
        Assert.Equal("avc1.64001f,mp4a.40.2", StreamCanonicalString.AssociatedVariantCodecs("", [.. variants, new(Codecs: "avc1.4d401f,ac-3")]));
        Assert.Null(StreamCanonicalString.AssociatedVariantCodecs("a", []));
    }

    // The expected list is sorted ordinally before lower-casing in the literal above; sort after lower-casing here.
    private static string JsLower(string codecs)
    {
        var parts = codecs.ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries);
        Array.Sort(parts, StringComparer.Ordinal);
        return string.Join(',', parts);
    }
}
