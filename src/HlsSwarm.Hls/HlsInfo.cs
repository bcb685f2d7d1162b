namespace HlsSwarm.Hls;

/// <summary>Standards the playlist model follows.</summary>
public static class HlsInfo
{
    /// <summary>The HLS specification this library implements.</summary>
    public const string Specification = "RFC 8216";
}
