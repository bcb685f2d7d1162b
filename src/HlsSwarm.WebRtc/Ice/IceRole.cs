namespace HlsSwarm.WebRtc.Ice;

/// <summary>
/// The agent's role (<see href="https://www.rfc-editor.org/rfc/rfc8445#section-6.1.1">RFC 8445 §6.1.1</see>): the
/// offerer of a full-ICE session starts controlling; a role conflict (§7.3.1.1) can swap it.
/// </summary>
public enum IceRole
{
    /// <summary>Nominates the pair (sends USE-CANDIDATE).</summary>
    Controlling,

    /// <summary>Follows the controlling agent's nomination.</summary>
    Controlled,
}
