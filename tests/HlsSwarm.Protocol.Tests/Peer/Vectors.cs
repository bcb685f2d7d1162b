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
}
