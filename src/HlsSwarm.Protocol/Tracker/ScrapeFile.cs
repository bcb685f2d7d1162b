namespace HlsSwarm.Protocol.Tracker;

/// <summary>One entry of a scrape reply's <c>files</c> object (spec §2.5 point 9, §8).</summary>
/// <param name="InfoHash">The swarm's info_hash (written as the JSON key).</param>
/// <param name="Complete">Peers that announced <c>completed</c> or <c>left:0</c>.</param>
/// <param name="Incomplete">Other peers.</param>
/// <param name="Downloaded">Number of <c>completed</c> events seen for the swarm.</param>
public readonly record struct ScrapeFile(WireId InfoHash, int Complete, int Incomplete, int Downloaded);
