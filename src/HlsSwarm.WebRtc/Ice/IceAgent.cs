using System.Net;
using System.Text;
using HlsSwarm.WebRtc.Stun;

namespace HlsSwarm.WebRtc.Ice;

/// <summary>
/// A full ICE agent (<see href="https://www.rfc-editor.org/rfc/rfc8445">RFC 8445</see>) for one data component,
/// with consent freshness (<see href="https://www.rfc-editor.org/rfc/rfc7675">RFC 7675</see>). Sans-I/O: the
/// driver passes datagrams and time in and sends what <see cref="TryPollTransmit"/> returns.
/// </summary>
/// <remarks>
/// Loop contract (style.md §3):
/// <code>
/// agent.AddHostCandidate(socketAddress);  agent.StartGathering(now);   // then SDP after GatheringComplete
/// agent.SetRemoteCredentials(...); agent.AddRemoteCandidate(...);      // from the remote SDP
/// loop: while (agent.TryPollTransmit(out t)) send t.Payload from t.LocalSocket to t.Destination;
///       while (agent.TryPollEvent(out e)) react (SelectedPairChanged: send DTLS on e.Pair);
///       wait until agent.PollTimeout() or a datagram; agent.HandleTimeout(now) / agent.HandleReceive(now, …)
/// </code>
/// STUN datagrams only (first byte 0..3, RFC 7983); DTLS on the selected pair bypasses the agent.
/// </remarks>
public sealed class IceAgent
{
    private const int StunBufferSize = 548;

    private readonly IceAgentOptions _options;
    private readonly Random _random;
    private readonly byte[] _localPassword;
    private readonly byte[] _localUsernamePrefix;
    private readonly List<HostSocket> _hosts = [];
    private readonly List<IceCandidate> _localCandidates = [];
    private readonly List<IceCandidate> _remoteCandidates = [];
    private readonly List<IceCandidate> _unresolved = [];
    private readonly List<IceCandidatePair> _pairs = [];
    private readonly LinkedList<IceCandidatePair> _triggered = [];
    private readonly Dictionary<TransactionKey, IceTransaction> _transactions = [];
    private readonly Queue<IceTransmit> _transmits = new();
    private readonly Queue<IceEvent> _events = new();
    private readonly long _ta;

    private IceCredentials? _remoteCredentials;
    private byte[] _remotePassword = [];
    private long _lastNow;
    private long _nextPacing;
    private long? _checkingSince;
    private long? _firstValidAt;
    private long _lastConsent;
    private long _lastReceived;
    private long _nextConsent;
    private IceCandidatePair? _nominating;
    private bool _gathering;
    private int _prflxCounter;

    /// <summary>Creates an agent.</summary>
    /// <param name="options">Credentials, role, STUN servers and timers.</param>
    /// <param name="random">
    /// Source of transaction ids, the tie-breaker and consent jitter. Transaction ids should be unpredictable
    /// (RFC 8489 §6): the driver passes a generator seeded from <c>RandomNumberGenerator</c>; tests pass a seed.
    /// </param>
    public IceAgent(IceAgentOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        if (options.TimestampFrequency <= 0 || options.Ta <= TimeSpan.Zero || options.CheckRto <= TimeSpan.Zero
            || options.MaxCheckSends < 1 || options.MaxGatherSends < 1 || options.ConsentInterval <= TimeSpan.Zero
            || options.ConsentTimeout <= options.ConsentInterval || options.MaxPairs < 1 || options.MaxRemoteCandidates < 1)
        {
            throw new ArgumentException("IceAgentOptions has a non-positive timer or limit, or a consent timeout shorter than its interval.", nameof(options));
        }

        _options = options;
        _random = random;
        Role = options.Role;
        TieBreaker = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
        _localPassword = Encoding.UTF8.GetBytes(options.LocalCredentials.Password);
        _localUsernamePrefix = Encoding.UTF8.GetBytes(options.LocalCredentials.Ufrag + ":");
        _ta = Ticks(options.Ta);
    }

    /// <summary>Current role (may change once on a role conflict).</summary>
    public IceRole Role { get; private set; }

    /// <summary>The 64-bit tie-breaker sent in ICE-CONTROLLING/ICE-CONTROLLED (RFC 8445 §7.1.3).</summary>
    public ulong TieBreaker { get; }

    /// <summary>Current state.</summary>
    public IceConnectionState State { get; private set; } = IceConnectionState.New;

    /// <summary>The pair application data goes on, or null.</summary>
    public IceCandidatePair? SelectedPair { get; private set; }

    /// <summary>
    /// Whether application data may be sent: a pair is selected and consent has not expired (RFC 7675 §5.1).
    /// </summary>
    public bool CanSend => SelectedPair is not null && State is IceConnectionState.Connected or IceConnectionState.Completed or IceConnectionState.Disconnected;

    /// <summary>Local candidates for the SDP: host ones, then server-reflexive ones as they are learnt.</summary>
    public IReadOnlyList<IceCandidate> LocalCandidates => _localCandidates;

    /// <summary>Remote candidates with IP addresses, including peer-reflexive ones.</summary>
    public IReadOnlyList<IceCandidate> RemoteCandidates => _remoteCandidates;

    /// <summary>Candidate pairs, highest priority first.</summary>
    public IReadOnlyList<IceCandidatePair> Pairs => _pairs;

    /// <summary>mDNS names (<c>*.local</c>) of remote candidates not resolved yet (see <see cref="ResolveMdnsName"/>).</summary>
    public IEnumerable<string> UnresolvedMdnsNames => _unresolved.Select(c => c.Address).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether gathering has finished (every STUN server answered or timed out).</summary>
    public bool GatheringComplete { get; private set; }

    /// <summary>
    /// Round-trip time of the last check or consent transaction on the selected pair answered without a
    /// retransmission (Karn's rule), or null. A seed for the SCTP RTO.
    /// </summary>
    public TimeSpan? RoundTripTime => SelectedPair?.RoundTripTime;

    /// <summary>Datagrams dropped as malformed, unauthenticated or unexpected (for stats).</summary>
    public long DroppedDatagrams { get; private set; }

    /// <summary>Consent checks started on the selected pair (RFC 7675 §5.1; retransmissions not counted).</summary>
    public long ConsentChecksSent { get; private set; }

    /// <summary>Success responses to our consent checks (each one renews consent, RFC 7675 §5.1).</summary>
    public long ConsentResponses { get; private set; }

    /// <summary>
    /// Adds a host candidate: a socket the driver has bound. Returns the candidate for the SDP.
    /// </summary>
    /// <param name="socketAddress">The bound address and port (not a wildcard).</param>
    /// <param name="localPreference">0..65535 (RFC 8445 §5.1.2.1); by default earlier sockets are preferred.</param>
    public IceCandidate AddHostCandidate(IPEndPoint socketAddress, int? localPreference = null)
    {
        var preference = Math.Clamp(localPreference ?? 65535 - (_hosts.Count * 256), 0, 65535);
        var candidate = new IceCandidate
        {
            Foundation = IceCandidate.ComputeFoundation(IceCandidateType.Host, socketAddress.Address, null, "udp"),
            Priority = IceCandidate.ComputePriority(IceCandidateType.Host, preference),
            Address = socketAddress.Address.ToString(),
            Port = socketAddress.Port,
            Type = IceCandidateType.Host,
        };
        _hosts.Add(new HostSocket(socketAddress, candidate, preference));
        _localCandidates.Add(candidate);
        foreach (var remote in _remoteCandidates)
        {
            AddPairs(remote);
        }

        return candidate;
    }

    /// <summary>
    /// Sends Binding requests to the STUN servers from every host socket of the same address family
    /// (RFC 8445 §5.1.1.2). <see cref="IceEventKind.GatheringComplete"/> follows when all are done.
    /// </summary>
    public void StartGathering(long now)
    {
        _lastNow = now;
        _gathering = true;
        Span<byte> id = stackalloc byte[StunMessage.TransactionIdLength];
        Span<byte> buffer = stackalloc byte[StunBufferSize];
        foreach (var host in _hosts)
        {
            foreach (var server in _options.StunServers)
            {
                if (server.AddressFamily != host.Socket.AddressFamily)
                {
                    continue;
                }

                _random.NextBytes(id);
                var writer = new StunWriter(buffer, StunClass.Request, StunMethod.Binding, id);
                if (_options.Software is { } software)
                {
                    writer.AddSoftware(software);
                }

                writer.AddFingerprint();
                var transaction = new IceTransaction
                {
                    Key = TransactionKey.From(id),
                    Kind = IceTransactionKind.Gather,
                    LocalSocket = host.Socket,
                    Destination = server,
                    Payload = writer.Written.ToArray(),
                    Sends = 1,
                    Rto = Ticks(_options.GatherRto),
                    NextSendAt = now + Ticks(_options.GatherRto),
                };
                _transactions[transaction.Key] = transaction;
                _transmits.Enqueue(new IceTransmit(host.Socket, server, transaction.Payload));
            }
        }

        CheckGatheringComplete();
    }

    /// <summary>Sets the remote ufrag and password (from <c>a=ice-ufrag</c>/<c>a=ice-pwd</c>); checks can start.</summary>
    public void SetRemoteCredentials(IceCredentials remote)
    {
        _remoteCredentials = remote;
        _remotePassword = Encoding.UTF8.GetBytes(remote.Password);
        if (State == IceConnectionState.New)
        {
            SetState(IceConnectionState.Checking);
        }
    }

    /// <summary>
    /// Adds a remote candidate from the SDP (or trickled later). UDP only; <c>*.local</c> names wait for
    /// <see cref="ResolveMdnsName"/>. Returns false when the candidate is ignored (TCP, duplicate, limit).
    /// </summary>
    public bool AddRemoteCandidate(IceCandidate candidate)
    {
        if (!candidate.IsUdp || candidate.Component != 1 || _remoteCandidates.Count + _unresolved.Count >= _options.MaxRemoteCandidates)
        {
            return false;
        }

        // Chromium tags candidates with their session's ufrag; one from another session (an old generation) is stale.
        if (candidate.Ufrag is { } ufrag && _remoteCredentials is { } remote && ufrag != remote.Ufrag)
        {
            return false;
        }

        if (!candidate.TryGetEndPoint(out var endPoint))
        {
            if (!candidate.IsMdns)
            {
                return false;
            }

            _unresolved.Add(candidate);
            return true;
        }

        // Never check toward addresses no peer can have: port 0, unspecified, multicast or broadcast.
        var ip = endPoint!.Address;
        if (endPoint.Port == 0 || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) || ip.Equals(IPAddress.Broadcast)
            || ip.IsIPv6Multicast || (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && (ip.GetAddressBytes()[0] & 0xF0) == 0xE0))
        {
            return false;
        }

        if (FindRemote(endPoint) is { } known)
        {
            if (known.Type != IceCandidateType.PeerReflexive)
            {
                return false;
            }

            // The signalled candidate replaces a peer-reflexive one learnt from an earlier check (the peer's checks
            // often beat its answer): same address, but the real type, foundation and priority.
            _remoteCandidates[_remoteCandidates.IndexOf(known)] = candidate;
            foreach (var pair in _pairs)
            {
                if (pair.Remote == known)
                {
                    pair.Remote = candidate;
                    pair.Priority = PairPriority(pair.Local.Priority, candidate.Priority);
                }
            }

            _pairs.Sort(static (a, b) => b.Priority.CompareTo(a.Priority));
            return true;
        }

        _remoteCandidates.Add(candidate);
        AddPairs(candidate);
        return true;
    }

    /// <summary>
    /// Gives the address an mDNS name resolved to (RFC 6762, via <c>Mdns/</c> and the driver); the candidates
    /// with that name become ordinary ones. Returns how many were resolved.
    /// </summary>
    public int ResolveMdnsName(string name, IPAddress address)
    {
        var resolved = 0;
        for (var i = _unresolved.Count - 1; i >= 0; i--)
        {
            var candidate = _unresolved[i];
            if (!candidate.Address.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            _unresolved.RemoveAt(i);
            if (AddRemoteCandidate(candidate with { Address = address.ToString() }))
            {
                resolved++;
            }
        }

        return resolved;
    }

    /// <summary>
    /// Handles a STUN datagram that arrived on <paramref name="localSocket"/> (the host candidate's address;
    /// null means the first host socket of the sender's family) from <paramref name="from"/>.
    /// </summary>
    public void HandleReceive(long now, ReadOnlySpan<byte> datagram, IPEndPoint from, IPEndPoint? localSocket = null)
    {
        _lastNow = now;
        if (State is IceConnectionState.Closed or IceConnectionState.Failed)
        {
            // RFC 7675 §5.1: after consent is lost nothing more is sent, not even responses.
            return;
        }

        from = Unmap(from);
        var socket = (localSocket is null
            ? _hosts.Find(h => h.Socket.AddressFamily == from.AddressFamily)
            : _hosts.Find(h => h.Socket.Equals(localSocket)))?.Socket;
        if (socket is null
            || StunMessage.TryParse(datagram, out var message) != StunDecodeError.None
            || message.Method != StunMethod.Binding
            || (message.HasFingerprint && !message.VerifyFingerprint()))
        {
            DroppedDatagrams++;
            return;
        }

        switch (message.Class)
        {
            case StunClass.Request:
                HandleRequest(now, message, from, socket);
                break;
            case StunClass.SuccessResponse:
            case StunClass.ErrorResponse:
                HandleResponse(now, message, from, socket);
                break;
            default:
                // Binding indications are keepalives (RFC 8445 §11); nothing to do.
                break;
        }

        Update(now);
    }

    /// <summary>
    /// Tells the agent that a non-STUN datagram (DTLS) arrived, so that traffic on the selected pair keeps the
    /// state out of <see cref="IceConnectionState.Disconnected"/>, as in browsers. It does not renew consent:
    /// only consent responses do (RFC 7675 §5.1).
    /// </summary>
    public void HandleApplicationData(long now, IPEndPoint from, IPEndPoint localSocket)
    {
        _lastNow = now;
        from = Unmap(from);
        if (SelectedPair is { } pair && State is not (IceConnectionState.Failed or IceConnectionState.Closed)
            && pair.RemoteEndPoint.Equals(from) && pair.LocalSocket.Equals(localSocket))
        {
            _lastReceived = now;
            Update(now);
        }
    }

    /// <summary>Runs timers due at <paramref name="now"/>: pacing, retransmissions, nomination, consent.</summary>
    public void HandleTimeout(long now)
    {
        _lastNow = now;
        if (State is IceConnectionState.Closed or IceConnectionState.Failed)
        {
            return;
        }

        RunRetransmissions(now);
        if (now >= _nextPacing && CanCheck && SendNextCheck(now))
        {
            _nextPacing = now + _ta;
        }

        RunConsent(now);
        Update(now);
    }

    /// <summary>Next STUN datagram to send, if any.</summary>
    public bool TryPollTransmit(out IceTransmit transmit) => _transmits.TryDequeue(out transmit);

    /// <summary>Next event, if any.</summary>
    public bool TryPollEvent(out IceEvent iceEvent) => _events.TryDequeue(out iceEvent);

    /// <summary>When <see cref="HandleTimeout"/> must run next (absolute ticks), or null when nothing is pending.</summary>
    public long? PollTimeout()
    {
        if (State is IceConnectionState.Closed or IceConnectionState.Failed)
        {
            return null;
        }

        long? next = null;
        foreach (var transaction in _transactions.Values)
        {
            next = Min(next, transaction.NextSendAt);
        }

        if (CanCheck && HasCheckWork)
        {
            next = Min(next, Math.Max(_nextPacing, _lastNow));
        }

        if (_firstValidAt is { } firstValid && Role == IceRole.Controlling && _nominating is null && !HasNominated
            && _pairs.Exists(p => p.State == IceCandidatePairState.Succeeded))
        {
            next = Min(next, firstValid + Ticks(_options.NominationDelay));
        }

        if (SelectedPair is not null)
        {
            next = Min(next, _nextConsent);
            next = Min(next, _lastConsent + Ticks(_options.ConsentTimeout));
            if (State != IceConnectionState.Disconnected)
            {
                next = Min(next, _lastReceived + Ticks(_options.DisconnectedTimeout));
            }
        }
        else if (_checkingSince is { } since)
        {
            next = Min(next, since + Ticks(_options.ConnectTimeout));
        }
        else if (_remoteCredentials is not null)
        {
            // Checking has begun but no time was seen yet: ask for a tick to start the connect timer.
            next = Min(next, _lastNow);
        }

        return next;
    }

    /// <summary>Stops the agent: no more transmits, events or timers.</summary>
    public void Close()
    {
        _transactions.Clear();
        _triggered.Clear();
        _transmits.Clear();
        SetState(IceConnectionState.Closed);
    }

    private bool CanCheck => _remoteCredentials is not null && State is not (IceConnectionState.Failed or IceConnectionState.Closed);

    private bool HasNominated => _pairs.Exists(p => p.Nominated);

    private bool HasCheckWork => _triggered.Count > 0 || (!OrdinaryChecksDone && _pairs.Exists(p => p.State is IceCandidatePairState.Waiting or IceCandidatePairState.Frozen));

    /// <summary>After nomination the controlling agent stops ordinary checks (RFC 8445 §8.1.2); the controlled keeps answering.</summary>
    private bool OrdinaryChecksDone => HasNominated;

    /// <summary>Dual-stack sockets report IPv4 senders as ::ffff:a.b.c.d; candidates use the IPv4 form.</summary>
    private static IPEndPoint Unmap(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    private static long? Min(long? a, long b) => a is { } x && x <= b ? x : b;

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _options.TimestampFrequency);

    private void HandleRequest(long now, StunMessage message, IPEndPoint from, IPEndPoint socket)
    {
        // RFC 8489 §9.1.3 and RFC 8445 §7.3: short-term credentials, USERNAME "ourUfrag:theirUfrag".
        if (!message.HasMessageIntegrity || !message.HasUsername)
        {
            SendError(message, from, socket, 400, "Bad Request", authenticate: false);
            return;
        }

        if (!message.Username.StartsWith(_localUsernamePrefix) || !message.VerifyMessageIntegrity(_localPassword))
        {
            SendError(message, from, socket, 401, "Unauthorized", authenticate: false);
            return;
        }

        if (message.HasUnknownComprehensionRequired)
        {
            Span<ushort> unknown = stackalloc ushort[16];
            var count = message.CopyUnknownComprehensionRequired(unknown);
            SendError(message, from, socket, 420, "Unknown Attribute", authenticate: true, unknown[..count]);
            return;
        }

        // RFC 8445 §7.3.1.1: role conflict; the larger tie-breaker keeps (or takes) the controlling role.
        if (Role == IceRole.Controlling && message.IceControlling is { } theirsControlling)
        {
            if (TieBreaker >= theirsControlling)
            {
                SendError(message, from, socket, 487, "Role Conflict", authenticate: true);
                return;
            }

            SwitchRole(IceRole.Controlled);
        }
        else if (Role == IceRole.Controlled && message.IceControlled is { } theirsControlled)
        {
            if (TieBreaker >= theirsControlled)
            {
                SwitchRole(IceRole.Controlling);
            }
            else
            {
                SendError(message, from, socket, 487, "Role Conflict", authenticate: true);
                return;
            }
        }

        SendSuccess(message, from, socket);

        // RFC 8445 §7.3.1.3: an unknown source address is a peer-reflexive remote candidate. Chromium hides its
        // host addresses behind mDNS names, so this is often how we learn the browser's address.
        var remote = FindRemote(from);
        if (remote is null)
        {
            if (_remoteCandidates.Count + _unresolved.Count >= _options.MaxRemoteCandidates)
            {
                DroppedDatagrams++;
                return;
            }

            remote = new IceCandidate
            {
                Foundation = "prflx" + (++_prflxCounter).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Priority = message.Priority ?? 0,
                Address = from.Address.ToString(),
                Port = from.Port,
                Type = IceCandidateType.PeerReflexive,
            };
            _remoteCandidates.Add(remote);
            AddPairs(remote);
        }

        var pair = FindPair(socket, from) ?? AddPair(_hosts.Find(h => h.Socket.Equals(socket))!, remote, from);
        if (pair is null)
        {
            return;
        }

        if (pair == SelectedPair)
        {
            _lastReceived = now;
        }

        // RFC 8445 §7.3.1.4: triggered check, unless the pair already works; a check in progress is retransmitted
        // at once (the peer is evidently reachable now, so its earlier copy was probably lost).
        if (pair.State == IceCandidatePairState.InProgress && pair.Transaction is { } inProgress)
        {
            _transmits.Enqueue(new IceTransmit(inProgress.LocalSocket, inProgress.Destination, inProgress.Payload));
        }
        else if (pair.State != IceCandidatePairState.Succeeded)
        {
            pair.State = IceCandidatePairState.Waiting;
            EnqueueTriggered(pair, front: false);
        }

        // RFC 8445 §7.3.1.5: nomination by the controlling agent.
        if (Role == IceRole.Controlled && message.UseCandidate)
        {
            if (pair.State == IceCandidatePairState.Succeeded)
            {
                Nominate(now, pair);
            }
            else
            {
                pair.NominateOnSuccess = true;
            }
        }
    }

    private void HandleResponse(long now, StunMessage message, IPEndPoint from, IPEndPoint socket)
    {
        if (!_transactions.TryGetValue(TransactionKey.From(message.TransactionId), out var transaction))
        {
            DroppedDatagrams++;
            return;
        }

        if (transaction.Kind == IceTransactionKind.Gather)
        {
            // Only the server we asked may answer (no authentication protects this exchange).
            if (!from.Equals(transaction.Destination) || !socket.Equals(transaction.LocalSocket))
            {
                DroppedDatagrams++;
                return;
            }

            _transactions.Remove(transaction.Key);
            if (message.Class == StunClass.SuccessResponse
                && (message.TryGetXorMappedAddress(out var mapped) || message.TryGetMappedAddress(out mapped)))
            {
                AddServerReflexive(transaction, mapped!);
            }

            CheckGatheringComplete();
            return;
        }

        // Responses to checks are authenticated with the remote password (RFC 8445 §7.2.5.2; 487 too, §7.3.1.1).
        if (!message.VerifyMessageIntegrity(_remotePassword))
        {
            DroppedDatagrams++;
            return;
        }

        _transactions.Remove(transaction.Key);
        var pair = transaction.Pair!;
        if (pair.Transaction == transaction)
        {
            pair.Transaction = null;
        }

        // RFC 8445 §7.2.5.2.1: the response must come back on the same path (symmetric addresses).
        if (!from.Equals(transaction.Destination) || !socket.Equals(transaction.LocalSocket))
        {
            if (transaction.Kind == IceTransactionKind.Check)
            {
                FailPair(pair);
            }

            return;
        }

        if (message.Class == StunClass.ErrorResponse)
        {
            if (message.ErrorCode == 487)
            {
                // RFC 8445 §7.2.5.1: take the role opposite to the one the request claimed, and retry.
                SwitchRole(transaction.Role == IceRole.Controlling ? IceRole.Controlled : IceRole.Controlling);
                if (pair.State != IceCandidatePairState.Succeeded)
                {
                    pair.State = IceCandidatePairState.Waiting;
                }

                EnqueueTriggered(pair, front: true);
            }
            else if (transaction.Kind == IceTransactionKind.Check)
            {
                FailPair(pair);
            }

            return;
        }

        if (transaction.Sends == 1 && message.Class == StunClass.SuccessResponse)
        {
            transaction.Pair!.RoundTripTime = TimeSpan.FromSeconds((now - transaction.SentAt) / (double)_options.TimestampFrequency);
        }

        if (transaction.Kind == IceTransactionKind.Consent)
        {
            ConsentResponses++;
            if (pair == SelectedPair)
            {
                _lastConsent = now;
                _lastReceived = now;
            }

            return;
        }

        var firstSuccess = pair.State != IceCandidatePairState.Succeeded;
        pair.State = IceCandidatePairState.Succeeded;
        if (pair == SelectedPair)
        {
            _lastConsent = now;
            _lastReceived = now;
        }

        if (firstSuccess)
        {
            // RFC 8445 §7.2.5.3.3: unfreeze pairs of the same foundation.
            foreach (var other in _pairs)
            {
                if (other.State == IceCandidatePairState.Frozen && other.Foundation == pair.Foundation)
                {
                    other.State = IceCandidatePairState.Waiting;
                }
            }
        }

        _firstValidAt ??= now;
        if ((transaction.UseCandidate && Role == IceRole.Controlling) || (Role == IceRole.Controlled && pair.NominateOnSuccess))
        {
            Nominate(now, pair);
        }
        else if (SelectedPair is null || (!SelectedPair.Nominated && pair.Priority > SelectedPair.Priority))
        {
            Select(now, pair);
        }
    }

    private void Nominate(long now, IceCandidatePair pair)
    {
        pair.Nominated = true;
        if (_nominating == pair)
        {
            _nominating = null;
        }

        // RFC 8445 §8.1.1: the highest-priority nominated pair is the selected one.
        if (SelectedPair is null || !SelectedPair.Nominated || pair.Priority > SelectedPair.Priority || SelectedPair.State == IceCandidatePairState.Failed)
        {
            Select(now, pair);
        }
    }

    private void Select(long now, IceCandidatePair pair)
    {
        if (SelectedPair == pair)
        {
            return;
        }

        var first = SelectedPair is null;
        SelectedPair = pair;
        _lastConsent = now;
        _lastReceived = now;
        if (first)
        {
            _nextConsent = now + ConsentDelay();
        }

        _events.Enqueue(new IceEvent(IceEventKind.SelectedPairChanged, Pair: pair));
    }

    private long ConsentDelay() => (long)(Ticks(_options.ConsentInterval) * (0.8 + (0.4 * _random.NextDouble())));

    private void FailPair(IceCandidatePair pair)
    {
        pair.State = IceCandidatePairState.Failed;
        pair.UseCandidate = false;
        if (_nominating == pair)
        {
            _nominating = null;
        }
    }

    private void SwitchRole(IceRole role)
    {
        if (Role == role)
        {
            return;
        }

        Role = role;
        _nominating = null;
        foreach (var pair in _pairs)
        {
            pair.Priority = PairPriority(pair.Local.Priority, pair.Remote.Priority);

            // Nomination belongs to the controlling role only (RFC 8445 §8.1.1).
            pair.UseCandidate &= role == IceRole.Controlling;
        }

        _pairs.Sort(static (a, b) => b.Priority.CompareTo(a.Priority));
        _events.Enqueue(new IceEvent(IceEventKind.RoleChanged, Role: role));
    }

    private ulong PairPriority(uint local, uint remote) =>
        Role == IceRole.Controlling ? IceCandidatePair.ComputePriority(local, remote) : IceCandidatePair.ComputePriority(remote, local);

    private void AddPairs(IceCandidate remote)
    {
        if (!remote.TryGetEndPoint(out var endPoint))
        {
            return;
        }

        foreach (var host in _hosts)
        {
            if (host.Socket.AddressFamily == endPoint!.AddressFamily && FindPair(host.Socket, endPoint) is null)
            {
                AddPair(host, remote, endPoint);
            }
        }
    }

    private IceCandidatePair? AddPair(HostSocket host, IceCandidate remote, IPEndPoint endPoint)
    {
        var pair = new IceCandidatePair(host.Candidate, host.Socket, remote, endPoint);
        pair.Priority = PairPriority(host.Candidate.Priority, remote.Priority);

        // RFC 8445 §6.1.2.6: the first pair of each foundation waits, the others stay frozen until it succeeds.
        pair.State = _pairs.Exists(p => p.Foundation == pair.Foundation && p.State != IceCandidatePairState.Failed)
            ? IceCandidatePairState.Frozen
            : IceCandidatePairState.Waiting;
        if (_pairs.Count >= _options.MaxPairs)
        {
            // §6.1.2.5: keep the list bounded by dropping the lowest-priority pair that is not in use.
            var victim = _pairs.FindLast(p => p.State is IceCandidatePairState.Frozen or IceCandidatePairState.Waiting or IceCandidatePairState.Failed
                && p != SelectedPair && p.Priority < pair.Priority);
            if (victim is null)
            {
                return null;
            }

            _pairs.Remove(victim);
            _triggered.Remove(victim);
        }

        var index = _pairs.FindIndex(p => p.Priority < pair.Priority);
        _pairs.Insert(index < 0 ? _pairs.Count : index, pair);
        return pair;
    }

    private IceCandidate? FindRemote(IPEndPoint endPoint) =>
        _remoteCandidates.Find(c => c.Port == endPoint.Port && IPAddress.TryParse(c.Address, out var ip) && ip.Equals(endPoint.Address));

    private IceCandidatePair? FindPair(IPEndPoint socket, IPEndPoint remote) =>
        _pairs.Find(p => p.LocalSocket.Equals(socket) && p.RemoteEndPoint.Equals(remote));

    private void EnqueueTriggered(IceCandidatePair pair, bool front)
    {
        _triggered.Remove(pair);
        if (front)
        {
            _triggered.AddFirst(pair);
        }
        else
        {
            _triggered.AddLast(pair);
        }
    }

    /// <summary>One check per Ta (RFC 8445 §6.1.4.2): triggered first, then the best waiting, then the best frozen pair.</summary>
    private bool SendNextCheck(long now)
    {
        while (_triggered.First is { } node)
        {
            _triggered.RemoveFirst();
            var pair = node.Value;
            if (!_pairs.Contains(pair) || (pair.State == IceCandidatePairState.Succeeded && !pair.UseCandidate) || pair.State == IceCandidatePairState.InProgress)
            {
                continue;
            }

            SendCheck(now, pair, IceTransactionKind.Check);
            return true;
        }

        if (OrdinaryChecksDone)
        {
            return false;
        }

        var next = _pairs.Find(p => p.State == IceCandidatePairState.Waiting) ?? _pairs.Find(p => p.State == IceCandidatePairState.Frozen);
        if (next is null)
        {
            return false;
        }

        SendCheck(now, next, IceTransactionKind.Check);
        return true;
    }

    private void SendCheck(long now, IceCandidatePair pair, IceTransactionKind kind)
    {
        var useCandidate = Role == IceRole.Controlling && (pair.UseCandidate || (kind == IceTransactionKind.Consent && pair.Nominated));
        Span<byte> id = stackalloc byte[StunMessage.TransactionIdLength];
        _random.NextBytes(id);
        var writer = new StunWriter(stackalloc byte[StunBufferSize], StunClass.Request, StunMethod.Binding, id);
        writer.AddUsername(_remoteCredentials!.Ufrag + ":" + _options.LocalCredentials.Ufrag);
        var host = _hosts.Find(h => h.Socket.Equals(pair.LocalSocket))!;
        writer.AddPriority(IceCandidate.ComputePriority(IceCandidateType.PeerReflexive, host.LocalPreference));
        if (Role == IceRole.Controlling)
        {
            writer.AddIceControlling(TieBreaker);
        }
        else
        {
            writer.AddIceControlled(TieBreaker);
        }

        if (useCandidate)
        {
            writer.AddUseCandidate();
        }

        if (_options.Software is { } software)
        {
            writer.AddSoftware(software);
        }

        writer.AddMessageIntegrity(_remotePassword);
        writer.AddFingerprint();

        var rto = Ticks(_options.CheckRto);
        var transaction = new IceTransaction
        {
            Key = TransactionKey.From(id),
            Kind = kind,
            LocalSocket = pair.LocalSocket,
            Destination = pair.RemoteEndPoint,
            Payload = writer.Written.ToArray(),
            Pair = pair,
            Role = Role,
            UseCandidate = useCandidate,
            Sends = 1,
            SentAt = now,
            Rto = rto,

            // RFC 7675 §5.1: a consent check is one transaction; the next one comes a consent interval later.
            NextSendAt = now + (kind == IceTransactionKind.Consent ? Ticks(_options.ConsentInterval) : rto),
        };
        if (kind == IceTransactionKind.Check)
        {
            if (pair.Transaction is { } old)
            {
                _transactions.Remove(old.Key);
            }

            pair.Transaction = transaction;
            if (pair.State != IceCandidatePairState.Succeeded)
            {
                pair.State = IceCandidatePairState.InProgress;
            }
        }

        _transactions[transaction.Key] = transaction;
        _transmits.Enqueue(new IceTransmit(pair.LocalSocket, pair.RemoteEndPoint, transaction.Payload));
    }

    private void RunRetransmissions(long now)
    {
        List<IceTransaction>? expired = null;
        foreach (var transaction in _transactions.Values)
        {
            if (now < transaction.NextSendAt)
            {
                continue;
            }

            var maxSends = transaction.Kind switch
            {
                IceTransactionKind.Check => _options.MaxCheckSends,
                IceTransactionKind.Gather => _options.MaxGatherSends,
                _ => 1,
            };
            if (transaction.Sends >= maxSends)
            {
                (expired ??= []).Add(transaction);
                continue;
            }

            transaction.Sends++;
            var cap = Ticks(transaction.Kind == IceTransactionKind.Check ? _options.CheckRtoMax : TimeSpan.FromSeconds(8));
            transaction.Rto = Math.Min(transaction.Rto * 2, cap);
            transaction.NextSendAt = now + transaction.Rto;
            _transmits.Enqueue(new IceTransmit(transaction.LocalSocket, transaction.Destination, transaction.Payload));
        }

        if (expired is null)
        {
            return;
        }

        foreach (var transaction in expired)
        {
            _transactions.Remove(transaction.Key);
            if (transaction.Kind == IceTransactionKind.Check && transaction.Pair!.Transaction == transaction)
            {
                transaction.Pair.Transaction = null;
                if (transaction.Pair.State == IceCandidatePairState.InProgress)
                {
                    FailPair(transaction.Pair);
                }
                else if (transaction.UseCandidate)
                {
                    // A nomination that never got through: the path broke after its first check. The pair
                    // fails (§7.2.5.2) and the next-best valid pair gets nominated.
                    FailPair(transaction.Pair);
                }
            }
        }

        CheckGatheringComplete();
    }

    private void RunConsent(long now)
    {
        if (SelectedPair is null || !CanSend)
        {
            return;
        }

        if (now >= _nextConsent)
        {
            SendCheck(now, SelectedPair, IceTransactionKind.Consent);
            ConsentChecksSent++;
            _nextConsent = now + ConsentDelay();
        }
    }

    /// <summary>Nomination, state transitions and failure detection after every input.</summary>
    private void Update(long now)
    {
        if (State is IceConnectionState.Closed or IceConnectionState.Failed)
        {
            return;
        }

        if (_remoteCredentials is not null)
        {
            _checkingSince ??= now;
        }

        MaybeNominate(now);

        if (SelectedPair is { } selected)
        {
            // RFC 7675 §5.1: no consent response for 30 s means consent is lost; stop sending.
            if (now - _lastConsent >= Ticks(_options.ConsentTimeout))
            {
                _transactions.Clear();
                _triggered.Clear();
                SetState(IceConnectionState.Failed);
                return;
            }

            if (now - _lastReceived >= Ticks(_options.DisconnectedTimeout))
            {
                SetState(IceConnectionState.Disconnected);
            }
            else
            {
                SetState(selected.Nominated ? IceConnectionState.Completed : IceConnectionState.Connected);
            }

            return;
        }

        if (_checkingSince is { } since)
        {
            // Unresolved mDNS candidates may still show up as peer-reflexive ones through the peer's checks, so
            // only the connect timeout fails the agent while any are left.
            var allFailed = _pairs.Count > 0 && _unresolved.Count == 0 && _triggered.Count == 0
                && _pairs.TrueForAll(p => p.State == IceCandidatePairState.Failed);
            if (allFailed || now - since >= Ticks(_options.ConnectTimeout))
            {
                SetState(IceConnectionState.Failed);
            }
        }
    }

    /// <summary>
    /// Regular nomination (RFC 8445 §8.1.1): once the best valid pair cannot be beaten by a pair still being
    /// checked, or <see cref="IceAgentOptions.NominationDelay"/> after the first valid pair, check it again
    /// with USE-CANDIDATE.
    /// </summary>
    private void MaybeNominate(long now)
    {
        if (Role != IceRole.Controlling || _nominating is not null || HasNominated || _remoteCredentials is null)
        {
            return;
        }

        var best = _pairs.Find(p => p.State == IceCandidatePairState.Succeeded);
        if (best is null)
        {
            return;
        }

        var betterPending = _pairs.Exists(p => p.Priority > best.Priority && p.State is IceCandidatePairState.Waiting or IceCandidatePairState.InProgress or IceCandidatePairState.Frozen);
        if (betterPending && now < _firstValidAt + Ticks(_options.NominationDelay))
        {
            return;
        }

        _nominating = best;
        best.UseCandidate = true;
        EnqueueTriggered(best, front: true);
    }

    private void AddServerReflexive(IceTransaction transaction, IPEndPoint mapped)
    {
        var host = _hosts.Find(h => h.Socket.Equals(transaction.LocalSocket));
        if (host is null || mapped.Equals(host.Socket) || _localCandidates.Exists(c => c.Type == IceCandidateType.ServerReflexive
            && c.Port == mapped.Port && c.Address == mapped.Address.ToString()))
        {
            return;
        }

        var candidate = new IceCandidate
        {
            Foundation = IceCandidate.ComputeFoundation(IceCandidateType.ServerReflexive, host.Socket.Address, transaction.Destination, "udp"),
            Priority = IceCandidate.ComputePriority(IceCandidateType.ServerReflexive, host.LocalPreference),
            Address = mapped.Address.ToString(),
            Port = mapped.Port,
            Type = IceCandidateType.ServerReflexive,
            RelatedAddress = host.Socket.Address.ToString(),
            RelatedPort = host.Socket.Port,
        };
        _localCandidates.Add(candidate);
        _events.Enqueue(new IceEvent(IceEventKind.LocalCandidate, Candidate: candidate));
    }

    private void CheckGatheringComplete()
    {
        if (!_gathering || GatheringComplete)
        {
            return;
        }

        foreach (var transaction in _transactions.Values)
        {
            if (transaction.Kind == IceTransactionKind.Gather)
            {
                return;
            }
        }

        GatheringComplete = true;
        _events.Enqueue(new IceEvent(IceEventKind.GatheringComplete));
    }

    private void SendSuccess(StunMessage request, IPEndPoint from, IPEndPoint socket)
    {
        var writer = new StunWriter(stackalloc byte[StunBufferSize], StunClass.SuccessResponse, StunMethod.Binding, request.TransactionId);
        writer.AddXorMappedAddress(from);
        writer.AddMessageIntegrity(_localPassword);
        writer.AddFingerprint();
        _transmits.Enqueue(new IceTransmit(socket, from, writer.Written.ToArray()));
    }

    private void SendError(StunMessage request, IPEndPoint from, IPEndPoint socket, int code, string reason, bool authenticate, ReadOnlySpan<ushort> unknown = default)
    {
        var writer = new StunWriter(stackalloc byte[StunBufferSize], StunClass.ErrorResponse, StunMethod.Binding, request.TransactionId);
        writer.AddErrorCode(code, reason);
        if (!unknown.IsEmpty)
        {
            writer.AddUnknownAttributes(unknown);
        }

        if (authenticate)
        {
            writer.AddMessageIntegrity(_localPassword);
        }

        writer.AddFingerprint();
        _transmits.Enqueue(new IceTransmit(socket, from, writer.Written.ToArray()));
    }

    private void SetState(IceConnectionState state)
    {
        if (State == state)
        {
            return;
        }

        State = state;
        _events.Enqueue(new IceEvent(IceEventKind.StateChanged, State: state));
    }

    /// <summary>A socket the driver bound, its host candidate and local preference.</summary>
    private sealed record HostSocket(IPEndPoint Socket, IceCandidate Candidate, int LocalPreference);
}
