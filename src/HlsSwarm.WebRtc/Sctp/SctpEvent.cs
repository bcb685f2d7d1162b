namespace HlsSwarm.WebRtc.Sctp;

/// <summary>Something the application learns from <see cref="SctpAssociation.TryPollEvent"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Message">The message, for <see cref="SctpEventKind.Message"/>.</param>
/// <param name="Streams">The streams, for stream reset events.</param>
/// <param name="Reason">Why, for <see cref="SctpEventKind.Closed"/> (null for a graceful shutdown).</param>
public readonly record struct SctpEvent(SctpEventKind Kind, SctpMessage Message = default, ushort[]? Streams = null, string? Reason = null);
