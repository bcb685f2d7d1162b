namespace HlsSwarm.WebRtc.Dcep;

/// <summary>DCEP message types (<see href="https://www.rfc-editor.org/rfc/rfc8832#section-8.2.1">RFC 8832 §8.2.1</see>).</summary>
public enum DcepMessageType : byte
{
    /// <summary>DATA_CHANNEL_ACK.</summary>
    Ack = 0x02,

    /// <summary>DATA_CHANNEL_OPEN.</summary>
    Open = 0x03,
}
