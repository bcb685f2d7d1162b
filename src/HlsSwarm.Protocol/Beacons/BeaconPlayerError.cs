namespace HlsSwarm.Protocol.Beacons;

/// <summary>One entry of <c>errors</c>: a player error seen since the previous beacon.</summary>
/// <param name="Kind">A short category, e.g. <c>networkError</c> (at most 64 characters).</param>
/// <param name="Message">The player's text (at most 512 characters); stored and served verbatim, never as HTML.</param>
public readonly record struct BeaconPlayerError(string Kind, string Message);
