namespace HlsSwarm.Server.Demo;

/// <summary>What a served response carried.</summary>
public enum OriginPayload
{
    /// <summary>A master or media playlist.</summary>
    Playlist,

    /// <summary>A media segment.</summary>
    Segment,
}
