namespace HlsSwarm.WebRtc.Dcep;

/// <summary>Something the application learns from <see cref="DataChannelEndpoint.TryPollEvent"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="ChannelId">The channel, for channel events.</param>
/// <param name="Data">Message payload (UTF-8 for strings); empty for the "empty" PPIDs.</param>
/// <param name="IsString">True for string messages (PPID 51 or 56).</param>
/// <param name="Reason">Why the association closed.</param>
public readonly record struct DataChannelEvent(DataChannelEventKind Kind, ushort ChannelId = 0, byte[]? Data = null, bool IsString = false, string? Reason = null);
