namespace HlsSwarm.Protocol.Peer;

/// <summary>
/// Why bytes received from a peer could not be decoded (spec §4.3, §4.4). Decoders never throw on peer input;
/// they return one of these, and the caller drops the command (the JS swallows the same errors).
/// </summary>
public enum PeerDecodeError
{
    /// <summary>The bytes are valid.</summary>
    None,

    /// <summary>The input ends before the item, field or command does.</summary>
    TooShort,

    /// <summary>An Int header announces 0 value bytes, which no encoder writes.</summary>
    BadLength,

    /// <summary>An item's type nibble is not 0 (Int), 1 (SimilarIntArray) or 2 (String).</summary>
    UnknownItemType,

    /// <summary>An Int magnitude is 2^53 or more: the JS cannot represent it as a Number.</summary>
    ValueOutOfRange,

    /// <summary>The command code is not one of the six commands.</summary>
    UnknownCommand,

    /// <summary>A field the command needs (<c>i</c>, <c>r</c> or <c>s</c>) is absent.</summary>
    MissingField,

    /// <summary>A known field carries the wrong item type (e.g. <c>i</c> as an array, <c>l</c> as an Int).</summary>
    WrongFieldType,

    /// <summary>The caller's destination buffer is too small for the decoded values.</summary>
    DestinationTooSmall,

    /// <summary>The body is a valid command code, but not the command the caller asked to read.</summary>
    UnexpectedCommand,
}
