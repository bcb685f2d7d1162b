namespace HlsSwarm.WebRtc.Tests.Ice;

/// <summary>
/// Captured from headless Chromium 156.0.8078.79 (Debian 12) on 2026-11-25: a page offered a data channel
/// (default mDNS host candidates, no STUN servers) inside a network namespace; our answer gave ufrag
/// <see cref="AnswerUfrag"/>, password <see cref="AnswerPassword"/> and one host candidate 10.77.0.1:40000, and a
/// UDP socket there recorded Chromium's connectivity checks (sent as controlling, every one with USE-CANDIDATE).
/// </summary>
public static class ChromiumCapture
{
    public const string AnswerUfrag = "HsWm";
    public const string AnswerPassword = "hlsswarm-capture-pwd-0123";
    public const string OfferUfrag = "BE90";
    public const string OfferPassword = "+E3Vwdo0INiyVOI5QD2Wi9Ym";
    public const string SourceAddress = "10.77.0.1";
    public const int SourcePort = 55007;

    public const string OfferCandidate =
        "a=candidate:1494568765 1 udp 2113937151 54a1f0c2-a442-4c56-ad7d-5c470edc6236.local 55007 typ host generation 0 network-cost 999";

    // USERNAME, GOOG-NETWORK-INFO, ICE-CONTROLLING, USE-CANDIDATE, PRIORITY, MESSAGE-INTEGRITY, FINGERPRINT.
    public const string Check1 =
        "000100502112a4424a2f6552412b645a32564974000600094873576d3a42453930000000c0570004000003e7802a0008a26b5b787289a83c" +
        "00250000002400046e001eff0008001468d58dc9427a90bd0eca7309b35760952acbc2d780280004e01194a5";

    public const string Check2 =
        "000100502112a44262795a6f51612f4157644542000600094873576d3a42453930000000c0570004000003e7802a0008a26b5b787289a83c" +
        "00250000002400046e001eff000800143265d2a5664df76536dc7dfd6fd774cba1605f7080280004ae921a5c";

    public const ulong TieBreaker = 0xa26b5b787289a83c;
    public const uint Priority = 0x6e001eff;
}
