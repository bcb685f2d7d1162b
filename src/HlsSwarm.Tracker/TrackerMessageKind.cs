namespace HlsSwarm.Tracker;

/// <summary>Kinds of client messages counted in <c>/stats</c> <c>messagesByKind</c>.</summary>
public enum TrackerMessageKind
{
    /// <summary>Announce without event, or <c>started</c>.</summary>
    Announce,

    /// <summary>Announce with <c>completed</c> (or <c>left:0</c> is not counted here, only the event).</summary>
    Completed,

    /// <summary>Announce with <c>stopped</c>.</summary>
    Stopped,

    /// <summary>Announce with <c>update</c>.</summary>
    Update,

    /// <summary>Announce with <c>paused</c>.</summary>
    Paused,

    /// <summary>Answer relay request.</summary>
    Answer,

    /// <summary>Scrape.</summary>
    Scrape,

    /// <summary>A message that failed to parse.</summary>
    Invalid,
}
