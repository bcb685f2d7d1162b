namespace HlsSwarm.Cli.Bench;

/// <summary>The Chromium part of the data-channel benchmark; every figure is null when it could not run.</summary>
/// <param name="Note">Why the part was skipped or failed; null when it ran.</param>
/// <param name="Version">Chromium's version.</param>
/// <param name="OursToChromium">Our stack sending, Chromium receiving.</param>
/// <param name="ChromiumToOurs">Chromium sending, our stack receiving.</param>
/// <param name="ChromiumToChromium">Two RTCPeerConnections in the same Chromium (timed inside the page).</param>
/// <param name="SetupOursOffering">Set-up with our stack offering (cold = the first of the process against Chromium).</param>
/// <param name="SetupChromiumOffering">Set-up with Chromium offering.</param>
internal sealed record ChromiumResult(
    string? Note,
    string? Version = null,
    ThroughputResult? OursToChromium = null,
    ThroughputResult? ChromiumToOurs = null,
    ThroughputResult? ChromiumToChromium = null,
    SetupTimes? SetupOursOffering = null,
    SetupTimes? SetupChromiumOffering = null)
{
    /// <summary>When Chromium offers: from the call until its offer, with every candidate gathered, was ready (part of <see cref="SetupChromiumOffering"/>).</summary>
    public SetupTimes? ChromiumOfferReady { get; init; }

    /// <summary>True when the part failed while running (not merely unavailable or skipped).</summary>
    public bool Failed { get; init; }
}
