namespace HlsSwarm.WebRtc.Dcep;

/// <summary>Why a DCEP message could not be decoded. Peer input never throws.</summary>
public enum DcepDecodeError
{
    /// <summary>Decoded.</summary>
    None,

    /// <summary>Shorter than the fixed part or than its label and protocol lengths say.</summary>
    TooShort,

    /// <summary>Not the message type this decoder reads.</summary>
    WrongType,

    /// <summary>A channel type RFC 8832 does not define.</summary>
    UnknownChannelType,

    /// <summary>Label or protocol is not UTF-8.</summary>
    BadUtf8,
}
