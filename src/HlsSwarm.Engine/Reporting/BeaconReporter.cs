using HlsSwarm.Protocol.Beacons;

namespace HlsSwarm.Engine.Reporting;

/// <summary>
/// Sans-I/O beacon source of the C# Engine: the download loop feeds counters and player events in, and polls a
/// <see cref="Beacon"/> out when one is due. No clock, no timer, no socket: every call that depends on time takes
/// <c>now</c>, a monotonic time since any fixed origin (e.g. <c>TimeProvider.GetElapsedTime(start)</c>).
/// </summary>
/// <remarks>
/// Loop contract (style.md convention 1):
/// <code>
/// var reporter = new BeaconReporter(options, now);
/// ... reporter.AddHttpBytes(n); reporter.PeerTransfer(peer, down, up); reporter.StallStarted(now); ...
/// if (reporter.TryPollBeacon(now, out var beacon)) POST BeaconWriter.ToUtf8(beacon) to /api/beacon;
/// sleep until reporter.PollTimeout();
/// on stop: POST reporter.Flush(now)
/// </code>
/// Every beacon is within <see cref="BeaconReporterOptions.Limits"/>, so the server never refuses one for its
/// content: long strings are cut, a 17th failure reason is counted under <c>other</c>, and only the peers with the
/// most bytes are listed when there are more than the transfer limit. Counters are cumulative, so a beacon lost on
/// the way loses nothing.
/// </remarks>
public sealed class BeaconReporter
{
    /// <summary>The failure reason that collects reasons beyond the limit.</summary>
    public const string OtherReason = "other";

    private readonly BeaconReporterOptions _options;
    private readonly BeaconLimits _limits;
    private readonly TimeSpan _start;
    private readonly Dictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly List<string> _failureOrder = [];
    private readonly Dictionary<string, (long Down, long Up)> _transfers = new(StringComparer.Ordinal);
    private readonly List<BeaconPlayerError> _errors = [];
    private TimeSpan _due;
    private long _seq;
    private long _http;
    private long _p2p;
    private long _uploaded;
    private long _attempts;
    private long _connected;
    private long? _startupMs;
    private long _stallCount;
    private long _stallMs;
    private TimeSpan? _stallSince;
    private long _playingMs;
    private TimeSpan? _playingSince;

    /// <summary>Starts a session at <paramref name="now"/>; the first beacon is due at once.</summary>
    /// <exception cref="ArgumentException">The session id or the stream breaks the beacon rules (a programming error).</exception>
    public BeaconReporter(BeaconReporterOptions options, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var id = options.SessionId;
        if (id.Length < options.Limits.MinSessionIdLength || id.Length > options.Limits.MaxSessionIdLength
            || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw new ArgumentException("the session id must be 8..64 characters of [A-Za-z0-9_-]", nameof(options));
        if (options.Stream.Length == 0)
            throw new ArgumentException("the stream URL must not be empty", nameof(options));
        _options = options;
        _limits = options.Limits;
        _start = now;
        _due = now;
        Interval = options.Interval;
    }

    /// <summary>Time between beacons (set it from the policy's <c>refreshMs</c>).</summary>
    public TimeSpan Interval { get; set; }

    /// <summary>This viewer's peer id, once the engine has one.</summary>
    public string? PeerId { get; set; }

    /// <summary>The rendition playing, e.g. <c>640x360 800000</c>.</summary>
    public string Rendition { get; set; } = "";

    /// <summary>Whether P2P is on, as applied.</summary>
    public bool P2pEnabled { get; set; } = true;

    /// <summary>The A/B group applied.</summary>
    public BeaconGroup Group { get; set; }

    /// <summary>Distance to the live edge; null for VOD.</summary>
    public long? LiveLatencyMs { get; set; }

    /// <summary>Whether the network is metered.</summary>
    public bool Metered { get; set; }

    /// <summary>Bytes loaded over HTTP.</summary>
    public void AddHttpBytes(long bytes) => _http = Add(_http, bytes);

    /// <summary>Bytes received from peers (not per peer; see <see cref="PeerTransfer"/> for that).</summary>
    public void AddP2pBytes(long bytes) => _p2p = Add(_p2p, bytes);

    /// <summary>Bytes sent to peers.</summary>
    public void AddUploadedBytes(long bytes) => _uploaded = Add(_uploaded, bytes);

    /// <summary>Bytes exchanged with one remote peer (for the swarm graph): added to its cumulative down and up.</summary>
    public void PeerTransfer(string peerId, long down, long up)
    {
        ArgumentNullException.ThrowIfNull(peerId);
        if (peerId.Length == 0)
            return;
        var key = Cut(peerId, _limits.MaxPeerIdLength);
        var t = _transfers.GetValueOrDefault(key);
        _transfers[key] = (Add(t.Down, down), Add(t.Up, up));
    }

    /// <summary>A peer connection was attempted.</summary>
    public void PeerConnectAttempt() => _attempts = Add(_attempts, 1);

    /// <summary>A peer connection failed for <paramref name="reason"/> (e.g. <c>timeout</c>, <c>ice-failed</c>).</summary>
    public void PeerConnectFailed(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var key = reason.Length == 0 ? OtherReason : Cut(reason, _limits.MaxKeyLength);
        if (!_failures.ContainsKey(key))
        {
            // The last slot is kept for "other", so later reasons always have somewhere to go.
            if (_failureOrder.Count >= _limits.MaxFailureReasons - 1 && key != OtherReason)
                key = OtherReason;
            if (!_failures.ContainsKey(key))
                _failureOrder.Add(key);
        }

        _failures[key] = Add(_failures.GetValueOrDefault(key), 1);
    }

    /// <summary>Peer connections open now.</summary>
    public void SetConnectedPeers(int count) => _connected = Math.Clamp(count, 0, _limits.MaxPeersConnected);

    /// <summary>The first frame played at <paramref name="now"/>: start-up time is measured from the session start.</summary>
    public void FirstFrame(TimeSpan now) => _startupMs ??= Ms(now - _start);

    /// <summary>Playback started or resumed at <paramref name="now"/>.</summary>
    public void PlayingStarted(TimeSpan now) => _playingSince ??= now;

    /// <summary>Playback paused or ended at <paramref name="now"/>.</summary>
    public void PlayingStopped(TimeSpan now)
    {
        if (_playingSince is { } since)
            _playingMs = Add(_playingMs, Ms(now - since));
        _playingSince = null;
    }

    /// <summary>Rebuffering started at <paramref name="now"/> (playing time stops counting until it ends).</summary>
    public void StallStarted(TimeSpan now)
    {
        if (_stallSince is not null)
            return;
        PlayingStopped(now);
        _stallSince = now;
        _stallCount = Add(_stallCount, 1);
    }

    /// <summary>Rebuffering ended at <paramref name="now"/>; playback goes on.</summary>
    public void StallEnded(TimeSpan now)
    {
        if (_stallSince is not { } since)
            return;
        _stallMs = Add(_stallMs, Ms(now - since));
        _stallSince = null;
        PlayingStarted(now);
    }

    /// <summary>A player error; sent with the next beacon (at most the error limit per beacon, the rest dropped).</summary>
    public void ReportError(string kind, string message)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(message);
        if (_errors.Count < _limits.MaxErrors)
            _errors.Add(new BeaconPlayerError(kind.Length == 0 ? OtherReason : Cut(kind, _limits.MaxKeyLength), Cut(message, _limits.MaxErrorMessageLength)));
    }

    /// <summary>When the next beacon is due.</summary>
    public TimeSpan PollTimeout() => _due;

    /// <summary>The next beacon when one is due at <paramref name="now"/>; the next is then due one interval later.</summary>
    public bool TryPollBeacon(TimeSpan now, out Beacon? beacon)
    {
        if (now < _due)
        {
            beacon = null;
            return false;
        }

        beacon = Flush(now);
        return true;
    }

    /// <summary>A beacon now, whether due or not (on stop, like the web player's <c>pagehide</c>).</summary>
    public Beacon Flush(TimeSpan now)
    {
        _due = now + Interval;
        // Open intervals count up to now without being closed.
        var playing = _playingSince is { } p ? Add(_playingMs, Ms(now - p)) : _playingMs;
        var stallMs = _stallSince is { } s ? Add(_stallMs, Ms(now - s)) : _stallMs;
        var transfers = _transfers.Count <= _limits.MaxTransfers
            ? _transfers.Select(t => new BeaconTransfer(t.Key, t.Value.Down, t.Value.Up)).ToList()
            : _transfers.OrderByDescending(t => t.Value.Down + t.Value.Up).ThenBy(t => t.Key, StringComparer.Ordinal)
                .Take(_limits.MaxTransfers).Select(t => new BeaconTransfer(t.Key, t.Value.Down, t.Value.Up)).ToList();
        var beacon = new Beacon
        {
            SessionId = _options.SessionId,
            Seq = ++_seq,
            ClientKind = BeaconClientKind.Engine,
            ClientVersion = Cut(_options.ClientVersion, _limits.MaxClientVersionLength),
            Stream = Cut(_options.Stream, _limits.MaxStreamLength),
            Rendition = Cut(Rendition, _limits.MaxRenditionLength),
            PeerId = PeerId is null or "" ? null : Cut(PeerId, _limits.MaxPeerIdLength),
            P2pEnabled = P2pEnabled,
            Group = Group,
            HttpBytes = _http,
            P2pBytes = _p2p,
            UploadedBytes = _uploaded,
            PeersConnected = _connected,
            PeerAttempts = _attempts,
            Failures = [.. _failureOrder.Select(r => new BeaconFailureCount(r, _failures[r]))],
            Transfers = transfers,
            StartupMs = _startupMs,
            StallCount = _stallCount,
            StallMs = stallMs,
            PlayingMs = playing,
            LiveLatencyMs = LiveLatencyMs is { } l ? Math.Clamp(l, 0, _limits.MaxCounter) : null,
            Errors = [.. _errors],
            Metered = Metered,
        };
        _errors.Clear();
        return FitToSize(beacon);
    }

    /// <summary>
    /// Keeps the body within <see cref="BeaconLimits.MaxBytes"/>: every list is within its count limit, but all of
    /// them full of long non-ASCII text could still pass 16 KiB. Error messages are shortened first, then the smallest
    /// transfers are dropped (they only feed the swarm graph; the counters stay exact), then errors.
    /// </summary>
    private Beacon FitToSize(Beacon beacon)
    {
        while (BeaconWriter.ToUtf8(beacon).Length > _limits.MaxBytes)
        {
            if (beacon.Errors.Any(e => e.Message.Length > 64))
                beacon = beacon with { Errors = [.. beacon.Errors.Select(e => e with { Message = Cut(e.Message, 64) })] };
            else if (beacon.Transfers.Count > 0)
                beacon = beacon with { Transfers = [.. beacon.Transfers.OrderByDescending(t => t.Down + t.Up).Take(beacon.Transfers.Count / 2)] };
            else if (beacon.Errors.Count > 0)
                beacon = beacon with { Errors = [.. beacon.Errors.Take(beacon.Errors.Count / 2)] };
            else
                break;
        }

        return beacon;
    }

    private long Add(long total, long amount) => amount <= 0 ? total : Math.Min(_limits.MaxCounter, total + Math.Min(amount, _limits.MaxCounter));

    private long Ms(TimeSpan span) => span <= TimeSpan.Zero ? 0 : Math.Min(_limits.MaxCounter, (long)span.TotalMilliseconds);

    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
            return text;
        // Never split a surrogate pair: a lone surrogate is not valid text in JSON.
        var end = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..end];
    }
}
