namespace HlsSwarm.WebRtc.Tests.Sdp;

/// <summary>
/// Browser descriptions written by hand after spec §3, /work/shared/notes/browsers-on-this-machine.md and the
/// browsers' well-known output (not captures): Chrome with mDNS host and srflx candidates, Chrome with IP literals
/// after p2p-media-loader stripped <c>a=ice-options:trickle</c>, Firefox (session-level fingerprint), old Firefox's
/// legacy DTLS/SCTP form.
/// </summary>
internal static class SdpSamples
{
    public const string ChromeFingerprint = "D2:FA:0E:C3:22:59:5E:14:95:69:92:3D:13:B4:84:24:2C:C2:A2:C0:3E:FD:34:8E:5E:EA:6F:AF:52:CE:E6:0F";
    public const string FirefoxFingerprint = "6B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08";

    public static readonly string ChromeOfferMdns = Crlf(
        "v=0",
        "o=- 2890844526093487301 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0",
        "a=extmap-allow-mixed",
        "a=msid-semantic: WMS",
        "m=application 47189 UDP/DTLS/SCTP webrtc-datachannel",
        "c=IN IP4 203.0.113.7",
        "a=candidate:3442447574 1 udp 2113937151 cbf55dcd-2f1e-4b3a-9c55-1f2d3e4a5b6c.local 47189 typ host generation 0 network-cost 999",
        "a=candidate:842163049 1 udp 1677729535 203.0.113.7 47189 typ srflx raddr 0.0.0.0 rport 0 generation 0 network-cost 999",
        "a=ice-ufrag:EsAw",
        "a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1",
        "a=fingerprint:sha-256 " + ChromeFingerprint,
        "a=setup:actpass",
        "a=mid:0",
        "a=sctp-port:5000",
        "a=max-message-size:262144");

    public static readonly string ChromeAnswerIpLiteral = Crlf(
        "v=0",
        "o=- 6006226034338376104 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0",
        "a=extmap-allow-mixed",
        "a=msid-semantic: WMS",
        "m=application 53120 UDP/DTLS/SCTP webrtc-datachannel",
        "c=IN IP4 10.77.0.1",
        "b=AS:30",
        "a=candidate:1467250027 1 udp 2122260223 10.77.0.1 53120 typ host generation 0 network-id 1",
        "a=ice-ufrag:+H2x",
        "a=ice-pwd:9/Zq1CtwQDMC4a1IvyqXMKtc",
        "a=fingerprint:sha-256 " + ChromeFingerprint,
        "a=setup:active",
        "a=mid:0",
        "a=sctp-port:5000",
        "a=max-message-size:262144");

    public static readonly string FirefoxOffer = Crlf(
        "v=0",
        "o=mozilla...THIS_IS_SDPARTA-99.0 7512937478547221440 0 IN IP4 0.0.0.0",
        "s=-",
        "t=0 0",
        "a=sendrecv",
        "a=fingerprint:sha-256 " + FirefoxFingerprint,
        "a=group:BUNDLE 0",
        "a=ice-options:trickle",
        "a=msid-semantic:WMS *",
        "m=application 54609 UDP/DTLS/SCTP webrtc-datachannel",
        "c=IN IP4 10.77.0.1",
        "a=candidate:0 1 UDP 2122252543 10.77.0.1 54609 typ host",
        "a=candidate:1 1 UDP 1686052863 198.51.100.4 54609 typ srflx raddr 10.77.0.1 rport 54609",
        "a=sendrecv",
        "a=end-of-candidates",
        "a=ice-pwd:b1ac5c1f1ee2bcbca4ad5c6a7f0e2f3d",
        "a=ice-ufrag:1d3c2a5f",
        "a=mid:0",
        "a=setup:actpass",
        "a=sctp-port:5000",
        "a=max-message-size:1073741823");

    // Firefox answering (setup active, fingerprint at session level, mDNS host candidate, no srflx in a namespace).
    public static readonly string FirefoxAnswerMdns = Crlf(
        "v=0",
        "o=mozilla...THIS_IS_SDPARTA-99.0 3057453962428567016 0 IN IP4 0.0.0.0",
        "s=-",
        "t=0 0",
        "a=sendrecv",
        "a=fingerprint:sha-256 " + FirefoxFingerprint,
        "a=group:BUNDLE 0",
        "a=msid-semantic:WMS *",
        "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
        "c=IN IP4 0.0.0.0",
        "a=candidate:0 1 UDP 2122187007 7f3c9a1e-1b2d-4c5e-8f90-a1b2c3d4e5f6.local 60712 typ host",
        "a=sendrecv",
        "a=end-of-candidates",
        "a=ice-pwd:0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "a=ice-ufrag:9a8b7c6d",
        "a=mid:0",
        "a=setup:active",
        "a=sctp-port:5000",
        "a=max-message-size:1073741823");

    // Old Firefox (before 63): the pre-RFC 8841 form, LF line ends as some signalling servers rewrite them.
    public static readonly string LegacyFirefoxOffer = string.Join('\n',
        "v=0",
        "o=mozilla...THIS_IS_SDPARTA-45.0 4924325126131373327 0 IN IP4 0.0.0.0",
        "s=-",
        "t=0 0",
        "a=fingerprint:sha-256 " + FirefoxFingerprint,
        "a=group:BUNDLE sdparta_0",
        "a=ice-options:trickle",
        "a=msid-semantic:WMS *",
        "m=application 9 DTLS/SCTP 5000",
        "c=IN IP4 0.0.0.0",
        "a=sendrecv",
        "a=ice-pwd:6e3d5c6a3c2f0d9b8a7e6f5d4c3b2a19",
        "a=ice-ufrag:4c8a1b2e",
        "a=mid:sdparta_0",
        "a=sctpmap:5000 webrtc-datachannel 256",
        "a=setup:actpass",
        "");

    private static string Crlf(params string[] lines) => string.Join("\r\n", lines) + "\r\n";
}
