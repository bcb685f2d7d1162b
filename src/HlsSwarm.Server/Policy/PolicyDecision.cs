namespace HlsSwarm.Server.Policy;

/// <summary>
/// What one session should apply: the body of <c>GET /api/policy</c> and of a <c>200</c> beacon answer.
/// </summary>
/// <param name="Version">The policy document's version, so a client sees that it changed.</param>
/// <param name="P2p">Whether this session uses peers.</param>
/// <param name="Group"><c>p2p</c> or <c>control</c> (the stable A/B split).</param>
/// <param name="Reason"><c>enabled</c>, <c>disabled</c>, <c>min-viewers</c> or <c>ab-control</c>.</param>
/// <param name="UploadCapBytesPerSec">Upload cap, null for none.</param>
/// <param name="UploadOnMetered">Whether to upload on a metered network.</param>
/// <param name="RefreshMs">How often the client should ask again (its beacon interval).</param>
public sealed record PolicyDecision(long Version, bool P2p, string Group, string Reason, long? UploadCapBytesPerSec,
    bool UploadOnMetered, int RefreshMs);
