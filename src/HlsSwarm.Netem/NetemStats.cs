namespace HlsSwarm.Netem;

/// <summary>Counters of one link, for assertions and reports.</summary>
public sealed class NetemStats
{
    /// <summary>Datagrams passed to <see cref="NetemLink.Send"/>.</summary>
    public long Sent { get; internal set; }

    /// <summary>Datagrams handed out by <see cref="NetemLink.TryReceive"/>.</summary>
    public long Delivered { get; internal set; }

    /// <summary>Datagrams dropped by the loss model.</summary>
    public long Lost { get; internal set; }

    /// <summary>Datagrams dropped because the bottleneck queue was full.</summary>
    public long QueueDropped { get; internal set; }

    /// <summary>Extra copies made by duplication.</summary>
    public long Duplicated { get; internal set; }

    /// <summary>Datagrams held back for reordering.</summary>
    public long Reordered { get; internal set; }
}
