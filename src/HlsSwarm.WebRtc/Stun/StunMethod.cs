namespace HlsSwarm.WebRtc.Stun;

/// <summary>
/// A STUN method: the 12 M bits of the message type
/// (<see href="https://www.rfc-editor.org/rfc/rfc8489#section-18.2">RFC 8489 §18.2</see>). ICE and consent
/// freshness use only <see cref="Binding"/>; other values are carried through unchanged.
/// </summary>
public enum StunMethod : ushort
{
    /// <summary>Binding (0x001): address discovery, ICE connectivity checks and consent.</summary>
    Binding = 0x001,
}
