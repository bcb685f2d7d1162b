using System.Net;
using HlsSwarm.WebRtc.Dcep;
using HlsSwarm.WebRtc.Demux;
using HlsSwarm.WebRtc.Dtls;
using HlsSwarm.WebRtc.Ice;
using HlsSwarm.WebRtc.Sctp;
using HlsSwarm.WebRtc.Sdp;
using Org.BouncyCastle.Security;

namespace HlsSwarm.WebRtc.Connection;

/// <summary>
/// One data-only WebRTC session: ICE (<see cref="IceAgent"/>), DTLS (<see cref="DtlsSession"/>), SCTP and DCEP
/// (<see cref="DataChannelEndpoint"/>) behind RFC 7983 demultiplexing, negotiated by one offer/answer exchange
/// (<see cref="SdpNegotiation"/>) with every candidate inside the SDP (no trickle, spec §3).
/// </summary>
/// <remarks>
/// <para>Sans-I/O (style.md §3): one owner calls every member from one loop; time is <c>long now</c> in
/// <see cref="TimeSpan"/> ticks (100 ns) from any monotonic origin. The one exception is DTLS, whose handshake runs on
/// the session's own thread (see <c>Dtls/README.md</c>): when it has output or events it calls the <c>wake</c>
/// callback (from that thread), and the owner then calls <see cref="HandleTimeout"/> on its loop. After the handshake
/// records are decrypted where they are handed in: in <see cref="HandleReceive"/>, or on a receive thread through
/// <see cref="TryHandleDtls"/> (which wakes the owner).</para>
/// <code>
/// var pc = new PeerConnection(new PeerConnectionOptions { Offerer = true }, certificate, random, secureRandom, wake);
/// pc.AddLocalCandidate(socket.LocalEndPoint);       // every bound socket (not wildcard addresses)
/// var offer = pc.CreateOffer();                      // → signalling; answer ← signalling
/// pc.SetRemoteDescription(answer);
/// loop: datagram → pc.HandleReceive(now, d, from, localSocket);  wake or timer (pc.PollTimeout()) → pc.HandleTimeout(now)
///       while (pc.TryPollTransmit(now, buffer, out var t)) send buffer[..t.Length] from t.LocalSocket to t.Destination
///       while (pc.TryPollEvent(out var e)) …          // ChannelOpen → pc.Send(e.ChannelId, bytes); Message; Closed; Failed
/// </code>
/// <para>Roles: the offerer is ICE controlling (RFC 8445 §6.1.1) and offers <c>a=setup:actpass</c>; the answerer
/// answers <c>active</c> and so is the DTLS client (RFC 8842 §5.3), which makes its data channels even-numbered and
/// the offerer's odd-numbered (RFC 8832 §6).</para>
/// </remarks>
public sealed class PeerConnection : IDisposable
{
    /// <summary>
    /// DTLS 1.2 record overhead with the one suite we negotiate, AES-128-GCM: 13 header + 8 explicit nonce + 16 tag
    /// (RFC 6347 §4.1, RFC 5288 §3). SCTP packets are sized to <see cref="DtlsOptions.MaxDatagramSize"/> minus this,
    /// and checked against <see cref="DtlsSession.MaxApplicationDataLength"/> once connected.
    /// </summary>
    public const int DtlsRecordOverhead = 37;

    /// <summary>
    /// DTLS datagrams kept when they arrive before the remote description: the answerer's ICE checks succeed before
    /// its answer reaches us, so its ClientHello often does too; dropping it would cost a 1 s retransmission.
    /// </summary>
    public const int MaxEarlyDtlsDatagrams = 16;

    private readonly PeerConnectionOptions _options;
    private readonly DtlsCertificate _certificate;
    private readonly Random _random;
    private readonly SecureRandom _secureRandom;
    private readonly Action? _wake;

    // The connection whose DTLS call (HandlePacket, Send) this thread is inside: DTLS output produced synchronously
    // by it needs no wake-up, because the owner drains TryPollTransmit/TryPollEvent after every call anyway. Per
    // thread, so a wake from the DTLS handshake thread (or another owner thread) is never lost.
    [ThreadStatic]
    private static PeerConnection? t_inDtlsCall;
    private readonly IceAgent _ice;
    private readonly IceCredentials _localCredentials;
    private readonly ulong _sessionId;
    private readonly Queue<PeerConnectionEvent> _events = new();
    private readonly byte[] _sctpPacket;
    private readonly Queue<byte[]> _earlyDtls = new();
    private SessionDescription? _local;
    private SessionDescription? _remote;
    private volatile DtlsSession? _dtls;

    // DTLS datagrams taken by TryHandleDtls on another thread, for ICE's activity tracking on the owner's loop.
    private volatile IPEndPoint? _offLoopFrom;
    private volatile IPEndPoint? _offLoopLocalSocket;
    private int _offLoopDatagrams;
    private DataChannelEndpoint? _endpoint;
    private IceCandidatePair? _pair;
    private bool _dtlsStarted;
    private bool _sctpStarted;

    /// <summary>Creates a session; nothing is sent until descriptions are exchanged.</summary>
    /// <param name="options">Settings (role, STUN servers, limits).</param>
    /// <param name="certificate">Our DTLS certificate; its SHA-256 fingerprint goes into our SDP.</param>
    /// <param name="random">Randomness for ICE (credentials, transaction ids, tie-breaker), SCTP (tags, TSNs) and the SDP session id; seed it cryptographically outside tests.</param>
    /// <param name="secureRandom">Randomness for the DTLS handshake.</param>
    /// <param name="wake">Called from any thread when DTLS has output or events; the owner then calls <see cref="HandleTimeout"/>. Must be quick.</param>
    public PeerConnection(PeerConnectionOptions options, DtlsCertificate certificate, Random random, SecureRandom secureRandom, Action? wake = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(secureRandom);
        options.Dtls.Validate();
        _options = options;
        _certificate = certificate;
        _random = random;
        _secureRandom = secureRandom;
        _wake = wake;
        _localCredentials = IceCredentials.Create(random);
        _sessionId = (ulong)random.NextInt64(1, long.MaxValue);
        _ice = new IceAgent(
            new IceAgentOptions
            {
                Role = options.Offerer ? IceRole.Controlling : IceRole.Controlled,
                LocalCredentials = _localCredentials,
                StunServers = options.StunServers,
                TimestampFrequency = TimeSpan.TicksPerSecond,
                ConsentTimeout = options.ConsentTimeout,
            },
            random);
        _sctpPacket = new byte[SctpMtu];
    }

    /// <summary>Where the connection is.</summary>
    public PeerConnectionState State { get; private set; } = PeerConnectionState.New;

    /// <summary>Our description once created.</summary>
    public SessionDescription? LocalDescription => _local;

    /// <summary>The peer's description once set.</summary>
    public SessionDescription? RemoteDescription => _remote;

    /// <summary>
    /// Our ICE ufrag and password (also in our description). A driver that shares one socket between connections routes
    /// a new peer's first checks by the ufrag in their USERNAME, "ourUfrag:theirUfrag" (RFC 8445 §7.2.2).
    /// </summary>
    public IceCredentials LocalCredentials => _localCredentials;

    /// <summary>The ICE agent (for diagnostics: pairs, round-trip time, dropped datagrams).</summary>
    public IceAgent Ice => _ice;

    /// <summary>The DTLS session once the remote description is set.</summary>
    public DtlsSession? DtlsTransport => _dtls;

    /// <summary>The data channels and SCTP association once the remote description is set.</summary>
    public DataChannelEndpoint? DataChannels => _endpoint;

    /// <summary>Our DTLS role once the remote description is set (RFC 8842 §5.3).</summary>
    public DtlsRole? DtlsRole { get; private set; }

    /// <summary>Datagrams dropped by the RFC 7983 demultiplexer (RTP, TURN, ZRTP, unknown, or DTLS before a remote description).</summary>
    public long DroppedDatagrams { get; private set; }

    /// <summary>SCTP packet size: the DTLS plaintext limit for <see cref="DtlsOptions.MaxDatagramSize"/>.</summary>
    public int SctpMtu => _options.Dtls.MaxDatagramSize - DtlsRecordOverhead;

    /// <summary>
    /// Adds a host candidate for a bound socket (RFC 8445 §5.1.1.1); call before creating the description.
    /// </summary>
    /// <returns>The candidate as announced.</returns>
    public IceCandidate AddLocalCandidate(IPEndPoint socketAddress)
    {
        ArgumentNullException.ThrowIfNull(socketAddress);
        return _ice.AddHostCandidate(socketAddress);
    }

    /// <summary>
    /// Starts server-reflexive gathering from <see cref="PeerConnectionOptions.StunServers"/>; a
    /// <see cref="PeerConnectionEventKind.GatheringComplete"/> event follows. Without STUN servers it is not needed.
    /// </summary>
    public void StartGathering(long now) => _ice.StartGathering(now);

    /// <summary>Our offer (RFC 8829 §5.2) with every local candidate gathered so far.</summary>
    /// <exception cref="InvalidOperationException">We are the answerer, or a description was already created.</exception>
    public string CreateOffer()
    {
        if (!_options.Offerer || _local is not null)
        {
            throw new InvalidOperationException("Only an offerer creates an offer, once.");
        }

        _local = SdpNegotiation.CreateOffer(LocalParameters());
        return SdpWriter.Write(_local);
    }

    /// <summary>Our answer to the remote offer (RFC 8829 §5.3): <c>a=setup:active</c> to an <c>actpass</c> offer.</summary>
    /// <exception cref="InvalidOperationException">We are the offerer, the offer is not set yet, or an answer was already created.</exception>
    public string CreateAnswer()
    {
        if (_options.Offerer || _remote is null || _local is not null)
        {
            throw new InvalidOperationException("An answerer answers once, after SetRemoteDescription(offer).");
        }

        _local = SdpNegotiation.CreateAnswer(_remote, LocalParameters());
        return SdpWriter.Write(_local);
    }

    /// <summary>Parses and applies the peer's offer (answerer) or answer (offerer).</summary>
    public PeerConnectionError SetRemoteDescription(string sdp) =>
        SdpParser.TryParse(sdp, out var description) == SdpParseError.None && description is not null
            ? SetRemoteDescription(description)
            : PeerConnectionError.InvalidSdp;

    /// <summary>
    /// Applies the peer's description: ICE credentials and candidates (mDNS names are kept and reached as
    /// peer-reflexive, see <c>Ice/README.md</c>), the DTLS role and fingerprints, the peer's max-message-size.
    /// </summary>
    public PeerConnectionError SetRemoteDescription(SessionDescription remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (_remote is not null || (_options.Offerer && _local is null) || State is PeerConnectionState.Closed or PeerConnectionState.Failed)
        {
            return PeerConnectionError.WrongState;
        }

        // The answerer's setup is the one CreateAnswer will write for this offer (RFC 8842 §5.3).
        var localSetup = _options.Offerer ? DtlsSetup.ActPass : remote.Setup == DtlsSetup.Active ? DtlsSetup.Passive : DtlsSetup.Active;
        if (!SdpNegotiation.TryResolveDtlsRole(localSetup, remote.Setup, out var role))
        {
            return PeerConnectionError.IncompatibleDtlsSetup;
        }

        var credentials = new IceCredentials(remote.IceUfrag, remote.IcePwd);
        if (!credentials.IsValid)
        {
            return PeerConnectionError.InvalidIceCredentials;
        }

        _remote = remote;
        DtlsRole = role;
        _ice.SetRemoteCredentials(credentials);
        foreach (var line in remote.Candidates)
        {
            // Unparseable or unusable lines (TCP, other components) are skipped, as browsers skip them.
            if (IceCandidate.TryParse(line, out var candidate) == IceCandidateError.None && candidate is not null)
            {
                _ice.AddRemoteCandidate(candidate);
            }
        }

        _dtls = new DtlsSession(role, _certificate, remote.Fingerprints, _secureRandom, _options.Dtls, _wake is null ? null : OnDtlsReady);
        var association = new SctpAssociation(
            new SctpOptions { Mtu = SctpMtu, ReceiveWindow = _options.ReceiveWindow, MaxMessageSize = _options.MaxMessageSize, HeartbeatInterval = _options.HeartbeatInterval },
            _random)
        {
            // RFC 8841 §6.1: absent means 64 KiB, 0 means no limit.
            RemoteMaxMessageSize = remote.EffectiveMaxMessageSize is <= 0 or > int.MaxValue ? int.MaxValue : (int)remote.EffectiveMaxMessageSize,
        };
        _endpoint = new DataChannelEndpoint(association, dtlsClient: role == Dtls.DtlsRole.Client);

        // A server waits for the ClientHello, which may arrive as soon as the peer's ICE succeeds, before ours does.
        if (role == Dtls.DtlsRole.Server)
        {
            StartDtls();
            while (_earlyDtls.TryDequeue(out var early))
            {
                _dtls.HandlePacket(early);
            }
        }

        _earlyDtls.Clear();

        SetState(PeerConnectionState.Connecting);
        return PeerConnectionError.None;
    }

    /// <summary>
    /// Opens a data channel (DCEP, RFC 8832 §6) with a stream id of our DTLS role's parity. p2p-media-loader uses one
    /// ordered reliable channel opened by the offerer. A <see cref="PeerConnectionEventKind.ChannelOpen"/> event
    /// follows once the association is up.
    /// </summary>
    /// <returns>The channel's stream id, or null when no id is free or the association has ended.</returns>
    /// <exception cref="InvalidOperationException">The remote description is not set yet (the DTLS role decides the id).</exception>
    public ushort? CreateDataChannel(string label, DataChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        var endpoint = _endpoint ?? throw new InvalidOperationException("Set the remote description first: the DTLS role picks the stream id.");
        return endpoint.Open(label, options);
    }

    /// <summary>Queues a binary message (reassembled up to the peer's max-message-size).</summary>
    public SctpSendResult Send(ushort channelId, ReadOnlySpan<byte> data) =>
        _endpoint?.Send(channelId, data) ?? SctpSendResult.NotOpen;

    /// <summary>Queues a string message (UTF-8, PPID 51).</summary>
    public SctpSendResult SendText(ushort channelId, string text) =>
        _endpoint?.SendText(channelId, text) ?? SctpSendResult.NotOpen;

    /// <summary>Bytes queued on the channel and not yet acknowledged (W3C <c>bufferedAmount</c>).</summary>
    public long GetBufferedAmount(ushort channelId) => _endpoint?.GetBufferedAmount(channelId) ?? 0;

    /// <summary>Sets the threshold at which <see cref="PeerConnectionEventKind.BufferedAmountLow"/> fires.</summary>
    public void SetBufferedAmountLowThreshold(ushort channelId, long bytes)
    {
        if (_endpoint is not null && _endpoint.Channels.TryGetValue(channelId, out var channel))
        {
            channel.BufferedAmountLowThreshold = bytes;
        }
    }

    /// <summary>Closes one channel by resetting its stream (RFC 8831 §6.7); the connection stays up.</summary>
    public void CloseChannel(ushort channelId) => _endpoint?.Close(channelId);

    /// <summary>Feeds one received datagram, demultiplexed by its first byte (RFC 7983 §7).</summary>
    /// <param name="now">Ticks (100 ns).</param>
    /// <param name="datagram">The UDP payload.</param>
    /// <param name="from">The sender.</param>
    /// <param name="localSocket">The local address it arrived on (one given to <see cref="AddLocalCandidate"/>).</param>
    public void HandleReceive(long now, ReadOnlySpan<byte> datagram, IPEndPoint from, IPEndPoint localSocket)
    {
        switch (PacketClassifier.Classify(datagram))
        {
            case PacketKind.Stun:
                _ice.HandleReceive(now, datagram, from, localSocket);
                break;
            case PacketKind.Dtls when _dtls is not null:
                // Authenticated traffic on a pair counts as activity for ICE (RFC 7675 consent is separate).
                _ice.HandleApplicationData(now, from, localSocket);
                t_inDtlsCall = this;
                try
                {
                    _dtls.HandlePacket(datagram);
                }
                finally
                {
                    t_inDtlsCall = null;
                }

                break;
            case PacketKind.Dtls when _remote is null && _earlyDtls.Count < MaxEarlyDtlsDatagrams && datagram.Length <= _options.Dtls.MaxReceiveDatagramSize:
                _earlyDtls.Enqueue(datagram.ToArray());
                break;
            default:
                DroppedDatagrams++;
                break;
        }

        Pump(now);
    }

    /// <summary>
    /// A receive thread's shortcut for DTLS datagrams once the handshake is over: decrypts <paramref name="datagram"/>
    /// on the calling thread (<see cref="DtlsSession.DecryptsInline"/>), so the owner's loop gets the SCTP packet
    /// without another thread hand-off; the session wakes the owner, whose next <see cref="HandleTimeout"/> takes it.
    /// The one member that may be called from a thread other than the owner's.
    /// </summary>
    /// <returns><see langword="false"/> when the datagram is not DTLS or DTLS still handshakes: give it to
    /// <see cref="HandleReceive"/> instead.</returns>
    public bool TryHandleDtls(ReadOnlySpan<byte> datagram, IPEndPoint from, IPEndPoint localSocket)
    {
        if (_dtls is not { DecryptsInline: true } dtls || PacketClassifier.Classify(datagram) != PacketKind.Dtls)
        {
            return false;
        }

        _offLoopFrom = from;
        _offLoopLocalSocket = localSocket;
        Interlocked.Increment(ref _offLoopDatagrams);
        dtls.HandlePacket(datagram);
        return true;
    }

    /// <summary>Runs due ICE and SCTP timers and takes in whatever DTLS produced (call it on every wake).</summary>
    public void HandleTimeout(long now)
    {
        _ice.HandleTimeout(now);

        // Input first: SCTP packets the DTLS thread decrypted meanwhile (e.g. SACKs that arrived while the owner's
        // thread was not scheduled) must reach the association before its timers run, or T3-rtx fires for data
        // already acknowledged and cwnd drops to one MTU (a spurious timeout, seen on a loaded machine with no loss).
        Pump(now);
        _endpoint?.HandleTimeout(now);
        Pump(now);
    }

    /// <summary>The next absolute time (ticks) at which <see cref="HandleTimeout"/> must run, or null.</summary>
    public long? PollTimeout()
    {
        var ice = _ice.PollTimeout();
        var sctp = _endpoint?.PollTimeout();
        return ice is null ? sctp : sctp is null ? ice : Math.Min(ice.Value, sctp.Value);
    }

    /// <summary>
    /// Writes the next datagram into <paramref name="buffer"/> (at least <see cref="DtlsOptions.MaxDatagramSize"/>
    /// bytes): STUN first, then DTLS records (handshake, then SCTP packets pulled from the association as its
    /// congestion and receive windows allow). Takes <paramref name="now"/> because sending SCTP DATA starts its timers.
    /// </summary>
    public bool TryPollTransmit(long now, Span<byte> buffer, out PeerTransmit transmit)
    {
        transmit = default;
        if (_ice.TryPollTransmit(out var stun))
        {
            if (stun.Payload.Length > buffer.Length)
            {
                throw new ArgumentException("The buffer is smaller than a STUN message.", nameof(buffer));
            }

            stun.Payload.Span.CopyTo(buffer);
            transmit = new PeerTransmit(stun.Payload.Length, stun.LocalSocket, stun.Destination);
            return true;
        }

        var pair = _ice.SelectedPair ?? _pair;
        if (_dtls is null || pair is null || (!_ice.CanSend && State != PeerConnectionState.Closed))
        {
            return false;
        }

        if (_dtls.TryPollTransmit(buffer, out var length))
        {
            transmit = new PeerTransmit(length, pair.LocalSocket, pair.RemoteEndPoint);
            return true;
        }

        // One SCTP packet per DTLS record (RFC 8261 §5), encrypted here on the owner's thread.
        if (_endpoint is not null && _sctpStarted && _dtls.State == DtlsState.Connected && State is PeerConnectionState.Connecting or PeerConnectionState.Connected)
        {
            if (_endpoint.TryPollTransmit(now, _sctpPacket, out var packetLength) && SendRecord(_sctpPacket.AsSpan(0, packetLength))
                && _dtls.TryPollTransmit(buffer, out length))
            {
                transmit = new PeerTransmit(length, pair.LocalSocket, pair.RemoteEndPoint);
                return true;
            }
        }

        return false;
    }

    /// <summary>Takes the next event.</summary>
    public bool TryPollEvent(out PeerConnectionEvent evt) => _events.TryDequeue(out evt);

    /// <summary>
    /// Ends the connection: SCTP ABORT and DTLS close_notify are queued (drain <see cref="TryPollTransmit"/> once
    /// more to send them), ICE stops. A <see cref="PeerConnectionEventKind.Closed"/> event follows.
    /// </summary>
    public void Close(long now)
    {
        if (State is PeerConnectionState.Closed or PeerConnectionState.Failed)
        {
            return;
        }

        _pair = _ice.SelectedPair ?? _pair;
        if (_endpoint is not null && _dtls is not null && _dtls.State == DtlsState.Connected)
        {
            _endpoint.Association.Abort("PeerConnection closed");
            while (_endpoint.TryPollTransmit(now, _sctpPacket, out var n))
            {
                _dtls.Send(_sctpPacket.AsSpan(0, n));
            }
        }

        _dtls?.Close();
        _ice.Close();
        Finish(PeerConnectionEventKind.Closed, PeerConnectionState.Closed, "closed locally");
    }

    /// <summary>Stops the DTLS thread (without the goodbye of <see cref="Close"/> when not closed yet).</summary>
    public void Dispose() => _dtls?.Dispose();

    private SdpLocalParameters LocalParameters() => new()
    {
        SessionId = _sessionId,
        IceUfrag = _localCredentials.Ufrag,
        IcePwd = _localCredentials.Password,
        Fingerprint = _certificate.Fingerprint,
        Candidates = _ice.LocalCandidates.Select(c => c.ToString()).ToArray(),
        MaxMessageSize = _options.MaxMessageSize,
    };

    private bool SendRecord(ReadOnlySpan<byte> packet)
    {
        // Its datagram is taken right after this, in TryPollTransmit: no wake-up (see t_inDtlsCall).
        t_inDtlsCall = this;
        try
        {
            return _dtls!.Send(packet);
        }
        finally
        {
            t_inDtlsCall = null;
        }
    }

    private void OnDtlsReady()
    {
        if (!ReferenceEquals(t_inDtlsCall, this))
        {
            _wake?.Invoke();
        }
    }

    private void StartDtls()
    {
        if (!_dtlsStarted && _dtls is not null)
        {
            _dtlsStarted = true;
            _dtls.Start();
        }
    }

    private void Pump(long now)
    {
        if (Volatile.Read(ref _offLoopDatagrams) != 0 && Interlocked.Exchange(ref _offLoopDatagrams, 0) != 0
            && _offLoopFrom is { } from && _offLoopLocalSocket is { } localSocket)
        {
            // Authenticated traffic that TryHandleDtls took counts as activity, as in HandleReceive.
            _ice.HandleApplicationData(now, from, localSocket);
        }

        if (State is PeerConnectionState.Closed or PeerConnectionState.Failed)
        {
            DrainAfterEnd();
            return;
        }

        while (_ice.TryPollEvent(out var ice))
        {
            switch (ice.Kind)
            {
                case IceEventKind.StateChanged:
                    _events.Enqueue(new PeerConnectionEvent(PeerConnectionEventKind.IceStateChanged, IceState: ice.State));
                    if (ice.State is IceConnectionState.Connected or IceConnectionState.Completed && _dtls?.Role == Dtls.DtlsRole.Client)
                    {
                        // The client's first flight goes out once there is a pair to carry it (RFC 8445 §12).
                        StartDtls();
                    }
                    else if (ice.State == IceConnectionState.Failed)
                    {
                        Fail("ICE failed: no candidate pair works or consent expired (RFC 8445 §8, RFC 7675 §5.1)");
                        return;
                    }

                    break;
                case IceEventKind.SelectedPairChanged:
                    _pair = ice.Pair;
                    break;
                case IceEventKind.GatheringComplete:
                    _events.Enqueue(new PeerConnectionEvent(PeerConnectionEventKind.GatheringComplete));
                    break;
            }
        }

        if (_dtls is null || _endpoint is null)
        {
            return;
        }

        while (_dtls.TryPollEvent(out var dtls))
        {
            switch (dtls.Kind)
            {
                case DtlsEventKind.Connected:
                    if (_dtls.MaxApplicationDataLength < SctpMtu)
                    {
                        Fail($"DTLS send limit {_dtls.MaxApplicationDataLength} is below the SCTP packet size {SctpMtu}");
                        return;
                    }

                    _events.Enqueue(new PeerConnectionEvent(PeerConnectionEventKind.DtlsConnected));

                    // Both sides send INIT, as libwebrtc does; SCTP handles the simultaneous open (RFC 9260 §5.2.1).
                    _sctpStarted = true;
                    _endpoint.Association.Connect(now);
                    break;
                case DtlsEventKind.ApplicationData:
                    _endpoint.HandleReceive(now, dtls.Data);
                    break;
                case DtlsEventKind.Closed:
                    Finish(PeerConnectionEventKind.Closed, PeerConnectionState.Closed, "DTLS close_notify");
                    return;
                case DtlsEventKind.Failed:
                    Fail($"DTLS {dtls.Failure}: {dtls.Reason}");
                    return;
            }
        }

        while (_endpoint.TryPollEvent(out var dc))
        {
            switch (dc.Kind)
            {
                case DataChannelEventKind.Connected:
                    _events.Enqueue(new PeerConnectionEvent(PeerConnectionEventKind.SctpConnected));
                    SetState(PeerConnectionState.Connected);
                    break;
                case DataChannelEventKind.ChannelOpen:
                    _endpoint.Channels.TryGetValue(dc.ChannelId, out var channel);
                    _events.Enqueue(new PeerConnectionEvent(PeerConnectionEventKind.ChannelOpen, ChannelId: dc.ChannelId, Label: channel?.Label));
                    break;
                case DataChannelEventKind.Message:
                    _events.Enqueue(new PeerConnectionEvent(PeerConnectionEventKind.Message, ChannelId: dc.ChannelId, Data: dc.Data, IsString: dc.IsString));
                    break;
                case DataChannelEventKind.BufferedAmountLow:
                    _events.Enqueue(new PeerConnectionEvent(PeerConnectionEventKind.BufferedAmountLow, ChannelId: dc.ChannelId));
                    break;
                case DataChannelEventKind.ChannelClosed:
                    _events.Enqueue(new PeerConnectionEvent(PeerConnectionEventKind.ChannelClosed, ChannelId: dc.ChannelId));
                    break;
                case DataChannelEventKind.Closed:
                    _dtls.Close();
                    _ice.Close();
                    Finish(PeerConnectionEventKind.Closed, PeerConnectionState.Closed, "SCTP: " + (dc.Reason ?? "association ended"));
                    return;
            }
        }
    }

    private void DrainAfterEnd()
    {
        // Nothing is reported after the end, but queues must not grow.
        while (_ice.TryPollEvent(out _))
        {
        }

        while (_dtls is not null && _dtls.TryPollEvent(out _))
        {
        }
    }

    private void Fail(string reason)
    {
        if (_endpoint is not null && _dtls is not null && _dtls.State == DtlsState.Connected)
        {
            _endpoint.Association.Abort(reason);
        }

        _dtls?.Close();
        _ice.Close();
        Finish(PeerConnectionEventKind.Failed, PeerConnectionState.Failed, reason);
    }

    private void Finish(PeerConnectionEventKind kind, PeerConnectionState state, string reason)
    {
        if (_endpoint is not null)
        {
            foreach (var channel in _endpoint.Channels.Values)
            {
                if (channel.State != DataChannelState.Closed)
                {
                    _events.Enqueue(new PeerConnectionEvent(PeerConnectionEventKind.ChannelClosed, ChannelId: channel.Id));
                }
            }
        }

        _events.Enqueue(new PeerConnectionEvent(kind, Reason: reason));
        SetState(state);
    }

    private void SetState(PeerConnectionState state)
    {
        if (State != state)
        {
            State = state;
            _events.Enqueue(new PeerConnectionEvent(PeerConnectionEventKind.StateChanged, State: state));
        }
    }
}
