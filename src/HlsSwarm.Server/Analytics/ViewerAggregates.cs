using System.Text.Json.Nodes;
using HlsSwarm.Protocol.Beacons;
using HlsSwarm.Server.Policy;

namespace HlsSwarm.Server.Analytics;

/// <summary>
/// The live view of every session and stream, in memory: per-session deltas of the cumulative counters, per-stream
/// 10 s series, failure reasons and the last minute of peer-to-peer transfers. Rebuilt from the
/// <see cref="BeaconStore"/> at start by replaying the stored beacons. Thread-safe (one lock; every operation is
/// short and allocation-light).
/// </summary>
public sealed class ViewerAggregates
{
    /// <summary>Width of one series step.</summary>
    public const int StepSeconds = 10;

    /// <summary>How far back the swarm graph looks.</summary>
    public static readonly TimeSpan GraphWindow = TimeSpan.FromSeconds(60);

    private const int RecentErrorsPerSession = 10;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ViewerSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StreamAggregate> _streams = new(StringComparer.Ordinal);
    private readonly AnalyticsOptions _options;

    /// <summary>Creates an empty view.</summary>
    public ViewerAggregates(AnalyticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Sessions in memory.</summary>
    public int SessionCount
    {
        get
        {
            lock (_lock)
                return _sessions.Count;
        }
    }

    /// <summary>
    /// Counts <paramref name="beacon"/>, received at <paramref name="at"/>: the deltas against the session's previous
    /// beacon (a counter that went backwards is a new baseline and adds nothing) go to the session, its stream, the
    /// series step of <paramref name="at"/> and, when given, <paramref name="metrics"/> (null while replaying).
    /// </summary>
    public BeaconAcceptance Accept(Beacon beacon, DateTimeOffset at, AnalyticsMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(beacon);
        var key = PolicyDecider.StreamKey(beacon.Stream);
        lock (_lock)
        {
            if (_sessions.TryGetValue(beacon.SessionId, out var session))
            {
                if (beacon.Seq <= session.Last!.Seq)
                    return BeaconAcceptance.Stale;
            }
            else if (_sessions.Count >= _options.MaxSessions)
            {
                return BeaconAcceptance.TooManySessions;
            }

            if (!_streams.TryGetValue(key, out var stream))
            {
                if (_streams.Count >= _options.MaxStreams)
                    return BeaconAcceptance.TooManyStreams;
                stream = new StreamAggregate(key);
                _streams.Add(key, stream);
            }

            if (session is null)
            {
                session = new ViewerSession(beacon.SessionId, key, at);
                _sessions.Add(session.Id, session);
            }
            else if (session.StreamKey != key && _streams.TryGetValue(session.StreamKey, out var previous))
            {
                // The same session moved to another stream (a new source in the same page): count it there from now.
                previous.Recent.Remove(session.Node!);
                session.Node = null;
                session.LastBucket = long.MinValue;
            }

            session.StreamKey = key;
            // Most recently seen first (beacons arrive in time order, replayed ones too).
            if (session.Node is not null)
                stream.Recent.Remove(session.Node);
            session.Node = stream.Recent.AddFirst(session);
            var prev = session.Last;
            var http = Delta(beacon.HttpBytes, prev?.HttpBytes);
            var p2p = Delta(beacon.P2pBytes, prev?.P2pBytes);
            var up = Delta(beacon.UploadedBytes, prev?.UploadedBytes);
            var stalls = Delta(beacon.StallCount, prev?.StallCount);
            session.Http += http;
            session.P2p += p2p;
            session.Uploaded += up;
            session.StallCount += stalls;
            session.StallMs += Delta(beacon.StallMs, prev?.StallMs);
            session.PlayingMs += Delta(beacon.PlayingMs, prev?.PlayingMs);
            stream.Http += http;
            stream.P2p += p2p;
            stream.Uploaded += up;

            var bucketIndex = at.ToUnixTimeSeconds() / StepSeconds;
            if (!stream.Series.TryGetValue(bucketIndex, out var bucket))
                stream.Series[bucketIndex] = bucket = new SeriesBucket();
            if (session.LastBucket != bucketIndex)
            {
                bucket.Viewers++;
                session.LastBucket = bucketIndex;
            }

            bucket.Http += http;
            bucket.P2p += p2p;
            bucket.Uploaded += up;

            foreach (var f in beacon.Failures)
            {
                long before = 0;
                if (prev is not null)
                {
                    foreach (var pf in prev.Failures)
                    {
                        if (pf.Reason == f.Reason)
                            before = pf.Count;
                    }
                }

                var d = Delta(f.Count, before);
                if (d == 0)
                    continue;
                session.Failures[f.Reason] = session.Failures.GetValueOrDefault(f.Reason) + d;
                stream.Failures[f.Reason] = stream.Failures.GetValueOrDefault(f.Reason) + d;
                metrics?.PeerFailures(f.Reason, d);
            }

            if (beacon.PeerId is { } me)
            {
                foreach (var t in beacon.Transfers)
                {
                    long downBefore = 0, upBefore = 0;
                    if (prev is not null && prev.PeerId == me)
                    {
                        foreach (var pt in prev.Transfers)
                        {
                            if (pt.PeerId == t.PeerId)
                                (downBefore, upBefore) = (pt.Down, pt.Up);
                        }
                    }

                    var down = Delta(t.Down, downBefore);
                    var upTo = Delta(t.Up, upBefore);
                    if (down > 0)
                        stream.Transfers.Enqueue(new TransferEvent(at, t.PeerId, me, down, 0));
                    if (upTo > 0)
                        stream.Transfers.Enqueue(new TransferEvent(at, me, t.PeerId, 0, upTo));
                }

                while (stream.Transfers.TryPeek(out var oldest) && oldest.At < at - GraphWindow)
                    stream.Transfers.Dequeue();
            }

            foreach (var e in beacon.Errors)
            {
                session.ErrorCount++;
                session.RecentErrors.Enqueue((at, e));
                if (session.RecentErrors.Count > RecentErrorsPerSession)
                    session.RecentErrors.Dequeue();
            }

            if (metrics is not null)
            {
                metrics.Bytes(key, http, p2p, up);
                if (stalls > 0)
                    metrics.Stalls(key, stalls);
                if (beacon.StartupMs is { } startup && prev?.StartupMs is null)
                    metrics.Startup(startup);
            }

            session.Last = beacon;
            if (at > session.LastSeen)
                session.LastSeen = at;
            return BeaconAcceptance.Accepted;
        }
    }

    /// <summary>
    /// Live viewers of <paramref name="stream"/> at <paramref name="now"/>, counting <paramref name="sessionId"/> as live
    /// even before its first beacon (a viewer asking for the policy is watching), and counting no further than
    /// <paramref name="cap"/> (a policy only needs to know whether minViewers is reached).
    /// </summary>
    public int LiveViewers(string? stream, string? sessionId, DateTimeOffset now, int cap = int.MaxValue)
    {
        if (stream is null)
            return sessionId is null ? 0 : 1;
        lock (_lock)
        {
            var count = 0;
            var self = false;
            if (_streams.TryGetValue(PolicyDecider.StreamKey(stream), out var s))
            {
                if (sessionId is not null && _sessions.TryGetValue(sessionId, out var me) && me.StreamKey == s.Key && IsLive(me, now))
                {
                    self = true;
                    count = 1;
                }

                foreach (var session in LiveOf(s, now))
                {
                    if (count >= cap)
                        break;
                    if (session.Id != sessionId)
                        count++;
                }
            }

            return Math.Min(cap, count + (sessionId is not null && !self ? 1 : 0));
        }
    }

    /// <summary>Live viewers per stream key, for the <c>hlsswarm_viewers</c> gauge.</summary>
    public IReadOnlyList<(string Stream, int Viewers)> LiveViewersByStream(DateTimeOffset now)
    {
        lock (_lock)
            return [.. _streams.Values.Select(s => (s.Key, LiveOf(s, now).Count()))];
    }

    /// <summary>
    /// The dashboard summary: per stream live viewers and their renditions, bytes, P2P share, QoE of the P2P and
    /// control groups, failure reasons; and totals. Bytes and QoE cover every session kept (the retention period).
    /// </summary>
    public JsonObject Summary(DateTimeOffset now)
    {
        lock (_lock)
        {
            var streams = new JsonArray();
            long viewers = 0, http = 0, p2p = 0, uploaded = 0;
            foreach (var s in _streams.Values
                         .Select(s => (Stream: s, Live: LiveOf(s, now).ToList()))
                         .OrderByDescending(x => x.Live.Count).ThenBy(x => x.Stream.Key, StringComparer.Ordinal))
            {
                var renditions = new JsonObject();
                foreach (var g in s.Live.GroupBy(x => x.Last!.Rendition).OrderBy(g => g.Key, StringComparer.Ordinal))
                    renditions[g.Key] = g.Count();
                var failures = new JsonObject();
                foreach (var (reason, count) in s.Stream.Failures.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    failures[reason] = count;
                streams.Add(new JsonObject
                {
                    ["stream"] = s.Stream.Key,
                    ["viewers"] = s.Live.Count,
                    ["renditions"] = renditions,
                    ["bytes"] = BytesJson(s.Stream.Http, s.Stream.P2p, s.Stream.Uploaded),
                    ["p2pShare"] = Share(s.Stream.Http, s.Stream.P2p),
                    ["originBytesSaved"] = s.Stream.P2p,
                    ["qoe"] = new JsonObject
                    {
                        ["p2p"] = Qoe(s.Stream.Recent.Where(x => x.Last!.Group == BeaconGroup.P2p)),
                        ["control"] = Qoe(s.Stream.Recent.Where(x => x.Last!.Group == BeaconGroup.Control)),
                    },
                    ["failures"] = failures,
                });
                viewers += s.Live.Count;
                http += s.Stream.Http;
                p2p += s.Stream.P2p;
                uploaded += s.Stream.Uploaded;
            }

            return new JsonObject
            {
                ["now"] = now.UtcDateTime,
                ["streams"] = streams,
                ["totals"] = new JsonObject
                {
                    ["viewers"] = viewers,
                    ["bytes"] = BytesJson(http, p2p, uploaded),
                    ["p2pShare"] = Share(http, p2p),
                },
            };
        }
    }

    /// <summary>
    /// The series of <paramref name="stream"/> (all streams summed when null) for the last <paramref name="minutes"/>:
    /// one point per 10 s step, zeros where nobody reported; bytes are per step, not cumulative.
    /// </summary>
    public JsonObject Series(string? stream, int minutes, DateTimeOffset now)
    {
        var last = now.ToUnixTimeSeconds() / StepSeconds;
        var first = last - (minutes * 60 / StepSeconds) + 1;
        var points = new JsonArray();
        lock (_lock)
        {
            var sources = stream is null
                ? [.. _streams.Values]
                : _streams.TryGetValue(PolicyDecider.StreamKey(stream), out var s) ? new[] { s } : [];
            for (var i = first; i <= last; i++)
            {
                long viewers = 0, http = 0, p2p = 0, up = 0;
                foreach (var src in sources)
                {
                    if (src.Series.TryGetValue(i, out var b))
                    {
                        viewers += b.Viewers;
                        http += b.Http;
                        p2p += b.P2p;
                        up += b.Uploaded;
                    }
                }

                points.Add(new JsonObject
                {
                    ["t"] = DateTimeOffset.FromUnixTimeSeconds(i * StepSeconds).UtcDateTime,
                    ["viewers"] = viewers,
                    ["http"] = http,
                    ["p2p"] = p2p,
                    ["uploaded"] = up,
                });
            }
        }

        return new JsonObject { ["stepSeconds"] = StepSeconds, ["points"] = points };
    }

    /// <summary>
    /// The swarm of <paramref name="stream"/>: live sessions with a peer id as nodes (plus remote peers seen in
    /// transfers), and who sent how many bytes to whom in the last minute. Both ends of a transfer may report it
    /// (down on one side, up on the other), so an edge carries the larger of the two sums, not their total.
    /// </summary>
    public JsonObject Graph(string stream, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var nodes = new JsonArray();
        var edges = new JsonArray();
        lock (_lock)
        {
            if (_streams.TryGetValue(PolicyDecider.StreamKey(stream), out var s))
            {
                var known = new HashSet<string>(StringComparer.Ordinal);
                foreach (var session in LiveOf(s, now).Where(x => x.Last!.PeerId is not null).OrderBy(x => x.Id, StringComparer.Ordinal))
                {
                    known.Add(session.Last!.PeerId!);
                    nodes.Add(new JsonObject
                    {
                        ["peerId"] = session.Last.PeerId,
                        ["sessionId"] = session.Id,
                        ["rendition"] = session.Last.Rendition,
                    });
                }

                var pairs = new Dictionary<(string From, string To), (long Down, long Up)>();
                foreach (var t in s.Transfers)
                {
                    if (t.At < now - GraphWindow)
                        continue;
                    var sum = pairs.GetValueOrDefault((t.From, t.To));
                    pairs[(t.From, t.To)] = (sum.Down + t.Down, sum.Up + t.Up);
                }

                foreach (var ((from, to), (down, up)) in pairs.OrderByDescending(kv => Math.Max(kv.Value.Down, kv.Value.Up)))
                {
                    foreach (var peer in new[] { from, to })
                    {
                        if (known.Add(peer))
                            nodes.Add(new JsonObject { ["peerId"] = peer, ["sessionId"] = null, ["rendition"] = "" });
                    }

                    edges.Add(new JsonObject { ["from"] = from, ["to"] = to, ["bytes"] = Math.Max(down, up) });
                }
            }
        }

        return new JsonObject { ["nodes"] = nodes, ["edges"] = edges };
    }

    /// <summary>The most recently seen sessions (of <paramref name="stream"/>, or of all when null), newest first.</summary>
    public JsonObject Sessions(string? stream, int limit, DateTimeOffset now)
    {
        var list = new JsonArray();
        lock (_lock)
        {
            // One stream: its recency list is already newest first. All streams: sort.
            var sessions = stream is null
                ? _sessions.Values.OrderByDescending(x => x.LastSeen).ThenBy(x => x.Id, StringComparer.Ordinal).Take(limit)
                : _streams.TryGetValue(PolicyDecider.StreamKey(stream), out var s) ? s.Recent.Take(limit) : [];
            foreach (var session in sessions)
                list.Add(SessionJson(session, now));
        }

        return new JsonObject { ["sessions"] = list };
    }

    /// <summary>
    /// One session's current state, or null when unknown: the last beacon's fields, with <c>bytes</c>, <c>stalls</c>,
    /// <c>playingMs</c> and <c>peers.failures</c> as sums of deltas (equal to the cumulative values sent unless a
    /// counter restarted), <c>transfers</c> of the last beacon, and its last 10 errors with their time.
    /// </summary>
    public JsonObject? Session(string sessionId, DateTimeOffset now)
    {
        lock (_lock)
            return _sessions.TryGetValue(sessionId, out var s) ? SessionJson(s, now) : null;
    }

    /// <summary>Drops sessions last seen before <paramref name="cutoff"/>, series steps before it, and emptied streams.</summary>
    public void Prune(DateTimeOffset cutoff)
    {
        lock (_lock)
        {
            foreach (var session in _sessions.Values.Where(s => s.LastSeen < cutoff).ToList())
            {
                _sessions.Remove(session.Id);
                if (_streams.TryGetValue(session.StreamKey, out var s) && session.Node is not null)
                    s.Recent.Remove(session.Node);
                session.Node = null;
            }

            var firstBucket = cutoff.ToUnixTimeSeconds() / StepSeconds;
            foreach (var stream in _streams.Values.ToList())
            {
                foreach (var old in stream.Series.Keys.Where(k => k < firstBucket).ToList())
                    stream.Series.Remove(old);
                if (stream.Recent.Count == 0 && stream.Series.Count == 0)
                    _streams.Remove(stream.Key);
            }
        }
    }

    private bool IsLive(ViewerSession s, DateTimeOffset now) => now - s.LastSeen < _options.LiveWindow;

    private IEnumerable<ViewerSession> LiveOf(StreamAggregate stream, DateTimeOffset now)
    {
        for (var node = stream.Recent.First; node is not null && IsLive(node.Value, now); node = node.Next)
            yield return node.Value;
    }

    private static long Delta(long current, long? previous) =>
        previous is { } p ? (current >= p ? current - p : 0) : current;

    private static double Share(long http, long p2p) => http + p2p == 0 ? 0 : Math.Round((double)p2p / (http + p2p), 4);

    private static JsonObject BytesJson(long http, long p2p, long uploaded) =>
        new() { ["http"] = http, ["p2p"] = p2p, ["uploaded"] = uploaded };

    private static JsonObject Qoe(IEnumerable<ViewerSession> sessions)
    {
        var list = sessions.ToList();
        var startups = list.Where(s => s.Last!.StartupMs is not null).Select(s => s.Last!.StartupMs!.Value).Order().ToList();
        long stall = list.Sum(s => s.StallMs), playing = list.Sum(s => s.PlayingMs);
        return new JsonObject
        {
            ["sessions"] = list.Count,
            ["startupMsP50"] = startups.Count == 0 ? null : startups[(startups.Count - 1) / 2],
            ["rebufferRatio"] = stall + playing == 0 ? 0 : Math.Round((double)stall / (stall + playing), 4),
        };
    }

    private JsonObject SessionJson(ViewerSession s, DateTimeOffset now)
    {
        var b = s.Last!;
        var failures = new JsonObject();
        foreach (var (reason, count) in s.Failures.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            failures[reason] = count;
        var errors = new JsonArray();
        foreach (var (at, e) in s.RecentErrors)
            errors.Add(new JsonObject { ["t"] = at.UtcDateTime, ["kind"] = e.Kind, ["message"] = e.Message });
        var transfers = new JsonArray();
        foreach (var t in b.Transfers)
            transfers.Add(new JsonObject { ["peerId"] = t.PeerId, ["down"] = t.Down, ["up"] = t.Up });
        return new JsonObject
        {
            ["sessionId"] = s.Id,
            ["stream"] = b.Stream,
            ["rendition"] = b.Rendition,
            ["client"] = new JsonObject { ["kind"] = b.ClientKind == BeaconClientKind.Engine ? "engine" : "web", ["version"] = b.ClientVersion },
            ["peerId"] = b.PeerId,
            ["p2p"] = new JsonObject { ["enabled"] = b.P2pEnabled, ["group"] = b.Group == BeaconGroup.Control ? "control" : "p2p" },
            ["metered"] = b.Metered,
            ["firstSeen"] = s.FirstSeen.UtcDateTime,
            ["lastSeen"] = s.LastSeen.UtcDateTime,
            ["live"] = IsLive(s, now),
            ["seq"] = b.Seq,
            ["bytes"] = BytesJson(s.Http, s.P2p, s.Uploaded),
            ["peers"] = new JsonObject { ["connected"] = b.PeersConnected, ["attempts"] = b.PeerAttempts, ["failures"] = failures },
            ["startupMs"] = b.StartupMs,
            ["stalls"] = new JsonObject { ["count"] = s.StallCount, ["ms"] = s.StallMs },
            ["playingMs"] = s.PlayingMs,
            ["liveLatencyMs"] = b.LiveLatencyMs,
            ["transfers"] = transfers,
            ["errorCount"] = s.ErrorCount,
            ["errors"] = errors,
        };
    }
}
