using HlsSwarm.Protocol.Swarm;

namespace HlsSwarm.Engine.Streams;

/// <summary>How swarm ids are formed (spec §1.1, §1.5).</summary>
/// <param name="SwarmId">
/// p2p-media-loader's <c>swarmId</c> setting, used verbatim; null (the default) takes the manifest URL without its query.
/// </param>
/// <param name="Rule">2.3.x metadata-derived stream indexes (default) or the 2.0–2.2 positions with MD5.</param>
public sealed record SwarmStreamOptions(string? SwarmId = null, SwarmIdRule Rule = SwarmIdRule.P2pml23)
{
    /// <summary>p2p-media-loader 2.3 defaults: swarm id from the manifest URL, 2.3.x rule.</summary>
    public static SwarmStreamOptions Default { get; } = new();
}
