using Xunit;

using HlsSwarm.Protocol.Swarm;

namespace HlsSwarm.Protocol.Tests.Swarm;

/// <summary>
/// Swarm-identity vectors produced by the real JS (hls.js 1.6.19 parser + p2p-media-loader 2.3.1 segment manager),
/// from spec/p2p-media-loader-protocol.md §9.7.
/// </summary>
public static class Vectors
{
    /// <summary>§9.7: the manifest response URL and the swarmId it gives.</summary>
    public const string ManifestUrl = "https://cdn.example.com/live/channel1/master.m3u8?token=abc";

    /// <summary>§9.7: swarmId of <see cref="ManifestUrl"/>.</summary>
    public const string SwarmId = "https://cdn.example.com/live/channel1/master.m3u8";

    /// <summary>§9.7 master playlist, variant 720p.</summary>
    public static readonly VariantAttributes Variant720p = new(
        Bandwidth: "2000000", AverageBandwidth: "1800000", Resolution: "1280x720", FrameRate: "30.000",
        Codecs: "avc1.64001f,mp4a.40.2", Audio: "aud");

    /// <summary>§9.7 master playlist, variant 360p.</summary>
    public static readonly VariantAttributes Variant360p = new(
        Bandwidth: "800000", Resolution: "640x360", FrameRate: "29.970", Codecs: "avc1.66.30,mp4a.40.2",
        VideoRange: "SDR", Audio: "aud");

    /// <summary>§9.7 edge-case playlist: no BANDWIDTH, HEVC + AVC + E-AC-3, FRAME-RATE=0.</summary>
    public static readonly VariantAttributes VariantNoBandwidth = new(
        Resolution: "640x360", Codecs: "hvc1.1.6.L93.B0,avc1.4d401f,ec-3", Audio: "a", FrameRate: "0");

    /// <summary>§9.7 main streams: variant, canonical string, streamIndex, info_hash (under <see cref="SwarmId"/>; null when the spec gives none).</summary>
    public static TheoryData<string, string, string, string?> MainStreams() => new()
    {
        { "720p", "2000000-avc1.64001f-1280-720----30-", "NqsTkWHiCF+FGmHQvwp+Aigq4Tk=", "xl6WOGtRneL9dH1/MEP1" },
        { "360p", "800000-avc1.42001e-640-360----29.97-SDR", "0ZGGpJgeqqalaejVvmBFBfAjW/k=", "FFZayrSd086GasyKDz2/" },
        { "no-bandwidth", "NaN-avc1.4d401f,hvc1.1.6.l93.b0-640-360----0-", "8xic8O8f0RvHiQZMvdrdz3+c72A=", null },
    };

    /// <summary>§9.7 secondary streams: rendition name, canonical string, streamIndex, info_hash (under <see cref="SwarmId"/>; null when none given).</summary>
    public static TheoryData<string, string, string, string?> AudioStreams() => new()
    {
        { "en", "0-mp4a.40.2---en-2-english--", "bdjQ1B4N2yrcTDHyU5j7iDGV9sY=", "uWFQFdlv6qob5M/FwaE0" },
        { "und", "0-ec-3----6-und--", "syJ63qsVMJ6psObkCGXKcim6ltg=", null },
        { "ENG-us", "0-ec-3---en--main mix--", "PeQL9Sv//yzZV3v7IGvCDce2HVw=", null },
    };

    /// <summary>§9.7 "Other vectors": streamSwarmId → 2.3.x info_hash.</summary>
    public static TheoryData<string, string> InfoHashes() => new()
    {
        { "", "2jmj7l5rSw0yVb/vlWAY" },
        { "abc", "qZk+NkcGgWq6PiVxeFDC" },
        { "v2-test-main-0", "cyJiBwWoS7UPgtAaQBGK" },
        { "v2-https://example.com/ü/master.m3u8-main-x", "SOgw0hOFGbKAtoJ/X62E" },
        { "v2-https://cdn.example.com/live/channel1/master.m3u8-main-NqsTkWHiCF+FGmHQvwp+Aigq4Tk=", "xl6WOGtRneL9dH1/MEP1" },
        { "v2-my-channel-42-main-NqsTkWHiCF+FGmHQvwp+Aigq4Tk=", "xGh+2lZnRwNh/ymqceuN" },
    };

    /// <summary>§9.7 legacy 2.2 rule: streamSwarmId → info_hash (MD5 bytes 1–15).</summary>
    public static TheoryData<string, string> LegacyInfoHashes() => new()
    {
        { "v2-https://cdn.example.com/live/channel1/master.m3u8-main-0", "rL9A//Hy0w2BrVcwSyKC" },
        { "v2-https://cdn.example.com/live/channel1/master.m3u8-secondary-0", "5uqYOH4GkEzNgDdlgM/0" },
    };

    /// <summary>§9.7: a media playlist loaded as the manifest.</summary>
    public const string MediaPlaylistUrl = "https://cdn.example.com/vod/movie/index.m3u8";

    /// <summary>§9.7: streamIndex of the missing-metadata canonical string <c>0--------</c>.</summary>
    public const string MissingMetadataStreamIndex = "UYnLxGhQilEV4D0HbCx+kRv0ZF0=";

    /// <summary>§9.7: info_hash of the media playlist's main stream.</summary>
    public const string MediaPlaylistInfoHash = "F7XePnMUjFNBl9ubiS6F";

    /// <summary>§9.7: info_hash bytes on the wire of the 720p stream (its ASCII characters).</summary>
    public const string Variant720pInfoHashWireHex = "786c36574f4774526e654c396448312f4d455031";

    /// <summary>§9.7: a peer id of p2p-media-loader 2.3.x.</summary>
    public const string SamplePeerId23 = "-PM0203-PtvyfnX7TBcm";

    /// <summary>Looks up the §9.7 variant by the name used in <see cref="MainStreams"/>.</summary>
    public static VariantAttributes Variant(string name) => name switch
    {
        "720p" => Variant720p,
        "360p" => Variant360p,
        _ => VariantNoBandwidth,
    };

    /// <summary>The §9.7 audio renditions by the name used in <see cref="AudioStreams"/>, with their variant list.</summary>
    public static (AudioRenditionAttributes Rendition, VariantAttributes[] Variants) Rendition(string name) => name switch
    {
        "en" => (new(Language: "en", Name: "English", Channels: "2", GroupId: "aud"), [Variant720p, Variant360p]),
        "und" => (new(Language: "und", Channels: "6/JOC", GroupId: "a"), [VariantNoBandwidth]),
        _ => (new(Language: "ENG-us", Name: " Main Mix ", GroupId: "a"), [VariantNoBandwidth]),
    };
}
