namespace HlsSwarm.WebRtc.Ice;

/// <summary>Candidate pair states (<see href="https://www.rfc-editor.org/rfc/rfc8445#section-6.1.2.6">RFC 8445 §6.1.2.6</see>).</summary>
public enum IceCandidatePairState
{
    /// <summary>Not checked until a pair of the same foundation succeeds or the list runs dry.</summary>
    Frozen,

    /// <summary>Will be checked when its turn comes (one check per Ta).</summary>
    Waiting,

    /// <summary>A check was sent and has no answer yet.</summary>
    InProgress,

    /// <summary>A check succeeded: the pair is valid.</summary>
    Succeeded,

    /// <summary>The check failed or timed out.</summary>
    Failed,
}
