namespace HlsSwarm.WebRtc.Sctp;

/// <summary>A queued user message: its stream, sequence number and reliability.</summary>
internal sealed class SctpOutboundMessage
{
    public required ushort StreamId { get; init; }

    /// <summary>Assigned when the first fragment is sent, so dropping an unsent message skips no sequence number.</summary>
    public ushort StreamSequence;

    public required uint Ppid { get; init; }

    public required bool Unordered { get; init; }

    public required SctpReliability Reliability { get; init; }

    /// <summary>Absolute expiry in ticks, or long.MaxValue.</summary>
    public required long ExpiresAt { get; init; }

    public required int Length { get; init; }

    public bool Abandoned;

    /// <summary>The pooled copy of the payload the chunks slice, until the last chunk is released (then null).</summary>
    public byte[]? Buffer;

    /// <summary>Chunks not yet acknowledged cumulatively or dropped unsent; at 0 <see cref="Buffer"/> goes back to the pool.</summary>
    public int ChunksLeft;
}
