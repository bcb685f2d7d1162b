namespace HlsSwarm.Hls;

/// <summary>
/// <c>EXT-X-DEFINE</c> (draft-pantos-hls-rfc8216bis §4.4.2.3): a variable for <c>{$name}</c> substitution (§4.3),
/// defined by <c>NAME</c>/<c>VALUE</c>, imported from the master playlist (<c>IMPORT</c>), or taken from the
/// playlist URI's query (<c>QUERYPARAM</c>).
/// </summary>
/// <param name="Name">The variable name.</param>
/// <param name="Value">The value in force (after import or query lookup); null when it could not be resolved.</param>
/// <param name="Kind">How it is defined: <c>NAME</c>, <c>IMPORT</c> or <c>QUERYPARAM</c> (the attribute used).</param>
public sealed record VariableDefinition(string Name, string? Value, string Kind = "NAME");
