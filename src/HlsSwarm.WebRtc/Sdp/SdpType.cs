namespace HlsSwarm.WebRtc.Sdp;

/// <summary>
/// Whether a description is an offer or an answer (<see href="https://www.rfc-editor.org/rfc/rfc3264">RFC 3264</see>).
/// The SDP text does not say; the signalling does (spec §3: <c>{"type":"offer"|"answer","sdp":"…"}</c>).
/// </summary>
public enum SdpType
{
    /// <summary>The first description of a negotiation.</summary>
    Offer,

    /// <summary>The reply to an offer.</summary>
    Answer,
}
