namespace HlsSwarm.WebRtc.Dtls;

/// <summary>Something a <see cref="DtlsSession"/> reports to its owner (<see cref="DtlsSession.TryPollEvent"/>).</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Data">For <see cref="DtlsEventKind.ApplicationData"/>: the record's plaintext (owned by the receiver).</param>
/// <param name="RemoteFingerprint">For <see cref="DtlsEventKind.Connected"/>: the verified fingerprint of the peer's certificate.</param>
/// <param name="Failure">For <see cref="DtlsEventKind.Failed"/>: the kind of failure.</param>
/// <param name="Reason">For <see cref="DtlsEventKind.Failed"/>: a human-readable explanation.</param>
public readonly record struct DtlsEvent(
    DtlsEventKind Kind,
    byte[]? Data = null,
    DtlsFingerprint? RemoteFingerprint = null,
    DtlsFailure Failure = DtlsFailure.None,
    string? Reason = null);
