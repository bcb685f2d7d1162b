using System.Text;
using HlsSwarm.WebRtc.Sctp;

namespace HlsSwarm.WebRtc.Dcep;

/// <summary>
/// WebRTC data channels over one <see cref="SctpAssociation"/> (<see href="https://www.rfc-editor.org/rfc/rfc8831">RFC 8831</see>)
/// with in-band negotiation by DCEP (<see href="https://www.rfc-editor.org/rfc/rfc8832">RFC 8832</see>). Sans-I/O: it
/// forwards the association's loop and translates its events.
/// </summary>
/// <remarks>
/// Same loop as <see cref="SctpAssociation"/>: <see cref="HandleReceive"/>, <see cref="HandleTimeout"/>,
/// <see cref="TryPollTransmit"/>, <see cref="TryPollEvent"/>, <see cref="PollTimeout"/>. Channels opened here use
/// even stream ids when we are the DTLS client and odd ones otherwise (RFC 8832 §6); closing resets the outgoing
/// stream and the channel is closed when both directions are reset (RFC 8831 §6.7).
/// </remarks>
public sealed class DataChannelEndpoint : ISansIoEndpoint<DataChannelEvent>
{
    private readonly bool dtlsClient;
    private readonly Dictionary<ushort, DataChannel> channels = [];
    private readonly Queue<DataChannelEvent> events = new();
    private readonly HashSet<ushort> staleOutgoingResets = [];
    private bool connected;

    /// <summary>Wraps <paramref name="association"/>; <paramref name="dtlsClient"/> is our DTLS role.</summary>
    public DataChannelEndpoint(SctpAssociation association, bool dtlsClient)
    {
        ArgumentNullException.ThrowIfNull(association);
        Association = association;
        this.dtlsClient = dtlsClient;
    }

    /// <summary>The association underneath.</summary>
    public SctpAssociation Association { get; }

    /// <summary>Open and closing channels by id.</summary>
    public IReadOnlyDictionary<ushort, DataChannel> Channels => channels;

    /// <summary>Feeds one SCTP packet.</summary>
    public void HandleReceive(long now, ReadOnlySpan<byte> packet)
    {
        Association.HandleReceive(now, packet);
        Pump();
    }

    /// <summary>Runs due timers.</summary>
    public void HandleTimeout(long now)
    {
        Association.HandleTimeout(now);
        Pump();
    }

    /// <summary>Next wake-up in ticks, or null.</summary>
    public long? PollTimeout() => Association.PollTimeout();

    /// <summary>Next packet to send, as <see cref="SctpAssociation.TryPollTransmit"/>.</summary>
    public bool TryPollTransmit(long now, Span<byte> destination, out int length) =>
        Association.TryPollTransmit(now, destination, out length);

    /// <summary>Next event.</summary>
    public bool TryPollEvent(out DataChannelEvent evt)
    {
        Pump();
        return events.TryDequeue(out evt);
    }

    /// <summary>
    /// Opens a channel: sends DATA_CHANNEL_OPEN on a free stream id of our parity. Returns the id, or null when no
    /// id is free or the association is closed.
    /// </summary>
    public ushort? Open(string label, DataChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        options ??= new DataChannelOptions();
        var id = FreeId();
        if (id is null)
        {
            return null;
        }

        var open = new DcepOpen(options.ChannelType, options.Priority, options.ReliabilityParameter, label, options.Protocol);

        // The OPEN goes reliably and in order so the messages that follow on the stream cannot overtake it (§6).
        if (Association.Send(id.Value, DataChannelPpid.Dcep, open.ToArray(), true, SctpReliability.Reliable) != SctpSendResult.Queued)
        {
            return null;
        }

        var channel = new DataChannel(id.Value, open, local: true);
        channels[id.Value] = channel;
        if (connected)
        {
            channel.State = DataChannelState.Open;
            events.Enqueue(new DataChannelEvent(DataChannelEventKind.ChannelOpen, id.Value));
        }

        return id;
    }

    /// <summary>Sends a binary message (an empty one travels as PPID 57 with one byte, RFC 8831 §6.6).</summary>
    public SctpSendResult Send(ushort channelId, ReadOnlySpan<byte> data) =>
        SendRaw(channelId, data.IsEmpty ? DataChannelPpid.BinaryEmpty : DataChannelPpid.Binary, data.IsEmpty ? [0] : data);

    /// <summary>Sends a string message as UTF-8 (PPID 51, or 56 when empty).</summary>
    public SctpSendResult SendText(ushort channelId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        return SendRaw(channelId, bytes.Length == 0 ? DataChannelPpid.StringEmpty : DataChannelPpid.String, bytes.Length == 0 ? [0] : bytes);
    }

    /// <summary>Bytes queued on the channel and not yet acknowledged (W3C bufferedAmount).</summary>
    public long GetBufferedAmount(ushort channelId) => Association.GetBufferedAmount(channelId);

    /// <summary>Closes a channel by resetting our outgoing stream (RFC 8831 §6.7).</summary>
    public void Close(ushort channelId)
    {
        if (channels.TryGetValue(channelId, out var channel) && channel.State is DataChannelState.Open or DataChannelState.Connecting)
        {
            channel.State = DataChannelState.Closing;
            Association.ResetStreams(channelId);
        }
    }

    private SctpSendResult SendRaw(ushort id, uint ppid, ReadOnlySpan<byte> data)
    {
        if (!channels.TryGetValue(id, out var channel) || channel.State is DataChannelState.Closing or DataChannelState.Closed)
        {
            return SctpSendResult.NotOpen;
        }

        var reliability = channel.ChannelType switch
        {
            DataChannelType.PartialReliableRexmit or DataChannelType.PartialReliableRexmitUnordered => new SctpReliability(MaxRetransmits: (int)Math.Min(channel.ReliabilityParameter, int.MaxValue)),
            DataChannelType.PartialReliableTimed or DataChannelType.PartialReliableTimedUnordered => new SctpReliability(Lifetime: TimeSpan.FromMilliseconds(channel.ReliabilityParameter)),
            _ => SctpReliability.Reliable,
        };

        // Until the ACK arrives, send in order so nothing overtakes the OPEN (RFC 8832 §6).
        var result = Association.Send(id, ppid, data, !(channel.Unordered && channel.Acked), reliability);
        channel.LastBuffered = Association.GetBufferedAmount(id);
        return result;
    }

    private ushort? FreeId()
    {
        // The lowest free id of our parity, as libwebrtc's SctpSidAllocator picks it: an id comes back into use once
        // its close has completed in both directions (RFC 8831 §6.7, RFC 6525 resets the SSNs to 0), so a peer that
        // keeps opening and closing channels stays on a few low ids instead of walking through all 32,767.
        for (var id = (int)DataChannelStreamIds.First(dtlsClient); id <= DataChannelStreamIds.Max; id += 2)
        {
            if (!channels.ContainsKey((ushort)id))
            {
                return (ushort)id;
            }
        }

        return null;
    }

    private void Pump()
    {
        while (Association.TryPollEvent(out var e))
        {
            switch (e.Kind)
            {
                case SctpEventKind.Connected:
                    connected = true;
                    events.Enqueue(new DataChannelEvent(DataChannelEventKind.Connected));
                    foreach (var c in channels.Values.Where(c => c.State == DataChannelState.Connecting))
                    {
                        c.State = DataChannelState.Open;
                        events.Enqueue(new DataChannelEvent(DataChannelEventKind.ChannelOpen, c.Id));
                    }

                    break;
                case SctpEventKind.Message:
                    OnMessage(e.Message);
                    break;
                case SctpEventKind.IncomingStreamsReset:
                    // An empty list resets every stream (RFC 6525 §4.1).
                    foreach (var id in e.Streams is { Length: > 0 } listed ? listed : [.. channels.Keys])
                    {
                        if (channels.TryGetValue(id, out var c))
                        {
                            c.IncomingReset = true;
                            if (c.State != DataChannelState.Closing)
                            {
                                // The peer closed: reset our side too (RFC 8831 §6.7).
                                c.State = DataChannelState.Closing;
                                Association.ResetStreams(id);
                            }

                            TryFinishClose(c);
                        }
                    }

                    break;
                case SctpEventKind.OutgoingStreamsReset:
                    foreach (var id in e.Streams is { Length: > 0 } listed ? listed : [.. channels.Keys])
                    {
                        if (staleOutgoingResets.Remove(id))
                        {
                            // The old channel's reset, finished after the peer reopened the id: the new one can talk now.
                            if (channels.TryGetValue(id, out var reopened) && reopened.State == DataChannelState.Open)
                            {
                                SendAck(id);
                            }

                            continue;
                        }

                        if (channels.TryGetValue(id, out var c))
                        {
                            c.OutgoingReset = true;
                            TryFinishClose(c);
                        }
                    }

                    break;
                case SctpEventKind.Closed:
                    foreach (var c in channels.Values)
                    {
                        c.State = DataChannelState.Closed;
                        events.Enqueue(new DataChannelEvent(DataChannelEventKind.ChannelClosed, c.Id));
                    }

                    channels.Clear();
                    events.Enqueue(new DataChannelEvent(DataChannelEventKind.Closed, Reason: e.Reason));
                    break;
            }
        }

        foreach (var c in channels.Values)
        {
            var now = Association.GetBufferedAmount(c.Id);
            if (c.LastBuffered > c.BufferedAmountLowThreshold && now <= c.BufferedAmountLowThreshold)
            {
                events.Enqueue(new DataChannelEvent(DataChannelEventKind.BufferedAmountLow, c.Id));
            }

            c.LastBuffered = now;
        }
    }

    private void TryFinishClose(DataChannel c)
    {
        if (c.IncomingReset && c.OutgoingReset)
        {
            c.State = DataChannelState.Closed;
            channels.Remove(c.Id);
            events.Enqueue(new DataChannelEvent(DataChannelEventKind.ChannelClosed, c.Id));
        }
    }

    private void OnMessage(SctpMessage m)
    {
        if (m.Ppid == DataChannelPpid.Dcep)
        {
            OnDcep(m);
            return;
        }

        if (!channels.TryGetValue(m.StreamId, out var channel) || channel.State == DataChannelState.Closed)
        {
            return; // Data on a stream without a channel is dropped.
        }

        // Receiving user data implies the peer got our OPEN (RFC 8832 §6).
        channel.Acked = true;
        switch (m.Ppid)
        {
            case DataChannelPpid.String:
                events.Enqueue(new DataChannelEvent(DataChannelEventKind.Message, m.StreamId, m.Data, IsString: true));
                break;
            case DataChannelPpid.Binary:
                events.Enqueue(new DataChannelEvent(DataChannelEventKind.Message, m.StreamId, m.Data));
                break;
            case DataChannelPpid.StringEmpty:
                events.Enqueue(new DataChannelEvent(DataChannelEventKind.Message, m.StreamId, [], IsString: true));
                break;
            case DataChannelPpid.BinaryEmpty:
                events.Enqueue(new DataChannelEvent(DataChannelEventKind.Message, m.StreamId, []));
                break;
        }
    }

    private void OnDcep(SctpMessage m)
    {
        if (DcepAck.TryRead(m.Data) == DcepDecodeError.None)
        {
            if (channels.TryGetValue(m.StreamId, out var acked))
            {
                acked.Acked = true;
            }

            return;
        }

        if (DcepOpen.TryRead(m.Data, out var open, out _) != DcepDecodeError.None)
        {
            return;
        }

        // The peer must open on its own parity (RFC 8832 §6).
        if (!DataChannelStreamIds.IsValidFor(!dtlsClient, m.StreamId))
        {
            return;
        }

        if (channels.TryGetValue(m.StreamId, out var previous))
        {
            // A peer reuses an id once its close has completed: it has answered our reset request (so our incoming
            // side is reset too) and we answered its own. Our answer can arrive before the peer's answer to our
            // request (lost and retransmitted, or reordered), so the OPEN may overtake the end of the old channel here:
            // it proves the old channel is gone at the peer, so finish it and take the new one (RFC 8831 §6.7). The
            // reset of our outgoing stream still completes later and must not touch the new channel. Any other clash
            // (a channel that is open) is a peer error and is ignored.
            if (previous.State != DataChannelState.Closing || !previous.IncomingReset)
            {
                return;
            }

            previous.State = DataChannelState.Closed;
            channels.Remove(m.StreamId);
            events.Enqueue(new DataChannelEvent(DataChannelEventKind.ChannelClosed, m.StreamId));
            if (!previous.OutgoingReset)
            {
                staleOutgoingResets.Add(m.StreamId);
            }
        }

        var channel = new DataChannel(m.StreamId, open, local: false) { State = DataChannelState.Open, Acked = true };
        channels[m.StreamId] = channel;
        SendAck(m.StreamId);
        events.Enqueue(new DataChannelEvent(DataChannelEventKind.ChannelOpen, m.StreamId));
    }

    private void SendAck(ushort id)
    {
        // While the old channel's reset of our outgoing stream is in flight the stream takes no data; the ACK goes out
        // when that reset completes (see OutgoingStreamsReset). Until then the peer sends in order, as it must.
        if (!staleOutgoingResets.Contains(id))
        {
            Association.Send(id, DataChannelPpid.Dcep, DcepAck.Bytes, true, SctpReliability.Reliable);
        }
    }
}
