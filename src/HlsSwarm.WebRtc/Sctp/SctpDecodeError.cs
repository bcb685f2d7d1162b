namespace HlsSwarm.WebRtc.Sctp;

/// <summary>Why an SCTP packet, chunk or parameter could not be decoded. Peer input never throws.</summary>
public enum SctpDecodeError
{
    /// <summary>Decoded.</summary>
    None,

    /// <summary>Fewer bytes than the fixed part needs.</summary>
    TooShort,

    /// <summary>A length field is smaller than its header or runs past the end.</summary>
    BadLength,

    /// <summary>The CRC32c does not match.</summary>
    BadChecksum,

    /// <summary>A field holds a value the RFC forbids (e.g. a zero initiate tag, a DATA chunk with no payload).</summary>
    BadValue,

    /// <summary>The chunk is of another type than the decoder reads.</summary>
    WrongType,

    /// <summary>A count or size exceeds a configured limit.</summary>
    LimitExceeded,
}
