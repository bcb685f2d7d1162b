using Xunit;

namespace HlsSwarm.WebRtc.Tests.Sctp;

/// <summary>Chunk encodings laid out by hand from the RFC diagrams (RFC 9260 §3.3, RFC 6525 §4, RFC 3758 §3.2).</summary>
public static class SctpVectors
{
    // RFC 9260 §3.3.1: DATA, B|E, TSN 1, stream 1, SSN 2, PPID 53 (binary), "abc" + 1 byte padding.
    public const string DataOrdered = "0003001300000001000100020000003561626300";

    // DATA with I|U|B|E, TSN 10, stream 0, PPID 51 (string), "a" + 3 bytes padding.
    public const string DataUnorderedImmediate = "000f00110000000a0000000000000033" + "61000000";

    // RFC 9260 §3.3.2: INIT, tag 0x12345678, a_rwnd 1 MiB, 65535/65535 streams, TSN 1,
    // Supported Extensions (RE-CONFIG, FORWARD-TSN) + padding, Forward-TSN-Supported.
    public const string Init = "0100002012345678001000" + "00ffffffff0000000180080006" + "82c00000c0000004";

    // RFC 9260 §3.3.3: INIT ACK with a 3-byte State Cookie (padded) and Forward-TSN-Supported.
    public const string InitAck = "0200002087654321001000000001000100000064000700" + "07aabbcc00c0000004";

    // RFC 9260 §3.3.4: SACK cum 100, a_rwnd 1 MiB, one gap block 2..3, one duplicate TSN 99.
    public const string Sack = "030000180000006400100000000100010002000300000063";

    // RFC 9260 §3.3.5/§3.3.6: HEARTBEAT and HEARTBEAT ACK with 4 bytes of info.
    public const string Heartbeat = "0400000c0001000801020304";
    public const string HeartbeatAck = "0500000c0001000801020304";

    // RFC 9260 §3.3.7: ABORT with T bit and a User-Initiated Abort cause "x" (padded).
    public const string Abort = "06010009000c000578000000";

    // RFC 9260 §3.3.10: ERROR reporting an Unrecognized Chunk Type (the chunk c1 00 00 04).
    public const string Error = "0900000c00060008c1000004";

    // RFC 9260 §3.3.8, §3.3.9, §3.3.11-13.
    public const string Shutdown = "0700000800000010";
    public const string ShutdownAck = "08000004";
    public const string CookieEcho = "0a000007aabbcc00";
    public const string CookieAck = "0b000004";
    public const string ShutdownComplete = "0e010004";

    // RFC 3758 §3.2: FORWARD-TSN to 5, stream 1 SSN 2, stream 3 SSN 4.
    public const string ForwardTsn = "c000001000000005000100020003" + "0004";

    // RFC 6525 §4.1: RE-CONFIG with an Outgoing SSN Reset Request (req 1, resp 0, last TSN 9, stream 1) + padding.
    public const string ReConfigRequest = "82000016000d00120000000100000000000000090001" + "0000";

    // RFC 6525 §4.4: RE-CONFIG with a response (seq 1, Success - Performed).
    public const string ReConfigResponse = "82000010001000" + "0c0000000100000001";

    // pion/sctp packet_test.go: a common header with no chunks and its CRC32c.
    public const string HeaderOnlyPacket = "1388138800000000" + "06a900e1";

    // pion/sctp packet_test.go: a captured INIT (with AUTH parameters we ignore) and its CRC32c.
    public const string CapturedInitPacket =
        "138813880000000081469dfc0100005655b964a50002000004000800e86d1030c0000004800800" +
        "09c00fc180820000008002" + "00249febbb5c50c9bf759cb12c574fa45a51ba60177827945c31e65d5b0947e22206800400060001" +
        "000080030006" + "80c10000";

    public static TheoryData<string> AllChunks() => new(All);

    public static readonly string[] All =
    [
        DataOrdered, DataUnorderedImmediate, Init, InitAck, Sack, Heartbeat, HeartbeatAck, Abort, Error, Shutdown,
        ShutdownAck, CookieEcho, CookieAck, ShutdownComplete, ForwardTsn, ReConfigRequest, ReConfigResponse,
    ];
}
