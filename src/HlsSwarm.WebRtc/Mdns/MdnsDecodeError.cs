namespace HlsSwarm.WebRtc.Mdns;

/// <summary>Why bytes are not a usable mDNS message (RFC 6762 §18, RFC 1035 §4.1). Never thrown.</summary>
public enum MdnsDecodeError
{
    /// <summary>The message is valid.</summary>
    None,

    /// <summary>The message ends inside the header, a question, a record or a name.</summary>
    TooShort,

    /// <summary>A label is longer than 63 bytes, a name longer than 255, or a label type is reserved (0x40, 0x80).</summary>
    BadName,

    /// <summary>A compression pointer points forward, at itself, or loops (RFC 1035 §4.1.4).</summary>
    BadPointer,

    /// <summary>The opcode or response code is not zero (RFC 6762 §18.3, §18.11: such messages are ignored).</summary>
    BadHeader,

    /// <summary>An A or AAAA record's data is not 4 or 16 bytes.</summary>
    BadRecord,

    /// <summary>More questions or records than <see cref="MdnsMessage.MaxEntries"/>.</summary>
    TooManyEntries,
}
