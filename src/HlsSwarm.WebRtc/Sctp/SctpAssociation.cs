using System.Buffers;
using System.Buffers.Binary;

namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// One SCTP association over DTLS (<see href="https://www.rfc-editor.org/rfc/rfc9260">RFC 9260</see>,
/// <see href="https://www.rfc-editor.org/rfc/rfc8261">RFC 8261</see>) as a sans-I/O state machine: packets and time
/// in, packets, events and a wake-up time out. It never reads a clock, starts a timer or draws from a shared random
/// source.
/// </summary>
/// <remarks>
/// <para>Time: <c>now</c> is monotonic <see cref="TimeSpan"/> ticks (100 ns) from any origin.</para>
/// <para>Loop contract (one owner; not thread-safe):</para>
/// <code>
/// assoc.Connect(now);                                   // the side that sends INIT; both sides may call it
/// loop:
///   on DTLS application data: assoc.HandleReceive(now, bytes)
///   when now >= assoc.PollTimeout(): assoc.HandleTimeout(now)
///   while (assoc.TryPollTransmit(now, buffer, out n)) dtls.Send(buffer[..n])   // buffer.Length >= Mtu
///   while (assoc.TryPollEvent(out e)) handle(e)
/// </code>
/// <para><see cref="Send"/>, <see cref="ResetStreams"/>, <see cref="Shutdown"/> and <see cref="Abort"/> only queue;
/// the packets they cause come out of the next <see cref="TryPollTransmit"/>.</para>
/// </remarks>
public sealed class SctpAssociation : ISansIoEndpoint<SctpEvent>
{
    private static readonly List<SctpOutboundChunk> NoChunks = [];
    private static readonly byte[] OurExtensions = [(byte)SctpChunkType.ReConfig, (byte)SctpChunkType.ForwardTsn];

    private readonly SctpOptions options;
    private readonly byte[] cookieKey = new byte[32];
    private readonly uint myTag;
    private readonly uint myInitialTsn;
    private readonly SctpRtoEstimator rto;
    private readonly Queue<(byte[] Chunk, uint Tag)> control = new();
    private readonly Queue<SctpEvent> events = new();
    private readonly List<SctpMessage> delivered = [];
    private readonly SctpSendQueue pending = new();
    private readonly List<SctpOutboundChunk> outstanding = [];
    private readonly Dictionary<ushort, ushort> nextSsn = [];
    private readonly Dictionary<ushort, long> bufferedPerStream = [];
    private readonly HashSet<ushort> resetQueued = [];

    private long now;
    private bool finished;

    // Peer, known after INIT ACK or COOKIE ECHO.
    private uint peerTag;
    private SctpInbound? inbound;
    private bool peerForwardTsn;
    private bool peerReConfig;
    private long peerWindow;

    // Handshake (RFC 9260 §5.1): the chunk T1-init retransmits.
    private byte[]? handshakeChunk;
    private uint handshakeTag;
    private int handshakeRetransmits;
    private long t1At = long.MaxValue;

    // Sending (RFC 9260 §6.1, §7).
    private uint nextTsn;
    private uint cumulativeAckReceived;
    private uint advancedPeerAckPoint;
    private long flightSize;
    private long cwnd;
    private long ssthresh;
    private long partialBytesAcked;
    private bool fastRecovery;
    private uint fastRecoveryExit;
    private bool fastRetransmitBurst;
    private bool retransmitsMarked;
    private int gapAckedCount;
    private bool forwardTsnNeeded;
    private long t3At = long.MaxValue;
    private int errorCount;

    // Receiving (RFC 9260 §6.2).
    private bool sackNow;
    private int packetsSinceSack;
    private long delayedAckAt = long.MaxValue;
    private long eventBytes;
    private long lastAdvertisedWindow;

    // Heartbeats (RFC 9260 §8.3).
    private long heartbeatAt = long.MaxValue;
    private bool heartbeatUnanswered;

    // Shutdown (RFC 9260 §9.2).
    private long t2At = long.MaxValue;
    private int t2Retransmits;

    // Stream reset (RFC 6525).
    private uint myReConfigSeq;
    private uint peerNextReConfigSeq;
    private ReConfigResult lastPeerRequestResult;
    private OutgoingSsnResetRequest? resetInFlight;
    private long reconfigAt = long.MaxValue;

    /// <summary>Creates an association; <paramref name="random"/> supplies the tags, initial TSN and cookie key.</summary>
    public SctpAssociation(SctpOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        if (options.Mtu < 256 || options.ReceiveWindow < 1500 || options.MaxMessageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MTU ≥ 256, receive window ≥ 1500 and max message size ≥ 1 are required.");
        }

        this.options = options;
        random.NextBytes(cookieKey);
        do
        {
            myTag = (uint)random.NextInt64(1, uint.MaxValue);
        }
        while (myTag == 0);

        myInitialTsn = (uint)random.NextInt64(0, uint.MaxValue);
        nextTsn = myInitialTsn;
        cumulativeAckReceived = myInitialTsn - 1;
        advancedPeerAckPoint = cumulativeAckReceived;
        myReConfigSeq = myInitialTsn;
        rto = new SctpRtoEstimator(options.RtoInitial, options.RtoMin, options.RtoMax);
        cwnd = InitialCwnd;
        RemoteMaxMessageSize = options.MaxMessageSize;
    }

    /// <summary>The association state.</summary>
    public SctpAssociationState State { get; private set; }

    /// <summary>Counters.</summary>
    public SctpStats Stats { get; } = new();

    /// <summary>The peer's max-message-size from SDP (RFC 8841 §6); larger messages are refused by <see cref="Send"/>.</summary>
    public int RemoteMaxMessageSize { get; set; }

    /// <summary>Congestion window in bytes (for diagnostics).</summary>
    public long CongestionWindow => cwnd;

    /// <summary>Current retransmission timeout.</summary>
    public TimeSpan Rto => TimeSpan.FromTicks(rto.Rto);

    /// <summary>Bytes queued or in flight and not yet acknowledged, over all streams.</summary>
    public long BufferedAmount { get; private set; }

    private long InitialCwnd => Math.Min(4L * options.Mtu, Math.Max(2L * options.Mtu, 4404)); // RFC 9260 §7.2.1

    private bool IsEstablishedLike => State is SctpAssociationState.Established or SctpAssociationState.ShutdownPending
        or SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownReceived or SctpAssociationState.ShutdownAckSent;

    /// <summary>Bytes of <paramref name="streamId"/> queued or in flight and not yet acknowledged.</summary>
    public long GetBufferedAmount(ushort streamId) => bufferedPerStream.GetValueOrDefault(streamId);

    /// <summary>Starts the association by sending INIT (RFC 9260 §5.1 A). Without it the association only answers an INIT.</summary>
    public void Connect(long now)
    {
        this.now = now;
        if (finished || State != SctpAssociationState.Closed || inbound is not null)
        {
            return;
        }

        var init = new InitChunk(new SctpInitFields(
            myTag, (uint)options.ReceiveWindow, options.Streams, options.Streams, myInitialTsn, true, OurExtensions));
        var chunk = new byte[init.GetSerializedLength()];
        init.WriteTo(chunk);
        StartHandshake(chunk, 0);
        State = SctpAssociationState.CookieWait;
    }

    /// <summary>
    /// Queues a message. Fragmentation, TSNs and stream sequence numbers are assigned when it is transmitted;
    /// the payload is copied.
    /// </summary>
    public SctpSendResult Send(ushort streamId, uint ppid, ReadOnlySpan<byte> payload, bool ordered, SctpReliability reliability)
    {
        // Before the handshake, messages wait for it; after a shutdown starts or the association ended, they are refused.
        if (finished || State is not (SctpAssociationState.Closed or SctpAssociationState.Established or SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed))
        {
            return SctpSendResult.NotOpen;
        }

        if (payload.IsEmpty)
        {
            return SctpSendResult.Empty;
        }

        if (payload.Length > RemoteMaxMessageSize)
        {
            return SctpSendResult.TooLarge;
        }

        if (resetQueued.Contains(streamId) || (resetInFlight is { } r && Array.IndexOf(r.Streams, streamId) >= 0))
        {
            return SctpSendResult.StreamResetting;
        }

        // The copy comes from a pool and goes back when the peer has the last fragment (or it was abandoned): a fresh
        // array per message would put every message of 85 KB or more (p2p-media-loader sends 256 KiB) on the large
        // object heap, whose collections cost the sender ~30 % more CPU per byte in the loopback benchmark.
        var data = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(data);
        var max = options.MaxDataPayload;
        var message = new SctpOutboundMessage
        {
            StreamId = streamId,
            Ppid = ppid,
            Unordered = !ordered,
            Reliability = reliability,
            ExpiresAt = reliability.Lifetime is { } life ? now + life.Ticks : long.MaxValue,
            Length = payload.Length,
            Buffer = data,
            ChunksLeft = (payload.Length + max - 1) / max,
        };
        for (var at = 0; at < payload.Length; at += max)
        {
            var length = Math.Min(max, payload.Length - at);
            pending.Enqueue(new SctpOutboundChunk
            {
                Message = message,
                Payload = data.AsMemory(at, length),
                Beginning = at == 0,
                Ending = at + length == payload.Length,
            });
        }

        BufferedAmount += payload.Length;
        bufferedPerStream[streamId] = GetBufferedAmount(streamId) + payload.Length;
        return SctpSendResult.Queued;
    }

    /// <summary>
    /// Resets our outgoing side of the streams (RFC 6525 §5.1.2), which closes a data channel (RFC 8831 §6.7).
    /// The request goes out once the messages already queued on them have been sent.
    /// </summary>
    public void ResetStreams(params ushort[] streamIds)
    {
        foreach (var id in streamIds)
        {
            resetQueued.Add(id);
        }
    }

    /// <summary>Starts a graceful shutdown (RFC 9260 §9.2) once queued data is delivered.</summary>
    public void Shutdown()
    {
        if (State == SctpAssociationState.Established)
        {
            State = SctpAssociationState.ShutdownPending;
            TryProgressShutdown();
        }
        else if (State is SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed)
        {
            Close(null);
        }
    }

    /// <summary>Aborts the association (RFC 9260 §9.1): one ABORT goes out, then the association is closed.</summary>
    public void Abort(string reason)
    {
        if (State == SctpAssociationState.Closed)
        {
            return;
        }

        if (inbound is not null)
        {
            var abort = new AbortChunk(false, [SctpErrorCause.UserInitiatedAbort(reason)]);
            var chunk = new byte[abort.GetSerializedLength()];
            abort.WriteTo(chunk);
            control.Clear();
            control.Enqueue((chunk, peerTag));
        }

        Close("aborted locally: " + reason);
    }

    /// <summary>Takes one SCTP packet (one DTLS application-data record, RFC 8261 §5).</summary>
    public void HandleReceive(long now, ReadOnlySpan<byte> packet)
    {
        this.now = now;
        Stats.PacketsReceived++;
        if (!SctpChecksum.Verify(packet) || SctpCommonHeader.TryRead(packet, out var header) != SctpDecodeError.None)
        {
            Stats.PacketsDropped++;
            return;
        }

        var chunks = packet[SctpCommonHeader.Length..];
        if (chunks.Length < SctpChunk.HeaderLength)
        {
            Stats.PacketsDropped++;
            return;
        }

        var firstType = chunks[0];
        if (firstType == (byte)SctpChunkType.Init)
        {
            // RFC 9260 §8.5.1 A: INIT travels alone with tag 0.
            if (header.VerificationTag != 0 || SctpChunk.TryRead(chunks, out var c, out _) != SctpDecodeError.None
                || InitChunk.TryRead(c, out var init) != SctpDecodeError.None)
            {
                Stats.PacketsDropped++;
                return;
            }

            HandleInit(init.Fields);
            return;
        }

        if (header.VerificationTag != myTag && !IsReflectedTag(header.VerificationTag, chunks))
        {
            // RFC 9260 §8.5: silently discard packets with the wrong verification tag.
            Stats.PacketsDropped++;
            return;
        }

        var hadData = false;
        var immediate = false;
        while (chunks.Length > 0)
        {
            if (SctpChunk.TryRead(chunks, out var chunk, out var consumed) != SctpDecodeError.None)
            {
                Stats.PacketsDropped++;
                break;
            }

            chunks = chunks[consumed..];
            var ok = HandleChunk(chunk, ref hadData, ref immediate);
            if (!ok)
            {
                break;
            }

            if (State == SctpAssociationState.Closed && inbound is null)
            {
                break;
            }
        }

        if (hadData)
        {
            ScheduleSack(immediate);
        }
    }

    /// <summary>Runs every timer that is due at <paramref name="now"/>.</summary>
    public void HandleTimeout(long now)
    {
        this.now = now;
        if (t1At <= now)
        {
            OnT1Expired();
        }

        if (t3At <= now)
        {
            OnT3Expired();
        }

        if (delayedAckAt <= now)
        {
            delayedAckAt = long.MaxValue;
            sackNow = true;
        }

        if (t2At <= now)
        {
            OnT2Expired();
        }

        if (reconfigAt <= now)
        {
            reconfigAt = long.MaxValue;
            if (resetInFlight is { } request)
            {
                QueueReConfig(new ReConfigChunk(request, null));
                reconfigAt = now + rto.Rto;
            }
        }

        if (heartbeatAt <= now)
        {
            OnHeartbeatTimer();
        }
    }

    /// <summary>The next time <see cref="HandleTimeout"/> must run, or null when no timer is armed.</summary>
    public long? PollTimeout()
    {
        var next = Math.Min(Math.Min(Math.Min(t1At, t3At), Math.Min(delayedAckAt, t2At)), Math.Min(reconfigAt, heartbeatAt));
        return next == long.MaxValue ? null : next;
    }

    /// <summary>Takes the next event.</summary>
    public bool TryPollEvent(out SctpEvent evt)
    {
        if (!events.TryDequeue(out evt))
        {
            return false;
        }

        if (evt.Kind == SctpEventKind.Message)
        {
            eventBytes -= evt.Message.Data.Length;

            // Window update (RFC 9260 §6.2, SWS avoidance): tell the peer once the window has reopened by a lot.
            if (inbound is not null && lastAdvertisedWindow < options.ReceiveWindow / 2 && AdvertisedWindow() >= options.ReceiveWindow / 2)
            {
                sackNow = true;
            }
        }

        return true;
    }

    /// <summary>
    /// Writes the next packet to send into <paramref name="destination"/> (at least <see cref="SctpOptions.Mtu"/>
    /// bytes); false when there is nothing to send. Takes <paramref name="now"/> because sending starts timers.
    /// </summary>
    public bool TryPollTransmit(long now, Span<byte> destination, out int length)
    {
        this.now = now;
        length = 0;
        if (destination.Length < options.Mtu)
        {
            throw new ArgumentException("The buffer must hold an MTU-sized packet.", nameof(destination));
        }

        var packet = destination[..options.Mtu];
        var at = SctpCommonHeader.Length;
        uint? tag = null;

        // A stream reset becomes a control chunk here, before the control queue is written: queued after it, the
        // RE-CONFIG would wait on an idle association for the next timer (≥ RTO) instead of leaving in this packet.
        PrepareResetRequest();

        // Control chunks first: COOKIE ECHO must lead its packet (RFC 9260 §6.10), INIT and INIT ACK carry other tags.
        while (control.TryPeek(out var entry))
        {
            if (SctpCommonHeader.Length + entry.Chunk.Length > packet.Length)
            {
                control.Dequeue(); // Can never fit (e.g. a long abort reason); dropping it keeps the queue moving.
                continue;
            }

            if ((tag is { } t && t != entry.Tag) || at + entry.Chunk.Length > packet.Length)
            {
                break;
            }

            tag = entry.Tag;
            entry.Chunk.CopyTo(packet[at..]);
            at += entry.Chunk.Length;
            control.Dequeue();
        }

        if (inbound is not null && (tag is null || tag == peerTag) && State != SctpAssociationState.Closed)
        {
            tag = peerTag;
            if (sackNow && at + 16 <= packet.Length)
            {
                at += WriteSack(packet[at..]);
            }

            if (forwardTsnNeeded && peerForwardTsn)
            {
                var forward = BuildForwardTsn();
                if (at + forward.GetSerializedLength() <= packet.Length)
                {
                    at += forward.WriteTo(packet[at..]);
                    forwardTsnNeeded = false;
                }
            }

            if (State is SctpAssociationState.Established or SctpAssociationState.ShutdownPending or SctpAssociationState.ShutdownReceived
                or SctpAssociationState.CookieEchoed)
            {
                at = WriteData(packet, at);
            }
        }

        if (at == SctpCommonHeader.Length)
        {
            return false;
        }

        new SctpCommonHeader(options.Port, options.Port, tag ?? peerTag).WriteTo(packet);
        SctpChecksum.Write(packet[..at]);
        length = at;
        Stats.PacketsSent++;
        return true;
    }

    private bool IsReflectedTag(uint tag, ReadOnlySpan<byte> chunks) =>
        // RFC 9260 §8.5.1 B, C: ABORT and SHUTDOWN COMPLETE with the T bit carry the sender's own tag.
        tag == peerTag && peerTag != 0 && chunks[0] is (byte)SctpChunkType.Abort or (byte)SctpChunkType.ShutdownComplete && (chunks[1] & 1) != 0;

    private bool HandleChunk(SctpChunk chunk, ref bool hadData, ref bool immediate)
    {
        switch ((SctpChunkType)chunk.Type)
        {
            case SctpChunkType.Data:
                if (DataChunk.TryRead(chunk, out var data) != SctpDecodeError.None)
                {
                    return Violation("DATA chunk without user data");
                }

                if (inbound is null || !IsEstablishedLike)
                {
                    return true;
                }

                hadData = true;
                immediate |= data.Immediate;
                if (!inbound.Receive(data, ReceiveBufferSize - eventBytes, delivered))
                {
                    Stats.DuplicatesReceived++;
                }

                FlushDelivered();
                return true;
            case SctpChunkType.InitAck:
                if (InitAckChunk.TryRead(chunk, out var initAck) != SctpDecodeError.None)
                {
                    Stats.PacketsDropped++;
                    return false;
                }

                HandleInitAck(initAck.Fields);
                return true;
            case SctpChunkType.CookieEcho:
                if (CookieEchoChunk.TryRead(chunk, out var echo) == SctpDecodeError.None)
                {
                    HandleCookieEcho(echo.Cookie.Span);
                }

                return true;
            case SctpChunkType.CookieAck:
                if (State == SctpAssociationState.CookieEchoed)
                {
                    t1At = long.MaxValue;
                    handshakeChunk = null;
                    Established();
                }

                return true;
            case SctpChunkType.Sack:
                if (SackChunk.TryRead(chunk, out var sack) != SctpDecodeError.None)
                {
                    Stats.PacketsDropped++;
                    return false;
                }

                if (IsEstablishedLike)
                {
                    HandleSack(sack);
                }

                return true;
            case SctpChunkType.Heartbeat:
                if (HeartbeatChunk.TryRead(chunk, out var hb) == SctpDecodeError.None && inbound is not null)
                {
                    var ack = new HeartbeatChunk(true, hb.Info);
                    var bytes = new byte[ack.GetSerializedLength()];
                    ack.WriteTo(bytes);
                    control.Enqueue((bytes, peerTag));
                }

                return true;
            case SctpChunkType.HeartbeatAck:
                if (HeartbeatChunk.TryRead(chunk, out var hbAck) == SctpDecodeError.None && hbAck.Info.Length == 8)
                {
                    // RFC 9260 §8.3: the echoed send time gives an RTT sample and clears the error counter.
                    var sentAt = BinaryPrimitives.ReadInt64BigEndian(hbAck.Info.Span);
                    if (sentAt <= now && heartbeatUnanswered)
                    {
                        rto.Measure(now - sentAt);
                        Stats.HeartbeatAcksReceived++;
                        heartbeatUnanswered = false;
                        errorCount = 0;
                    }
                }

                return true;
            case SctpChunkType.Abort:
                var reason = "aborted by peer";
                if (AbortChunk.TryRead(chunk, out var abort) == SctpDecodeError.None && abort.Causes.Length > 0)
                {
                    var cause = abort.Causes[0];
                    reason += $": {cause.Code} {System.Text.Encoding.UTF8.GetString(cause.Info.Span)}";
                }

                if (State != SctpAssociationState.Closed)
                {
                    Close(reason);
                }

                return false;
            case SctpChunkType.Shutdown:
                if (ShutdownChunk.TryRead(chunk, out var shutdown) == SctpDecodeError.None && IsEstablishedLike)
                {
                    HandleSack(new SackChunk(shutdown.CumulativeTsnAck, (uint)Math.Max(peerWindow, 0), [], []));
                    if (State is SctpAssociationState.Established or SctpAssociationState.ShutdownPending or SctpAssociationState.ShutdownReceived)
                    {
                        State = SctpAssociationState.ShutdownReceived;
                        TryProgressShutdown();
                    }
                }

                return true;
            case SctpChunkType.ShutdownAck:
                if (State is SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownAckSent)
                {
                    var complete = new SctpEmptyChunk(SctpChunkType.ShutdownComplete);
                    var bytes = new byte[4];
                    complete.WriteTo(bytes);
                    control.Enqueue((bytes, peerTag));
                    Close(null);
                }

                return true;
            case SctpChunkType.ShutdownComplete:
                if (State == SctpAssociationState.ShutdownAckSent)
                {
                    Close(null);
                }

                return false;
            case SctpChunkType.Error:
                return true;
            case SctpChunkType.ForwardTsn:
                if (ForwardTsnChunk.TryRead(chunk, out var forward) == SctpDecodeError.None && inbound is not null && IsEstablishedLike)
                {
                    inbound.ForwardTsn(forward, delivered);
                    FlushDelivered();
                    hadData = true;
                    immediate = true;
                }

                return true;
            case SctpChunkType.ReConfig:
                if (ReConfigChunk.TryRead(chunk, out var reconfig) == SctpDecodeError.None && inbound is not null && IsEstablishedLike)
                {
                    HandleReConfig(reconfig);
                }

                return true;
            case SctpChunkType.Init:
                // INIT bundled with other chunks is invalid (RFC 9260 §6.10).
                return false;
            default:
                var action = SctpChunk.UnknownAction(chunk.Type);
                if (action is SctpUnknownAction.StopAndReport or SctpUnknownAction.SkipAndReport && inbound is not null)
                {
                    var error = new ErrorChunk([new SctpErrorCause(SctpErrorCauseCode.UnrecognizedChunkType, chunk.Bytes.ToArray())]);
                    var bytes = new byte[error.GetSerializedLength()];
                    if (bytes.Length <= options.Mtu - SctpCommonHeader.Length)
                    {
                        error.WriteTo(bytes);
                        control.Enqueue((bytes, peerTag));
                    }
                }

                return action is SctpUnknownAction.Skip or SctpUnknownAction.SkipAndReport;
        }
    }

    private bool Violation(string what)
    {
        // RFC 9260 §6.2: a DATA chunk with no user data aborts the association with "No User Data".
        Stats.PacketsDropped++;
        if (inbound is not null)
        {
            var abort = new AbortChunk(false, [SctpErrorCause.ProtocolViolation(what)]);
            var bytes = new byte[abort.GetSerializedLength()];
            abort.WriteTo(bytes);
            control.Enqueue((bytes, peerTag));
            Close("protocol violation: " + what);
        }

        return false;
    }

    private void HandleInit(SctpInitFields init)
    {
        // RFC 9260 §5.1, §5.2.1: answer INIT in CLOSED, COOKIE-WAIT and COOKIE-ECHOED with our own tag and TSN;
        // the cookie carries everything so no state is kept here. An INIT in ESTABLISHED (a restart) is ignored.
        if (finished || State is not (SctpAssociationState.Closed or SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed))
        {
            return;
        }

        var cookie = new SctpStateCookie(
            myTag, init.InitiateTag, myInitialTsn, init.InitialTsn, init.AdvertisedReceiverWindowCredit,
            init.ForwardTsnSupported, init.Supports(SctpChunkType.ReConfig), now).Seal(cookieKey);
        var streams = options.Streams;
        var initAck = new InitAckChunk(new SctpInitFields(
            myTag, (uint)options.ReceiveWindow, Math.Min(streams, init.InboundStreams), Math.Min(streams, init.OutboundStreams),
            myInitialTsn, true, OurExtensions, cookie, init.UnrecognizedParameters));
        var bytes = new byte[initAck.GetSerializedLength()];
        initAck.WriteTo(bytes);
        if (bytes.Length <= options.Mtu - SctpCommonHeader.Length)
        {
            control.Enqueue((bytes, init.InitiateTag));
        }
    }

    private void HandleInitAck(SctpInitFields initAck)
    {
        if (State != SctpAssociationState.CookieWait)
        {
            return; // RFC 9260 §5.2.3: discard elsewhere.
        }

        SetPeer(initAck.InitiateTag, initAck.InitialTsn, initAck.AdvertisedReceiverWindowCredit, initAck.ForwardTsnSupported, initAck.Supports(SctpChunkType.ReConfig));
        var echo = new CookieEchoChunk(initAck.StateCookie!);
        var bytes = new byte[echo.GetSerializedLength()];
        echo.WriteTo(bytes);
        State = SctpAssociationState.CookieEchoed;
        handshakeRetransmits = 0;
        StartHandshake(bytes, peerTag);
    }

    private void HandleCookieEcho(ReadOnlySpan<byte> raw)
    {
        // An association object is used once: after it closed, a new one is needed (no restart, RFC 9260 §5.2.4 A).
        if (finished || !SctpStateCookie.TryOpen(raw, cookieKey, out var cookie) || cookie.MyTag != myTag)
        {
            Stats.PacketsDropped++;
            return;
        }

        if (now - cookie.CreatedAt > options.CookieLifetime.Ticks || cookie.CreatedAt > now)
        {
            Stats.PacketsDropped++; // Stale cookie (RFC 9260 §5.1.5 item 3); the peer's T1 will retry.
            return;
        }

        if (IsEstablishedLike)
        {
            // RFC 9260 §5.2.4 action D: a duplicate COOKIE ECHO of this association only needs another COOKIE ACK.
            if (cookie.PeerTag == peerTag)
            {
                QueueEmpty(SctpChunkType.CookieAck);
            }

            return;
        }

        if (inbound is null || State != SctpAssociationState.CookieEchoed || cookie.PeerTag != peerTag)
        {
            SetPeer(cookie.PeerTag, cookie.PeerInitialTsn, cookie.PeerWindow, cookie.PeerForwardTsn, cookie.PeerReConfig);
        }

        t1At = long.MaxValue;
        handshakeChunk = null;
        QueueEmpty(SctpChunkType.CookieAck);
        Established();
    }

    private void SetPeer(uint tag, uint initialTsn, uint window, bool forwardTsn, bool reConfig)
    {
        peerTag = tag;
        inbound = new SctpInbound(initialTsn, options.MaxMessageSize);
        peerWindow = window;
        ssthresh = window; // RFC 9260 §7.2.1: initial ssthresh = peer's a_rwnd.
        peerForwardTsn = forwardTsn;
        peerReConfig = reConfig;
        peerNextReConfigSeq = initialTsn; // RFC 6525 §3.1: request sequence numbers start at the initial TSN.
        lastAdvertisedWindow = options.ReceiveWindow;
    }

    private void Established()
    {
        State = SctpAssociationState.Established;
        events.Enqueue(new SctpEvent(SctpEventKind.Connected));
        ArmHeartbeat();
    }

    private void StartHandshake(byte[] chunk, uint tag)
    {
        handshakeChunk = chunk;
        handshakeTag = tag;
        control.Enqueue((chunk, tag));
        t1At = now + rto.Rto;
    }

    private void OnT1Expired()
    {
        t1At = long.MaxValue;
        if (handshakeChunk is null || State is not (SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed))
        {
            return;
        }

        if (++handshakeRetransmits > options.MaxInitRetransmits)
        {
            Close("handshake timed out");
            return;
        }

        // RFC 9260 §5.1 C, §6.3.3: retransmit with the RTO doubled.
        rto.Backoff();
        control.Enqueue((handshakeChunk, handshakeTag));
        t1At = now + rto.Rto;
    }

    private void FlushDelivered()
    {
        foreach (var m in delivered)
        {
            eventBytes += m.Data.Length;
            events.Enqueue(new SctpEvent(SctpEventKind.Message, m));
        }

        delivered.Clear();
    }

    // The receive buffer holds ReceiveWindow bytes plus room for one message of MaxMessageSize in reassembly.
    // Without that room the fragments of a message not yet complete (RFC 9260 §6.9) shrink a_rwnd: a 256 KiB message
    // in reassembly takes a quarter of a 1 MiB window, and 256 KiB messages moved ~13 % less than 64 KiB ones on a
    // window-limited path. a_rwnd is the free space of the buffer (§6.2), never more than ReceiveWindow.
    private long ReceiveBufferSize => (long)options.ReceiveWindow + options.MaxMessageSize;

    private long AdvertisedWindow() =>
        Math.Clamp(ReceiveBufferSize - (inbound?.BufferedBytes ?? 0) - eventBytes, 0, options.ReceiveWindow);

    private void ScheduleSack(bool immediate)
    {
        // RFC 9260 §6.2: SACK at once on gaps, duplicates or the I bit, else for every second packet, else within
        // the delayed-ack time. During shutdown every DATA is acknowledged at once (§9.2).
        packetsSinceSack++;
        if (immediate || inbound!.HasGaps || inbound.HasDuplicates || packetsSinceSack >= 2 || State != SctpAssociationState.Established)
        {
            sackNow = true;
        }
        else if (delayedAckAt == long.MaxValue)
        {
            delayedAckAt = now + options.DelayedAckTimeout.Ticks;
        }
    }

    private int WriteSack(Span<byte> destination)
    {
        // As many gap blocks and duplicates as fit the room left in this packet (each entry takes 4 bytes).
        var window = AdvertisedWindow();
        var space = (destination.Length - 16) / 4;
        var gaps = inbound!.GapBlocks(Math.Min(64, space));
        var sack = new SackChunk(inbound.CumulativeTsn, (uint)window, gaps, inbound.TakeDuplicates(Math.Min(16, space - gaps.Length)));
        sackNow = false;
        packetsSinceSack = 0;
        delayedAckAt = long.MaxValue;
        lastAdvertisedWindow = window;
        Stats.SacksSent++;
        return sack.WriteTo(destination);
    }

    private int WriteData(Span<byte> packet, int at)
    {
        var sentData = false;

        // Retransmissions first (RFC 9260 §6.1 C). A fast retransmit may send one packet regardless of cwnd (§7.2.4).
        // The scan is skipped when nothing is marked, so a large window costs nothing per packet.
        var ignoreCwnd = fastRetransmitBurst;
        fastRetransmitBurst = false;
        var retransmitsLeft = false;
        foreach (var c in retransmitsMarked ? outstanding : NoChunks)
        {
            if (!c.NeedsRetransmit || c.Abandoned)
            {
                continue;
            }

            if (!ignoreCwnd && flightSize >= cwnd)
            {
                retransmitsLeft = true;
                break;
            }

            var size = SctpChunk.Pad4(DataChunk.HeaderLength + c.Payload.Length);
            if (at + size > packet.Length)
            {
                retransmitsLeft = true;
                break;
            }

            at += WriteChunk(packet[at..], c);
            if (c.Tsn == cumulativeAckReceived + 1)
            {
                // RFC 9260 §7.2.4 step 4: resending the lowest outstanding TSN restarts T3-rtx, so the timer does
                // not fire just before the fast retransmission is acknowledged.
                t3At = now + rto.Rto;
            }

            c.NeedsRetransmit = false;
            c.InFlight = true;
            c.Transmissions++;
            c.SentAt = now;
            flightSize += c.Payload.Length;
            sentData = true;
        }

        retransmitsMarked = retransmitsLeft;

        // New data (§6.1 A, B): while the congestion window has room and the peer's window takes it; with a zero
        // window and nothing in flight, one chunk goes out as a probe so the association never wedges.
        while (pending.TryPeek(out var c))
        {
            if (c.Beginning && c.Message.Reliability.IsPartial && peerForwardTsn && now >= c.Message.ExpiresAt)
            {
                DropUnsentMessage(c.Message);
                continue;
            }

            if (c.Message.Abandoned)
            {
                DropUnsentMessage(c.Message);
                continue;
            }

            if (flightSize >= cwnd)
            {
                break;
            }

            var probe = false;
            if (peerWindow - flightSize < c.Payload.Length)
            {
                if (flightSize > 0 || outstanding.Any(o => !o.Abandoned && !o.GapAcked))
                {
                    break;
                }

                probe = true;
            }

            var size = SctpChunk.Pad4(DataChunk.HeaderLength + c.Payload.Length);
            if (at + size > packet.Length)
            {
                break;
            }

            pending.Dequeue();
            if (c.Beginning && !c.Message.Unordered)
            {
                var ssn = nextSsn.GetValueOrDefault(c.Message.StreamId);
                c.Message.StreamSequence = ssn;
                nextSsn[c.Message.StreamId] = (ushort)(ssn + 1);
            }

            c.Tsn = nextTsn++;

            // The last chunk before the queue runs empty carries the I bit (RFC 7053 §4.1): nothing follows it to
            // make the receiver's second-packet SACK, and its delayed SACK (up to 200 ms) would race our T3 timer
            // (RTO.Min 200 ms): a spurious timeout resets cwnd to one MTU for the next message.
            at += WriteChunk(packet[at..], c, immediate: pending.Count == 0);
            c.InFlight = true;
            c.Transmissions = 1;
            c.SentAt = now;
            flightSize += c.Payload.Length;
            outstanding.Add(c);
            Stats.DataChunksSent++;
            sentData = true;
            if (probe)
            {
                Stats.ZeroWindowProbes++;
                break;
            }
        }

        if (sentData)
        {
            if (t3At == long.MaxValue)
            {
                t3At = now + rto.Rto;
            }

            ArmHeartbeat();
        }

        return at;
    }

    private int WriteChunk(Span<byte> destination, SctpOutboundChunk c, bool immediate = false) =>
        DataChunk.Write(destination, c.Tsn, c.Message.StreamId, c.Message.StreamSequence, c.Message.Ppid, c.Payload.Span,
            c.Message.Unordered, c.Beginning, c.Ending, immediate);

    private void DropUnsentMessage(SctpOutboundMessage message)
    {
        // Only whole messages not yet started are dropped here, so no stream sequence number is skipped.
        if (!message.Abandoned)
        {
            message.Abandoned = true;
            Stats.MessagesAbandoned++;
        }

        foreach (var c in pending.Remove(message))
        {
            Unbuffer(message.StreamId, c.Payload.Length);
            Release(c);
        }
    }

    // Called once per chunk when it leaves the association for good (acknowledged cumulatively, or dropped unsent):
    // the message's pooled copy goes back after its last chunk, when nothing refers to it any more.
    private static void Release(SctpOutboundChunk c)
    {
        var message = c.Message;
        if (--message.ChunksLeft == 0 && message.Buffer is { } buffer)
        {
            message.Buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Unbuffer(ushort streamId, int bytes)
    {
        BufferedAmount -= bytes;
        var left = GetBufferedAmount(streamId) - bytes;
        if (left <= 0)
        {
            bufferedPerStream.Remove(streamId);
        }
        else
        {
            bufferedPerStream[streamId] = left;
        }
    }

    private void HandleSack(SackChunk sack)
    {
        var cumAck = sack.CumulativeTsnAck;
        if (Tsn.Lt(cumAck, cumulativeAckReceived) || !Tsn.Lt(cumAck, nextTsn))
        {
            return; // Out of date (RFC 9260 §6.2.1 D i) or acknowledging what was never sent.
        }

        var cumAdvanced = cumAck != cumulativeAckReceived;
        var cwndWasFull = flightSize + options.Mtu >= cwnd; // §7.2.1: grow cwnd only when it was being used
        long bytesAckedByCum = 0;
        long rttSample = -1;
        var removed = 0;
        foreach (var c in outstanding)
        {
            if (!Tsn.Le(c.Tsn, cumAck))
            {
                break;
            }

            removed++;
            if (c.InFlight)
            {
                flightSize -= c.Payload.Length;
            }

            if (c.GapAcked)
            {
                gapAckedCount--;
            }

            if (!c.GapAcked && !c.Abandoned)
            {
                bytesAckedByCum += c.Payload.Length;
            }

            if (c.Transmissions == 1 && !c.Abandoned)
            {
                rttSample = now - c.SentAt; // Karn's rule: only chunks sent once (RFC 9260 §6.3.1 C5).
            }

            if (!c.Abandoned)
            {
                Unbuffer(c.Message.StreamId, c.Payload.Length);
            }

            Release(c);
        }

        outstanding.RemoveRange(0, removed);
        cumulativeAckReceived = cumAck;
        if (Tsn.Lt(advancedPeerAckPoint, cumAck))
        {
            advancedPeerAckPoint = cumAck;
        }

        // Gap ack blocks (§6.2.1 D iii-iv) and miss indications for fast retransmit (§7.2.4, HTNA).
        uint? highestNewlyAcked = cumAdvanced ? cumAck : null;
        foreach (var c in sack.GapAckBlocks.Length > 0 || gapAckedCount > 0 ? outstanding : NoChunks)
        {
            var offset = c.Tsn - cumAck;
            var acked = false;
            foreach (var b in sack.GapAckBlocks)
            {
                if (offset >= b.Start && offset <= b.End)
                {
                    acked = true;
                    break;
                }
            }

            if (acked && !c.GapAcked)
            {
                c.GapAcked = true;
                gapAckedCount++;
                c.NeedsRetransmit = false;
                if (c.InFlight)
                {
                    flightSize -= c.Payload.Length;
                    c.InFlight = false;
                }

                if (c.Transmissions == 1 && !c.Abandoned)
                {
                    rttSample = now - c.SentAt;
                }

                highestNewlyAcked = c.Tsn;
            }
            else if (!acked && c.GapAcked)
            {
                c.GapAcked = false; // Reneged (§6.2.1 D iv): outstanding again, T3 will resend it.
                gapAckedCount--;
            }
        }

        var newFastRetransmits = false;
        if (highestNewlyAcked is { } htna && sack.GapAckBlocks.Length > 0)
        {
            foreach (var c in outstanding)
            {
                if (!Tsn.Lt(c.Tsn, htna))
                {
                    break;
                }

                if (c.GapAcked || c.Abandoned || c.FastRetransmitted || c.NeedsRetransmit)
                {
                    continue;
                }

                if (++c.MissIndications >= 3)
                {
                    c.FastRetransmitted = true;
                    MarkForRetransmit(c);
                    Stats.FastRetransmissions++;
                    newFastRetransmits = true;
                }
            }
        }

        if (rttSample >= 0 && (cumAdvanced || highestNewlyAcked is not null))
        {
            rto.Measure(rttSample);
        }

        if (newFastRetransmits)
        {
            fastRetransmitBurst = true;
            if (!fastRecovery)
            {
                // RFC 9260 §7.2.4 step 2 / §7.2.3: one reduction per loss event.
                fastRecovery = true;
                fastRecoveryExit = nextTsn - 1;
                ssthresh = Math.Max(cwnd / 2, 4L * options.Mtu);
                cwnd = ssthresh;
                partialBytesAcked = 0;
            }
        }

        if (fastRecovery && Tsn.Le(fastRecoveryExit, cumAck))
        {
            fastRecovery = false;
        }

        // Congestion window growth (§7.2.1, §7.2.2) only when the cumulative ack advances and not in fast recovery.
        if (cumAdvanced && !fastRecovery && bytesAckedByCum > 0 && cwndWasFull)
        {
            if (cwnd <= ssthresh)
            {
                cwnd += Math.Min(bytesAckedByCum, options.Mtu);
            }
            else
            {
                partialBytesAcked += bytesAckedByCum;
                if (partialBytesAcked >= cwnd)
                {
                    partialBytesAcked -= cwnd;
                    cwnd += options.Mtu;
                }
            }
        }

        peerWindow = sack.AdvertisedReceiverWindowCredit;
        if (cumAdvanced)
        {
            errorCount = 0;
        }

        // Partial reliability (RFC 3758 §3.5 C2): move the ack point over abandoned chunks and tell the peer.
        foreach (var c in outstanding)
        {
            if (c.Tsn != advancedPeerAckPoint + 1 || !c.Abandoned)
            {
                break;
            }

            advancedPeerAckPoint = c.Tsn;
        }

        if (Tsn.Lt(cumAck, advancedPeerAckPoint))
        {
            forwardTsnNeeded = true;
        }

        // T3-rtx (§6.3.2 R2, R3): stop when nothing is outstanding, restart when the cumulative ack advanced.
        if (!outstanding.Any(c => !c.GapAcked))
        {
            t3At = long.MaxValue;
        }
        else if (cumAdvanced || t3At == long.MaxValue)
        {
            t3At = now + rto.Rto;
        }

        TryProgressShutdown();
    }

    private void MarkForRetransmit(SctpOutboundChunk c)
    {
        if (c.InFlight)
        {
            flightSize -= c.Payload.Length;
            c.InFlight = false;
        }

        var message = c.Message;
        var limit = message.Reliability.MaxRetransmits;
        if (peerForwardTsn && message.Reliability.IsPartial && ((limit is { } max && c.Transmissions > max) || now >= message.ExpiresAt))
        {
            Abandon(message);
            return;
        }

        c.NeedsRetransmit = true;
        retransmitsMarked = true;
    }

    private void Abandon(SctpOutboundMessage message)
    {
        // RFC 3758 §3.5 A3: every fragment of the message is abandoned together.
        message.Abandoned = true;
        Stats.MessagesAbandoned++;
        foreach (var o in outstanding)
        {
            if (o.Message == message && !o.Abandoned)
            {
                o.Abandoned = true;
                o.NeedsRetransmit = false;
                if (o.InFlight)
                {
                    flightSize -= o.Payload.Length;
                    o.InFlight = false;
                }

                Unbuffer(message.StreamId, o.Payload.Length);
            }
        }

        // Fragments not yet sent never get a TSN.
        foreach (var p in pending.Remove(message))
        {
            Unbuffer(message.StreamId, p.Payload.Length);
            Release(p);
        }

        // Only abandoned chunks may be skipped (RFC 3758 §3.5 C2): the receiver drops every fragment up to the new
        // cumulative TSN, so skipping a received fragment of a reliable message would lose that message.
        foreach (var c in outstanding)
        {
            if (c.Tsn != advancedPeerAckPoint + 1 || !c.Abandoned)
            {
                break;
            }

            advancedPeerAckPoint = c.Tsn;
        }

        forwardTsnNeeded |= Tsn.Lt(cumulativeAckReceived, advancedPeerAckPoint);
    }

    private ForwardTsnChunk BuildForwardTsn()
    {
        // RFC 3758 §3.5 C4: list the highest abandoned SSN of each ordered stream up to the ack point.
        var streams = new Dictionary<ushort, ushort>();
        foreach (var c in outstanding)
        {
            if (!Tsn.Le(c.Tsn, advancedPeerAckPoint))
            {
                break;
            }

            if (c.Abandoned && !c.Message.Unordered)
            {
                streams[c.Message.StreamId] = c.Message.StreamSequence;
            }
        }

        return new ForwardTsnChunk(advancedPeerAckPoint, [.. streams.Select(kv => new ForwardTsnStream(kv.Key, kv.Value))]);
    }

    private void OnT3Expired()
    {
        t3At = long.MaxValue;
        if (!outstanding.Any(c => !c.GapAcked))
        {
            return;
        }

        Stats.T3Expiries++;
        if (++errorCount > options.MaxRetransmissions)
        {
            Close("too many retransmissions");
            return;
        }

        // RFC 9260 §6.3.3 E1-E3 and §7.2.3: collapse cwnd, back off, resend everything outstanding.
        ssthresh = Math.Max(cwnd / 2, 4L * options.Mtu);
        cwnd = options.Mtu;
        partialBytesAcked = 0;
        fastRecovery = false;
        rto.Backoff();
        foreach (var c in outstanding)
        {
            if (!c.GapAcked && !c.Abandoned)
            {
                MarkForRetransmit(c);
                if (c.NeedsRetransmit)
                {
                    Stats.TimeoutRetransmissions++;
                }
            }
        }

        forwardTsnNeeded |= Tsn.Lt(cumulativeAckReceived, advancedPeerAckPoint);
        t3At = now + rto.Rto;
    }

    private void ArmHeartbeat()
    {
        if (State is SctpAssociationState.Established or SctpAssociationState.ShutdownPending)
        {
            heartbeatAt = now + options.HeartbeatInterval.Ticks + rto.Rto;
        }
    }

    private void OnHeartbeatTimer()
    {
        heartbeatAt = long.MaxValue;
        if (!IsEstablishedLike)
        {
            return;
        }

        if (outstanding.Count > 0)
        {
            ArmHeartbeat(); // Data in flight: T3-rtx watches the path.
            return;
        }

        var retry = heartbeatUnanswered;
        if (retry)
        {
            // An unanswered heartbeat counts as an error and doubles the RTO (RFC 9260 §8.3, §6.3.3).
            if (++errorCount > options.MaxRetransmissions)
            {
                Close("peer stopped answering heartbeats");
                return;
            }

            rto.Backoff();
        }

        Span<byte> info = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(info, now);
        var hb = new HeartbeatChunk(false, info.ToArray());
        var bytes = new byte[hb.GetSerializedLength()];
        hb.WriteTo(bytes);
        control.Enqueue((bytes, peerTag));
        heartbeatUnanswered = true;
        Stats.HeartbeatsSent++;
        heartbeatAt = now + (retry ? rto.Rto : options.HeartbeatInterval.Ticks + rto.Rto);
    }

    private void TryProgressShutdown()
    {
        var drained = pending.Count == 0 && outstanding.Count == 0;
        if (State == SctpAssociationState.ShutdownPending && drained)
        {
            State = SctpAssociationState.ShutdownSent;
            SendShutdown();
        }
        else if (State == SctpAssociationState.ShutdownReceived && drained)
        {
            State = SctpAssociationState.ShutdownAckSent;
            SendShutdown();
        }
    }

    private void SendShutdown()
    {
        if (State == SctpAssociationState.ShutdownSent)
        {
            var shutdown = new ShutdownChunk(inbound!.CumulativeTsn);
            var bytes = new byte[ShutdownChunk.Length];
            shutdown.WriteTo(bytes);
            control.Enqueue((bytes, peerTag));
        }
        else
        {
            QueueEmpty(SctpChunkType.ShutdownAck);
        }

        t2At = now + rto.Rto;
    }

    private void OnT2Expired()
    {
        t2At = long.MaxValue;
        if (State is not (SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownAckSent))
        {
            return;
        }

        if (++t2Retransmits > options.MaxRetransmissions)
        {
            Close("shutdown timed out");
            return;
        }

        rto.Backoff();
        SendShutdown();
    }

    private void PrepareResetRequest()
    {
        if (resetInFlight is not null || resetQueued.Count == 0 || !peerReConfig || State != SctpAssociationState.Established)
        {
            return;
        }

        // RFC 6525 §5.1.2: request the reset once everything queued on those streams has a TSN.
        foreach (var id in resetQueued)
        {
            if (pending.HasPending(id))
            {
                return;
            }
        }

        var request = new OutgoingSsnResetRequest(myReConfigSeq, peerNextReConfigSeq - 1, nextTsn - 1, [.. resetQueued.Order()]);
        resetQueued.Clear();
        resetInFlight = request;
        QueueReConfig(new ReConfigChunk(request, null));
        reconfigAt = now + rto.Rto;
    }

    private void QueueReConfig(ReConfigChunk chunk)
    {
        var bytes = new byte[chunk.GetSerializedLength()];
        chunk.WriteTo(bytes);
        control.Enqueue((bytes, peerTag));
    }

    private void HandleReConfig(ReConfigChunk reconfig)
    {
        if (reconfig.Response is { } response && resetInFlight is { } request && response.ResponseSequence == request.RequestSequence)
        {
            if (response.Result == ReConfigResult.InProgress)
            {
                reconfigAt = now + rto.Rto; // Ask again later (RFC 6525 §5.2.7).
            }
            else
            {
                resetInFlight = null;
                reconfigAt = long.MaxValue;
                myReConfigSeq++;
                if (response.Result is ReConfigResult.SuccessPerformed or ReConfigResult.SuccessNothingToDo)
                {
                    foreach (var id in request.Streams)
                    {
                        nextSsn.Remove(id);
                    }

                    if (request.Streams.Length == 0)
                    {
                        nextSsn.Clear();
                    }

                    events.Enqueue(new SctpEvent(SctpEventKind.OutgoingStreamsReset, Streams: request.Streams));
                }
            }
        }

        if (reconfig.Request is { } incoming)
        {
            ReConfigResult result;
            if (incoming.RequestSequence == peerNextReConfigSeq)
            {
                if (Tsn.Le(incoming.SenderLastTsn, inbound!.CumulativeTsn))
                {
                    // RFC 6525 §5.2.2: everything sent before the request has arrived, so restart the SSNs.
                    inbound.ResetStreams(incoming.Streams);
                    result = ReConfigResult.SuccessPerformed;
                    peerNextReConfigSeq++;
                    lastPeerRequestResult = result;
                    events.Enqueue(new SctpEvent(SctpEventKind.IncomingStreamsReset, Streams: incoming.Streams));
                }
                else
                {
                    result = ReConfigResult.InProgress;
                }
            }
            else
            {
                result = incoming.RequestSequence == peerNextReConfigSeq - 1 ? lastPeerRequestResult : ReConfigResult.ErrorBadSequenceNumber;
            }

            QueueReConfig(new ReConfigChunk(null, new ReConfigResponse(incoming.RequestSequence, result)));
        }

        foreach (var other in reconfig.OtherRequests ?? [])
        {
            QueueReConfig(new ReConfigChunk(null, new ReConfigResponse(other, ReConfigResult.Denied)));
        }
    }

    private void QueueEmpty(SctpChunkType type)
    {
        var bytes = new byte[4];
        new SctpEmptyChunk(type).WriteTo(bytes);
        control.Enqueue((bytes, peerTag));
    }

    private void Close(string? reason)
    {
        finished = true;
        State = SctpAssociationState.Closed;
        t1At = t2At = t3At = delayedAckAt = heartbeatAt = reconfigAt = long.MaxValue;
        pending.Clear();
        outstanding.Clear();
        gapAckedCount = 0;
        retransmitsMarked = false;
        flightSize = 0;
        sackNow = false;
        events.Enqueue(new SctpEvent(SctpEventKind.Closed, Reason: reason));
    }
}
