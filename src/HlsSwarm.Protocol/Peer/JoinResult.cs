namespace HlsSwarm.Protocol.Peer;

/// <summary>What <see cref="CommandJoiner.Push"/> made of one received data-channel message (spec §4.1, §4.2).</summary>
public enum JoinResult
{
    /// <summary>Not a command chunk: the message is segment data, for the active download if any (spec §4.6).</summary>
    SegmentData,

    /// <summary>A command is complete; its body is the <c>command</c> output.</summary>
    CommandCompleted,

    /// <summary>A first or middle chunk was buffered; more chunks must follow.</summary>
    ChunkBuffered,

    /// <summary>A continuation chunk (<c>dstr…</c>) arrived with no command pending; it was discarded (JS "no-first-chunk").</summary>
    DiscardedNoFirstChunk,

    /// <summary>
    /// A new command (<c>cstr…</c>) arrived while one was pending; the pending command and this chunk were both
    /// discarded (JS "incomplete-joining").
    /// </summary>
    DiscardedIncompleteJoining,

    /// <summary>The pending command grew past <see cref="CommandJoiner.MaxCommandLength"/>; it and this chunk were discarded (our limit, not the JS's).</summary>
    DiscardedTooLarge,
}
