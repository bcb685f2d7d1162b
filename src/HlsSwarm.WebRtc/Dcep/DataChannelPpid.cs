namespace HlsSwarm.WebRtc.Dcep;

/// <summary>
/// SCTP payload protocol identifiers of WebRTC data channels
/// (<see href="https://www.rfc-editor.org/rfc/rfc8831#section-8">RFC 8831 §8</see>, RFC 8832 §8.1).
/// </summary>
public static class DataChannelPpid
{
    /// <summary>WebRTC DCEP.</summary>
    public const uint Dcep = 50;

    /// <summary>WebRTC String (UTF-8).</summary>
    public const uint String = 51;

    /// <summary>WebRTC Binary.</summary>
    public const uint Binary = 53;

    /// <summary>WebRTC String Empty: the one-byte payload stands for an empty string (RFC 8831 §6.6).</summary>
    public const uint StringEmpty = 56;

    /// <summary>WebRTC Binary Empty: the one-byte payload stands for an empty binary message.</summary>
    public const uint BinaryEmpty = 57;
}
