namespace HlsSwarm.Protocol.Tracker;

/// <summary>What a parsed client → tracker message asks for (spec §2.5 point 2, "classify").</summary>
public enum TrackerRequestKind
{
    /// <summary>Nothing parsed yet, or the message was invalid.</summary>
    None,

    /// <summary><c>action:"announce"</c> without an answer (join, refresh, stop, complete; may carry offers).</summary>
    Announce,

    /// <summary><c>action:"announce"</c> with <c>answer</c> and no <c>event</c>: relay the answer to <c>to_peer_id</c>.</summary>
    Answer,

    /// <summary><c>action:"scrape"</c>.</summary>
    Scrape,
}
