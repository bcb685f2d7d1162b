namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// How hard to try delivering a message: fully reliable, or partially reliable by retransmission count or by lifetime
/// (<see href="https://www.rfc-editor.org/rfc/rfc3758">RFC 3758</see>, the policies of RFC 8831 §6.1).
/// </summary>
/// <param name="MaxRetransmits">Give up after this many retransmissions; null for no limit.</param>
/// <param name="Lifetime">Give up when not acknowledged within this time after <see cref="SctpAssociation.Send"/>; null for no limit.</param>
public readonly record struct SctpReliability(int? MaxRetransmits = null, TimeSpan? Lifetime = null)
{
    /// <summary>Fully reliable.</summary>
    public static SctpReliability Reliable => default;

    /// <summary>True when a limit applies.</summary>
    public bool IsPartial => MaxRetransmits is not null || Lifetime is not null;
}
