using HlsSwarm.Protocol.Peer;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Peer;

/// <summary>
/// Peer-protocol byte vectors produced by the real JS (p2p-media-loader-core 2.3.1 in Node 20),
/// from spec/p2p-media-loader-protocol.md §9.1–§9.5.
/// </summary>
public static class Vectors
{
    /// <summary>spec §9.1: Int items (n, hex).</summary>
    public static TheoryData<long, string> Ints => new()
    {
        { 0, "0100" },
        { 1, "0101" },
        { -1, "0181" },
        { 63, "013f" },
        { 127, "017f" },
        { 128, "020080" },
        { 255, "0200ff" },
        { 256, "020100" },
        { -127, "01ff" },
        { -128, "028080" },
        { -129, "028081" },
        { 32767, "027fff" },
        { 32768, "03008000" },
        { -32768, "03808000" },
        { 65535, "0300ffff" },
        { 2147483647, "047fffffff" },
        { 2147483648, "050080000000" },
        { 4294967296, "050100000000" },
        { 1700000000, "046553f100" },
        { 9007199254740991, "071fffffffffffff" },
        { -9007199254740991, "079fffffffffffff" },
    };

    /// <summary>spec §9.2: SimilarIntArray items (input, hex, decoded in wire order).</summary>
    public static TheoryData<long[], string, long[]> SimilarIntArrays => new()
    {
        { [0], "1001010100", [0] },
        { [1, 2, 3], "10010103010203", [1, 2, 3] },
        { [255, 256, 257], "10020101ff0201020001", [255, 256, 257] },
        { [0, 300, 5], "1002010200050201012c", [0, 5, 300] },
        { [-1], "10010280ffff", [-1] },
    };

    /// <summary>
    /// spec §9.2: 0..255 in one block. The JS writes count byte 00 (undecodable by the JS); the workaround the JS
    /// decodes, and the one our encoder writes, is two groups with the same key.
    /// </summary>
    public static string ZeroTo255WorkaroundHex =>
        "1002" + "0200ff" + string.Concat(Enumerable.Range(0, 255).Select(i => i.ToString("x2"))) + "0101ff";

    /// <summary>spec §9.2: what the JS writes for 0..255 (one group, count byte 00).</summary>
    public static string ZeroTo255JsOverflowHex =>
        "1001" + "0100" + string.Concat(Enumerable.Range(0, 256).Select(i => i.ToString("x2")));

    /// <summary>spec §9.3: complete single-message commands at M = 65535 (command, framed message hex).</summary>
    public static TheoryData<IPeerCommand, string> Commands => new()
    {
        { new SegmentsAnnouncementCommand(Array.Empty<long>(), Array.Empty<long>()), "637374720063656e64" },
        { new SegmentsAnnouncementCommand(new long[] { 0, 1, 2, 3 }, new long[] { 4 }), "63737472006c100101040001020370100101010463656e64" },
        { new SegmentsAnnouncementCommand(new long[] { 10, 11, 300 }, Array.Empty<long>()), "63737472006c100201020a0b0201012c63656e64" },
        { new SegmentsAnnouncementCommand(new long[] { 40, 41, 42 }, new long[] { 43 }), "63737472006c1001010328292a70100101012b63656e64" },
        { new SegmentsAnnouncementCommand(new long[] { 1700000000, 1700000001, 1700000002, 1700000003 }, new long[] { 1700000004 }), "63737472006c1001046553f10400010203701001046553f1010463656e64" },
        { new SegmentRequestCommand(42, 517), "637374720169012a7202020563656e64" },
        { new SegmentRequestCommand(42, 517, 65536), "637374720169012a72020205620301000063656e64" },
        { new SegmentRequestCommand(0, 0), "637374720169010072010063656e64" },
        { new SegmentRequestCommand(1700000003, 999), "637374720169046553f103720203e763656e64" },
        { new SegmentDataCommand(42, 1048576, 517), "637374720269012a73031000007202020563656e64" },
        { new SegmentDataCommand(7, 128, 3), "63737472026901077302008072010363656e64" },
        { new SegmentDataSendingCompletedCommand(42, 517), "637374720369012a7202020563656e64" },
        { new SegmentAbsentCommand(42, 517), "637374720469012a7202020563656e64" },
        { new CancelSegmentRequestCommand(42, 517), "637374720569012a7202020563656e64" },
    };

    /// <summary>spec §9.4: announcement l = 0..39 split at M = 24 into three chunks.</summary>
    public static readonly string[] Split0To39At24 =
    [
        "63737472006c100101280001020304050607080964656e64",
        "647374720a0b0c0d0e0f1011121314151617181964656e64",
        "647374721a1b1c1d1e1f202122232425262763656e64",
    ];

    /// <summary>spec §9.4: announcement l = 0..199 at M = 64: chunk sizes, start of chunk 0, end of the last.</summary>
    public static readonly int[] Split0To199At64Sizes = [60, 60, 60, 59];

    /// <summary>spec §9.4: first bytes of chunk 0 of l = 0..199 at M = 64.</summary>
    public const string Split0To199At64Start = "63737472006c10010200c800";

    /// <summary>spec §9.4: last bytes of the last chunk of l = 0..199 at M = 64.</summary>
    public const string Split0To199At64End = "c6c763656e64";

    /// <summary>
    /// spec §9.5: transfer transcripts between two real JS <c>Peer</c>s (direction, message hex or "DATA n").
    /// First: a 150 000-byte segment id 42; second: resume with 1 000 bytes loaded.
    /// </summary>
    public static TheoryData<string, string[]> Transcripts => new()
    {
        {
            "full",
            [
                "U 63737472006c1001010328292a70100101012b63656e64",
                "R 637374720169012a7202035063656e64",
                "U 637374720269012a73030249f07202035063656e64",
                "U DATA 65535",
                "U DATA 65535",
                "U DATA 18930",
                "U 637374720369012a7202035063656e64",
            ]
        },
        {
            "resume",
            [
                "R 637374720169012a720202dc620203e863656e64",
                "U 637374720269012a7303024608720202dc63656e64",
                "U DATA 65535",
                "U DATA 65535",
                "U DATA 17930",
                "U 637374720369012a720202dc63656e64",
            ]
        },
    };

    /// <summary>
    /// spec §9.6: how the real JS requester reacts to a misbehaving uploader. Script steps: <c>H s</c> header,
    /// <c>H! s</c> header with a wrong r, <c>D n</c> n data bytes, <c>C</c> Completed, <c>C!</c> Completed with r+1,
    /// <c>A</c> SegmentAbsent, <c>T ms</c> time passes. Expected: error, connection closed, Cancel sent.
    /// </summary>
    public static TheoryData<string, PeerDownloadError, bool, bool> MisbehavingUploader => new()
    {
        { "H 100;D 120", PeerDownloadError.PeerResponseBytesLengthMismatch, true, false },
        { "H 100;D 60;C", PeerDownloadError.PeerResponseBytesLengthMismatch, true, false },
        { "H 100;D 100;C!", PeerDownloadError.PeerProtocolViolation, true, false },
        { "D 10;H 10;D 10;C", PeerDownloadError.None, false, false },
        { "A", PeerDownloadError.PeerSegmentAbsent, false, false },
        { "H! 100;T 1999;T 1", PeerDownloadError.BytesReceivingTimeout, false, true },
    };
}
