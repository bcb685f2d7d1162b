namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// The receiving half of an association: which TSNs arrived (for SACK, RFC 9260 §6.2), reassembly of fragments
/// (§6.9), and ordered/unordered delivery per stream (§6.6). Bytes held here count against the advertised window.
/// </summary>
internal sealed class SctpInbound
{
    private readonly Dictionary<uint, DataChunk> held = [];
    private readonly SortedSet<uint> receivedAbove = new(Tsn.Comparer);
    private readonly Dictionary<ushort, StreamState> streams = [];
    private readonly List<uint> duplicates = [];
    private readonly int maxMessageSize;

    public SctpInbound(uint peerInitialTsn, int maxMessageSize)
    {
        CumulativeTsn = peerInitialTsn - 1;
        this.maxMessageSize = maxMessageSize;
    }

    /// <summary>Last TSN received in sequence.</summary>
    public uint CumulativeTsn { get; private set; }

    /// <summary>Payload bytes held for reassembly or in-order delivery.</summary>
    public long BufferedBytes { get; private set; }

    /// <summary>True when TSNs above the cumulative ack are missing.</summary>
    public bool HasGaps => receivedAbove.Count > 0;

    /// <summary>True when duplicates wait to be reported.</summary>
    public bool HasDuplicates => duplicates.Count > 0;

    /// <summary>Messages larger than the configured maximum that were dropped.</summary>
    public long OversizedMessages { get; private set; }

    /// <summary>
    /// Takes one DATA chunk. Returns false for a duplicate (reported in the next SACK) or a chunk dropped for lack of
    /// window; completed messages are added to <paramref name="delivered"/>.
    /// </summary>
    public bool Receive(DataChunk chunk, long window, List<SctpMessage> delivered)
    {
        var tsn = chunk.Tsn;
        if (Tsn.Le(tsn, CumulativeTsn) || receivedAbove.Contains(tsn))
        {
            duplicates.Add(tsn);
            return false;
        }

        // Keep accepting the chunk that fills the first hole, so a window full of out-of-order data never wedges
        // (RFC 9260 §6.2 lets a receiver drop chunks beyond its window, but not all of them).
        if (tsn != CumulativeTsn + 1 && BufferedBytes + chunk.Payload.Length > window)
        {
            return false;
        }

        // Stay within a range SortedSet can order by serial arithmetic.
        if (tsn - CumulativeTsn > 1u << 20)
        {
            return false;
        }

        if (tsn == CumulativeTsn + 1)
        {
            CumulativeTsn = tsn;
            while (receivedAbove.Count > 0 && receivedAbove.Min == CumulativeTsn + 1)
            {
                CumulativeTsn++;
                receivedAbove.Remove(CumulativeTsn);
            }
        }
        else
        {
            receivedAbove.Add(tsn);
        }

        if (chunk.Beginning && chunk.Ending && chunk.Payload.Length <= maxMessageSize)
        {
            // Fast path for unfragmented messages: no reassembly, and the decoder's copy becomes the message.
            var data = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(chunk.Payload, out var segment)
                && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : chunk.Payload.ToArray();
            var message = new SctpMessage(chunk.StreamId, chunk.Ppid, data, chunk.Unordered);
            if (chunk.Unordered)
            {
                delivered.Add(message);
                return true;
            }

            var state = Stream(chunk.StreamId);
            if (chunk.StreamSequence == state.NextSsn)
            {
                delivered.Add(message);
                state.NextSsn++;
                DeliverReady(state, delivered);
            }
            else if (Tsn.SsnLt(state.NextSsn, chunk.StreamSequence))
            {
                BufferedBytes += data.Length;
                state.Ready[chunk.StreamSequence] = message;
            }

            return true;
        }

        held[tsn] = chunk;
        BufferedBytes += chunk.Payload.Length;

        // A message can only complete when its E fragment arrives or a hole before an arrived fragment is filled;
        // checking only then keeps reassembly linear in the number of fragments.
        if (chunk.Ending || held.ContainsKey(tsn + 1))
        {
            TryAssemble(tsn, delivered);
        }

        return true;
    }

    /// <summary>Gap ack blocks relative to the cumulative TSN, at most <paramref name="max"/>.</summary>
    public GapAckBlock[] GapBlocks(int max)
    {
        var blocks = new List<GapAckBlock>();
        uint? start = null;
        uint prev = 0;
        foreach (var tsn in receivedAbove)
        {
            if (start is null || tsn != prev + 1)
            {
                if (start is { } s)
                {
                    blocks.Add(new GapAckBlock((ushort)(s - CumulativeTsn), (ushort)(prev - CumulativeTsn)));
                    if (blocks.Count == max)
                    {
                        return [.. blocks];
                    }
                }

                start = tsn;
            }

            prev = tsn;
        }

        if (start is { } last)
        {
            blocks.Add(new GapAckBlock((ushort)(last - CumulativeTsn), (ushort)(prev - CumulativeTsn)));
        }

        return [.. blocks];
    }

    /// <summary>Duplicates since the last SACK (cleared), at most <paramref name="max"/>.</summary>
    public uint[] TakeDuplicates(int max)
    {
        var result = duplicates.Take(max).ToArray();
        duplicates.Clear();
        return result;
    }

    /// <summary>
    /// Applies a FORWARD-TSN (RFC 3758 §3.6): moves the cumulative TSN, drops fragments it skips, and lets ordered
    /// streams move past skipped sequence numbers.
    /// </summary>
    public void ForwardTsn(ForwardTsnChunk forward, List<SctpMessage> delivered)
    {
        if (Tsn.Le(forward.NewCumulativeTsn, CumulativeTsn))
        {
            return;
        }

        CumulativeTsn = forward.NewCumulativeTsn;
        while (receivedAbove.Count > 0 && Tsn.Le(receivedAbove.Min, CumulativeTsn))
        {
            receivedAbove.Remove(receivedAbove.Min);
        }

        while (receivedAbove.Count > 0 && receivedAbove.Min == CumulativeTsn + 1)
        {
            CumulativeTsn++;
            receivedAbove.Remove(CumulativeTsn);
        }

        foreach (var tsn in held.Keys.Where(t => Tsn.Le(t, forward.NewCumulativeTsn)).ToList())
        {
            BufferedBytes -= held[tsn].Payload.Length;
            held.Remove(tsn);
        }

        foreach (var s in forward.Streams)
        {
            var state = Stream(s.StreamId);
            if (!Tsn.SsnLt(s.StreamSequence, state.NextSsn))
            {
                foreach (var ssn in state.Ready.Keys.Where(k => !Tsn.SsnLt(s.StreamSequence, k)).ToList())
                {
                    BufferedBytes -= state.Ready[ssn].Data.Length;
                    state.Ready.Remove(ssn);
                }

                state.NextSsn = (ushort)(s.StreamSequence + 1);
                DeliverReady(state, delivered);
            }
        }
    }

    /// <summary>Restarts the incoming sequence numbers of <paramref name="ids"/> at 0; none listed means all (RFC 6525 §4.1, §5.2.2).</summary>
    public void ResetStreams(ushort[] ids)
    {
        foreach (var id in ids.Length == 0 ? [.. streams.Keys] : ids)
        {
            if (streams.Remove(id, out var state))
            {
                foreach (var m in state.Ready.Values)
                {
                    BufferedBytes -= m.Data.Length;
                }
            }
        }
    }

    private StreamState Stream(ushort id)
    {
        if (!streams.TryGetValue(id, out var state))
        {
            state = new StreamState();
            streams[id] = state;
        }

        return state;
    }

    private void TryAssemble(uint tsn, List<SctpMessage> delivered)
    {
        var chunk = held[tsn];

        // Fragments of one message carry consecutive TSNs (RFC 9260 §6.9): walk back to B and forward to E.
        var first = tsn;
        while (!held[first].Beginning)
        {
            if (!held.TryGetValue(first - 1, out var prev) || !SameMessage(prev, chunk) || prev.Ending)
            {
                return;
            }

            first--;
        }

        var last = tsn;
        var size = 0L;
        for (var t = first; ; t++)
        {
            size += held[t].Payload.Length;
            if (held[t].Ending)
            {
                last = t;
                break;
            }

            if (!held.TryGetValue(t + 1, out var next) || !SameMessage(next, chunk) || next.Beginning)
            {
                return;
            }
        }

        // Every byte is written below: no need to zero 256 KiB first.
        var data = GC.AllocateUninitializedArray<byte>((int)size);
        var at = 0;
        for (var t = first; ; t++)
        {
            var part = held[t].Payload;
            part.Span.CopyTo(data.AsSpan(at));
            at += part.Length;
            held.Remove(t);
            if (t == last)
            {
                break;
            }
        }

        if (size > maxMessageSize)
        {
            // Larger than we advertised (max-message-size, RFC 8841 §6): drop it rather than grow without bound.
            BufferedBytes -= size;
            OversizedMessages++;
            return;
        }

        var message = new SctpMessage(chunk.StreamId, chunk.Ppid, data, chunk.Unordered);
        if (chunk.Unordered)
        {
            BufferedBytes -= size;
            delivered.Add(message);
            return;
        }

        var state = Stream(chunk.StreamId);
        if (Tsn.SsnLt(chunk.StreamSequence, state.NextSsn))
        {
            // Stale (e.g. after a FORWARD-TSN skipped it).
            BufferedBytes -= size;
            return;
        }

        state.Ready[chunk.StreamSequence] = message;
        DeliverReady(state, delivered);
    }

    private void DeliverReady(StreamState state, List<SctpMessage> delivered)
    {
        while (state.Ready.Remove(state.NextSsn, out var m))
        {
            BufferedBytes -= m.Data.Length;
            delivered.Add(m);
            state.NextSsn++;
        }
    }

    private static bool SameMessage(DataChunk a, DataChunk b) =>
        a.StreamId == b.StreamId && a.Unordered == b.Unordered && (a.Unordered || a.StreamSequence == b.StreamSequence);

    private sealed class StreamState
    {
        public ushort NextSsn;
        public readonly Dictionary<ushort, SctpMessage> Ready = [];
    }
}
