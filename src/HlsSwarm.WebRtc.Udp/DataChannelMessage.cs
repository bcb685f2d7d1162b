namespace HlsSwarm.WebRtc.Udp;

/// <summary>One received data-channel message.</summary>
/// <param name="Data">The message bytes (owned by the receiver).</param>
/// <param name="IsString">Sent as a string (UTF-8, PPID 51/56, RFC 8831 §8) rather than binary.</param>
public readonly record struct DataChannelMessage(byte[] Data, bool IsString);
