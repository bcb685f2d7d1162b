namespace HlsSwarm.WebRtc.Dcep;

/// <summary>
/// Channel types of DATA_CHANNEL_OPEN (<see href="https://www.rfc-editor.org/rfc/rfc8832#section-5.1">RFC 8832 §5.1</see>):
/// the high bit means unordered, the low bits the partial-reliability policy.
/// </summary>
public enum DataChannelType : byte
{
    /// <summary>Reliable, ordered.</summary>
    Reliable = 0x00,

    /// <summary>Partially reliable by retransmission count, ordered.</summary>
    PartialReliableRexmit = 0x01,

    /// <summary>Partially reliable by lifetime (ms), ordered.</summary>
    PartialReliableTimed = 0x02,

    /// <summary>Reliable, unordered.</summary>
    ReliableUnordered = 0x80,

    /// <summary>Partially reliable by retransmission count, unordered.</summary>
    PartialReliableRexmitUnordered = 0x81,

    /// <summary>Partially reliable by lifetime (ms), unordered.</summary>
    PartialReliableTimedUnordered = 0x82,
}
