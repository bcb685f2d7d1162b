using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;

namespace HlsSwarm.Tracker.LoadTest;

/// <summary>
/// One simulated p2p-media-loader peer: one WebSocket, one peer_id, one swarm. It announces with offers when the
/// scheduler says so and answers every offer relayed to it, like a browser whose WebRTC stack answers instantly.
/// </summary>
internal sealed class SwarmPeer
{
    private const string PeerIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly RunContext _run;
    private readonly byte[] _infoHash;
    private readonly byte[] _peerId;
    private readonly int _announceCapacity;
    private WsConnection? _connection;
    private bool _started;
    private int _announcePending;

    public SwarmPeer(RunContext run, int index, byte[] infoHash, Random random)
    {
        _run = run;
        Index = index;
        _infoHash = infoHash;
        // spec §1.4: 20 printable ASCII chars, client prefix + 12 random alphanumerics.
        var id = new StringBuilder("-HS0100-");
        for (int i = 0; i < 12; i++) id.Append(PeerIdAlphabet[random.Next(PeerIdAlphabet.Length)]);
        _peerId = Encoding.ASCII.GetBytes(id.ToString());
        _announceCapacity = TrackerMessages.AnnounceCapacity(run.Options.Offers);
    }

    public int Index { get; }

    public bool Connected => _connection is { Closing: false };

    /// <summary>Connects and starts the receive loop; false (counted) if the connection could not be made.</summary>
    public async Task<bool> ConnectAsync(CancellationToken ct)
    {
        try
        {
            _connection = await WsConnection.ConnectAsync(_run.Options.UrlFor(Index), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Interlocked.Increment(ref _run.Counters.ConnectFailures);
            _run.Sample("connect failure", e.Message);
            return false;
        }
        _ = ReceiveAsync(_connection);
        return true;
    }

    private async Task ReceiveAsync(WsConnection connection)
    {
        string? end = await connection.ReceiveLoopAsync(OnMessage).ConfigureAwait(false);
        if (end is not null && !_run.Stopping)
        {
            Interlocked.Increment(ref _run.Counters.UnexpectedCloses);
            _run.Sample("unexpected close", end);
        }
        connection.Close();
    }

    /// <summary>Sends an announce with fresh offers unless the previous one is still being written (counted as skipped).</summary>
    public void Announce()
    {
        WsConnection? connection = _connection;
        if (connection is null || connection.Closing) return;
        if (Interlocked.Exchange(ref _announcePending, 1) == 1)
        {
            Interlocked.Increment(ref _run.Counters.SkippedAnnounces);
            return;
        }
        byte[] buffer = WsConnection.RentSendBuffer(_announceCapacity);
        int length = TrackerMessages.WriteAnnounce(buffer.AsSpan(WsConnection.HeaderRoom), _infoHash, _peerId,
            started: !_started, _run.Options.Offers, (uint)Index ^ _run.OfferIdKey, Stopwatch.GetTimestamp(), Random.Shared);
        _started = true;
        _ = SendAnnounceAsync(connection, buffer, length);
    }

    private async Task SendAnnounceAsync(WsConnection connection, byte[] buffer, int length)
    {
        bool ok = await connection.SendTextAsync(buffer, length).ConfigureAwait(false);
        Volatile.Write(ref _announcePending, 0);
        if (ok)
        {
            Interlocked.Increment(ref _run.Counters.AnnouncesSent);
            Interlocked.Add(ref _run.Counters.OffersSent, _run.Options.Offers);
        }
        else
        {
            Interlocked.Increment(ref _run.Counters.SendErrors);
        }
    }

    private void OnMessage(Span<byte> message)
    {
        Counters c = _run.Counters;
        long now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref c.Responses);
        Span<byte> offerId = stackalloc byte[20];
        InboundMessage m = InboundMessage.Parse(message, _infoHash, _peerId, offerId);
        if (m.Kind is InboundKind.AnnounceReply or InboundKind.OfferRelay or InboundKind.AnswerRelay && !m.InfoHashMatches)
        {
            Interlocked.Increment(ref c.WrongInfoHash);
            _run.Sample("wrong info_hash", Encoding.UTF8.GetString(message));
        }
        switch (m.Kind)
        {
            case InboundKind.AnnounceReply:
                Interlocked.Increment(ref c.AnnounceReplies);
                break;
            case InboundKind.OfferRelay:
                Interlocked.Increment(ref c.OfferRelays);
                if (m.FromSelf)
                {
                    Interlocked.Increment(ref c.SelfOffers);
                    _run.Sample("offer relayed to its own sender", Encoding.UTF8.GetString(message));
                    break;
                }
                RecordLatency(_run.OfferLatency, m.Sdp, now);
                Answer(m.RawPeerId, m.RawOfferId);
                break;
            case InboundKind.AnswerRelay:
                Interlocked.Increment(ref c.AnswerRelays);
                if ((BinaryPrimitives.ReadUInt32LittleEndian(offerId) ^ _run.OfferIdKey) != (uint)Index)
                {
                    Interlocked.Increment(ref c.Misrouted);
                    _run.Sample("answer for an offer this peer did not make", Encoding.UTF8.GetString(message));
                }
                RecordLatency(_run.AnswerLatency, m.Sdp, now);
                break;
            case InboundKind.Failure:
                Interlocked.Increment(ref c.Failures);
                _run.Sample("failure reply", Encoding.UTF8.GetString(m.FailureReason));
                break;
            case InboundKind.Other:
                Interlocked.Increment(ref c.Other);
                break;
            default:
                Interlocked.Increment(ref c.Malformed);
                _run.Sample("malformed", Encoding.UTF8.GetString(message));
                break;
        }
    }

    private void RecordLatency(LatencyHistogram histogram, ReadOnlySpan<byte> sdp, long now)
    {
        long sent = TrackerMessages.ReadTimestamp(sdp);
        if (sent < 0 || sent > now)
        {
            Interlocked.Increment(ref _run.Counters.BadTimestamp);
            _run.Sample("sdp without our timestamp", Encoding.UTF8.GetString(sdp));
            return;
        }
        if (_run.Measuring) histogram.Record((now - sent) * 1_000_000 / Stopwatch.Frequency);
    }

    private void Answer(ReadOnlySpan<byte> rawToPeerId, ReadOnlySpan<byte> rawOfferId)
    {
        WsConnection? connection = _connection;
        if (connection is null || connection.Closing) return;
        byte[] buffer = WsConnection.RentSendBuffer(TrackerMessages.AnswerCapacity(rawToPeerId.Length, rawOfferId.Length));
        int length = TrackerMessages.WriteAnswer(buffer.AsSpan(WsConnection.HeaderRoom), _infoHash, _peerId,
            rawToPeerId, rawOfferId, Stopwatch.GetTimestamp());
        _ = SendAnswerAsync(connection, buffer, length);
    }

    private async Task SendAnswerAsync(WsConnection connection, byte[] buffer, int length)
    {
        bool ok = await connection.SendTextAsync(buffer, length).ConfigureAwait(false);
        Interlocked.Increment(ref ok ? ref _run.Counters.AnswersSent : ref _run.Counters.SendErrors);
    }

    public void Close() => _connection?.Close();
}
