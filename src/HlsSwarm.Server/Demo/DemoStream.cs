namespace HlsSwarm.Server.Demo;

/// <summary>The two demo streams the origin counts separately.</summary>
public enum DemoStream
{
    /// <summary>The VOD at <c>/demo/vod/</c>.</summary>
    Vod,

    /// <summary>The looping live channel at <c>/demo/live/</c>.</summary>
    Live,
}
