namespace HlsSwarm.WebRtc.Sctp;

/// <summary>Results of a re-configuration request (<see href="https://www.rfc-editor.org/rfc/rfc6525#section-4.4">RFC 6525 §4.4</see>).</summary>
public enum ReConfigResult : uint
{
    /// <summary>Success - Nothing to do.</summary>
    SuccessNothingToDo = 0,

    /// <summary>Success - Performed.</summary>
    SuccessPerformed = 1,

    /// <summary>Denied.</summary>
    Denied = 2,

    /// <summary>Error - Wrong SSN.</summary>
    ErrorWrongSsn = 3,

    /// <summary>Error - Request already in progress.</summary>
    ErrorRequestAlreadyInProgress = 4,

    /// <summary>Error - Bad Sequence Number.</summary>
    ErrorBadSequenceNumber = 5,

    /// <summary>In progress.</summary>
    InProgress = 6,
}
