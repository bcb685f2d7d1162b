namespace HlsSwarm.Protocol.Swarm;

/// <summary>
/// Everything that identifies one stream's swarm, as <c>hlsswarm inspect</c> prints it: the canonical string (2.3.x;
/// null under the legacy rule), streamIndex, streamSwarmId and info_hash (spec §1.1–§1.5).
/// </summary>
/// <param name="Type">Main (variant) or secondary (audio rendition).</param>
/// <param name="Canonical">The 2.3.x canonical string; null under <see cref="SwarmIdRule.Legacy22"/>.</param>
/// <param name="StreamIndex">The streamIndex: Base64 SHA-1 of <paramref name="Canonical"/>, or the decimal position.</param>
/// <param name="StreamSwarmId"><c>v2-</c> + swarmId + type + streamIndex.</param>
/// <param name="InfoHash">The 20-character info_hash as sent to the tracker.</param>
public sealed record StreamIdentity(StreamType Type, string? Canonical, string StreamIndex, string StreamSwarmId, string InfoHash)
{
    /// <summary>The identity of a main stream: <paramref name="variant"/> at <paramref name="position"/> among the levels.</summary>
    public static StreamIdentity ForVariant(string swarmId, VariantAttributes variant, int position, SwarmIdRule rule = SwarmIdRule.P2pml23) =>
        Create(swarmId, StreamType.Main, rule == SwarmIdRule.Legacy22 ? null : StreamCanonicalString.ForVariant(variant), position, rule);

    /// <summary>
    /// The identity of a secondary stream: <paramref name="rendition"/> (with its associated variant codecs filled in)
    /// at <paramref name="position"/> among the AUDIO renditions.
    /// </summary>
    public static StreamIdentity ForAudioRendition(string swarmId, AudioRenditionAttributes rendition, int position, SwarmIdRule rule = SwarmIdRule.P2pml23) =>
        Create(swarmId, StreamType.Secondary, rule == SwarmIdRule.Legacy22 ? null : StreamCanonicalString.ForAudioRendition(rendition), position, rule);

    /// <summary>
    /// The identity of a stream whose 2.3.x canonical string is already known (<see cref="StreamCanonicalString"/>);
    /// under <see cref="SwarmIdRule.Legacy22"/> the canonical string is dropped and <paramref name="position"/> is the index.
    /// </summary>
    public static StreamIdentity FromCanonical(string swarmId, StreamType type, string canonical, int position, SwarmIdRule rule = SwarmIdRule.P2pml23) =>
        Create(swarmId, type, rule == SwarmIdRule.Legacy22 ? null : canonical, position, rule);

    private static StreamIdentity Create(string swarmId, StreamType type, string? canonical, int position, SwarmIdRule rule)
    {
        var streamIndex = canonical is null ? SwarmIdentity.LegacyStreamIndex(position) : SwarmIdentity.StreamIndex(canonical);
        var streamSwarmId = SwarmIdentity.StreamSwarmId(swarmId, type, streamIndex);
        return new StreamIdentity(type, canonical, streamIndex, streamSwarmId, SwarmIdentity.InfoHash(streamSwarmId, rule));
    }
}
