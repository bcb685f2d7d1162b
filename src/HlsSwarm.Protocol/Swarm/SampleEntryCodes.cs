namespace HlsSwarm.Protocol.Swarm;

/// <summary>
/// hls.js 1.6 <c>sampleEntryCodesISO</c>: the first four characters of a <c>CODECS</c> entry decide whether it is
/// a video, an audio or a text codec (<c>isCodecType</c>, case-sensitive). Entries of none of the three are
/// "unknown codecs" to hls.js, which drops a variant with one when other variants have none.
/// </summary>
public static class SampleEntryCodes
{
    private static readonly HashSet<string> Video = new(StringComparer.Ordinal)
    {
        "avc1", "avc2", "avc3", "avc4", "avcp", "av01", "dav1", "drac", "dva1", "dvav", "dvh1", "dvhe", "encv",
        "hev1", "hvc1", "mjp2", "mp4v", "mvc1", "mvc2", "mvc3", "mvc4", "resv", "rv60", "s263", "svc1", "svc2",
        "vc-1", "vp08", "vp09",
    };

    private static readonly HashSet<string> Audio = new(StringComparer.Ordinal)
    {
        "a3ds", "ac-3", "ac-4", "alac", "alaw", "dra1", "dts+", "dts-", "dtsc", "dtse", "dtsh", "ec-3", "enca",
        "fLaC", "flac", "FLAC", "g719", "g726", "m4ae", "mha1", "mha2", "mhm1", "mhm2", "mlpa", "mp4a", "raw ",
        "Opus", "opus", "samr", "sawb", "sawp", "sevc", "sqcp", "ssmv", "twos", "ulaw",
    };

    private static readonly HashSet<string> Text = new(StringComparer.Ordinal) { "stpp", "wvtt" };

    /// <summary>hls.js <c>isCodecType(codec, 'video')</c>.</summary>
    public static bool IsVideo(string codec) => Video.Contains(codec.Length > 4 ? codec[..4] : codec);

    /// <summary>hls.js <c>isCodecType(codec, 'audio')</c>.</summary>
    public static bool IsAudio(string codec) => Audio.Contains(codec.Length > 4 ? codec[..4] : codec);

    /// <summary>hls.js <c>isCodecType(codec, 'text')</c>.</summary>
    public static bool IsText(string codec) => Text.Contains(codec.Length > 4 ? codec[..4] : codec);
}
