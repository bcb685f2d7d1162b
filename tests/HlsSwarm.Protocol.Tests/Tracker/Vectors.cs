namespace HlsSwarm.Protocol.Tests.Tracker;

/// <summary>Byte vectors from the spec, produced by the real JS (spec §9.8, §9.9).</summary>
public static class Vectors
{
    /// <summary>p2p-media-loader 2.3.x, spec/p2p-media-loader-protocol.md §9.8: offer_id bytes.</summary>
    public const string BinaryStringBytesHex = "0008090a0c0d1f20225c7f80a0e9ff2b2f414243";

    /// <summary>spec §9.8: exact UTF-8 wire bytes of <c>JSON.stringify({offer_id: …})</c>.</summary>
    public const string BinaryStringJsonHex = "7b226f666665725f6964223a225c75303030305c625c745c6e5c665c725c7530303166205c225c5c7fc280c2a0c3a9c3bf2b2f414243227d";

    /// <summary>spec §9.9: the relayed offer id, bytes b0..c3.</summary>
    public const string CapturedOfferIdHex = "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3";

    /// <summary>spec §9.9: the same offer id as the Latin-1 string the JS holds.</summary>
    public const string CapturedOfferIdLatin1 = "°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃ";
}
