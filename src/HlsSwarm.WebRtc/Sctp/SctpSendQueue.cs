namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// Unsent DATA fragments, one FIFO per stream, served round robin at message boundaries so a large message on one
/// stream (data channel) does not hold up the others. The fragments of one message keep consecutive TSNs, as
/// RFC 9260 §6.9 requires for DATA chunks, because a started message is finished before the next stream's turn.
/// </summary>
internal sealed class SctpSendQueue
{
    private readonly Dictionary<ushort, Queue<SctpOutboundChunk>> streams = [];
    private readonly Queue<ushort> order = new();
    private bool inMessage;

    /// <summary>Fragments waiting.</summary>
    public int Count { get; private set; }

    public void Enqueue(SctpOutboundChunk chunk)
    {
        var id = chunk.Message.StreamId;
        if (!streams.TryGetValue(id, out var queue))
        {
            queue = new Queue<SctpOutboundChunk>();
            streams[id] = queue;
            order.Enqueue(id);
        }

        queue.Enqueue(chunk);
        Count++;
    }

    /// <summary>The next fragment to send: the rest of the message in progress, else the head of the next stream.</summary>
    public bool TryPeek(out SctpOutboundChunk chunk)
    {
        while (order.TryPeek(out var id))
        {
            if (streams[id].TryPeek(out chunk!))
            {
                return true;
            }

            order.Dequeue();
            streams.Remove(id);
            inMessage = false;
        }

        chunk = null!;
        return false;
    }

    /// <summary>Removes the fragment <see cref="TryPeek"/> returned.</summary>
    public SctpOutboundChunk Dequeue()
    {
        if (!TryPeek(out _))
        {
            throw new InvalidOperationException("The send queue is empty.");
        }

        var id = order.Peek();
        var chunk = streams[id].Dequeue();
        Count--;
        inMessage = !chunk.Ending;
        if (!inMessage)
        {
            Rotate();
        }

        return chunk;
    }

    /// <summary>True when fragments of <paramref name="streamId"/> wait.</summary>
    public bool HasPending(ushort streamId) => streams.TryGetValue(streamId, out var queue) && queue.Count > 0;

    /// <summary>Removes the unsent fragments of <paramref name="message"/>; returns them.</summary>
    public List<SctpOutboundChunk> Remove(SctpOutboundMessage message)
    {
        var removed = new List<SctpOutboundChunk>();
        if (!streams.TryGetValue(message.StreamId, out var queue))
        {
            return removed;
        }

        var wasHead = order.TryPeek(out var head) && head == message.StreamId && queue.TryPeek(out var first) && first.Message == message;
        var kept = new Queue<SctpOutboundChunk>();
        foreach (var c in queue)
        {
            if (c.Message == message)
            {
                removed.Add(c);
            }
            else
            {
                kept.Enqueue(c);
            }
        }

        streams[message.StreamId] = kept;
        Count -= removed.Count;
        if (wasHead && inMessage)
        {
            // The message in progress is gone: the stream's turn ends.
            inMessage = false;
            Rotate();
        }

        return removed;
    }

    public void Clear()
    {
        streams.Clear();
        order.Clear();
        Count = 0;
        inMessage = false;
    }

    private void Rotate()
    {
        var id = order.Dequeue();
        if (streams[id].Count > 0)
        {
            order.Enqueue(id);
        }
        else
        {
            streams.Remove(id);
        }
    }
}
