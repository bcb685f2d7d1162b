using System.Diagnostics;
using HlsSwarm.Netem;
using HlsSwarm.WebRtc.Dcep;
using HlsSwarm.WebRtc.Sctp;

namespace HlsSwarm.Cli.Bench;

/// <summary>
/// Our SCTP + DCEP cores (<see cref="DataChannelEndpoint"/>, sized as <c>PeerConnection</c> sizes them: 1195-byte
/// packets, 1 MiB receive window, 256 KiB messages) joined by two <see cref="NetemLink"/>s in virtual time, as the
/// tests' VirtualTimePair does (style.md convention 8). DTLS and ICE are left out: their BouncyCastle timers run in
/// real time, and on an established path they add only 37 bytes per packet. Each direction has half the round trip as
/// latency, uniform loss and a 1 Gbit/s bottleneck that never drops, so the figure is what the receive window
/// (1 MiB ÷ RTT at most: 168, 84, 42 Mbit/s at 50, 100, 200 ms) and congestion control allow.
/// </summary>
internal sealed class VirtualNetworkThroughput
{
    /// <summary>The SCTP packet size of the stack: DTLS's default 1232-byte datagram minus 37 bytes of record overhead.</summary>
    private const int SctpMtu = 1195;

    /// <summary>The sender keeps this much queued and unacknowledged, as the UDP driver's default send high-water.</summary>
    private const long SendHighWater = 2 * 1024 * 1024;

    /// <summary>The bottleneck rate of each direction: 1 Gbit/s, above anything the windows allow at these round trips.</summary>
    public const long LinkRate = 1_000_000_000;

    private readonly DataChannelEndpoint _a;
    private readonly DataChannelEndpoint _b;
    private readonly NetemLink _aToB;
    private readonly NetemLink _bToA;
    private readonly byte[] _buffer = new byte[65536];
    private readonly byte[] _message;
    private ushort? _channel;
    private bool _open;
    private long _now;
    private long _queued;

    private VirtualNetworkThroughput(int rttMs, double lossPercent, int messageSize, int seed)
    {
        var random = new Random(seed);
        var options = new SctpOptions { Mtu = SctpMtu };
        _a = new DataChannelEndpoint(new SctpAssociation(options, new Random(random.Next())), dtlsClient: true);
        _b = new DataChannelEndpoint(new SctpAssociation(options, new Random(random.Next())), dtlsClient: false);
        var link = new NetemConfig
        {
            Latency = TimeSpan.FromMilliseconds(rttMs / 2.0),
            Loss = NetemLoss.Uniform(lossPercent / 100),
            // A fast bottleneck spaces a flight's packets in time as a real path does (the receiver SACKs every second
            // one); its queue holds more than both windows, so it never drops: the windows are what is measured.
            RateBitsPerSecond = LinkRate,
            QueueLimitBytes = 16 * 1024 * 1024,
        };
        _aToB = new NetemLink(link, new Random(random.Next()));
        _bToA = new NetemLink(link, new Random(random.Next()));
        _message = new byte[messageSize];
        random.NextBytes(_message);
    }

    /// <summary>
    /// Runs one case: <paramref name="warmUp"/> of virtual time (association, slow start), then measures the payload
    /// acknowledged in the next <paramref name="measured"/>: bytes handed to the channel minus its bufferedAmount, so
    /// the figure moves with every SACK instead of with whole 256 KiB messages (at 1 % loss and 200 ms a message
    /// takes seconds).
    /// </summary>
    public static VirtualNetworkResult Run(int rttMs, double lossPercent, TimeSpan warmUp, TimeSpan measured,
        int messageSize = DataChannelBenchSettings.LargeMessage, int seed = 42)
    {
        var clock = Stopwatch.StartNew();
        var run = new VirtualNetworkThroughput(rttMs, lossPercent, messageSize, seed);
        var bytes = run.Measure(warmUp.Ticks, warmUp.Ticks + measured.Ticks);
        var stats = run._a.Association.Stats;
        return new VirtualNetworkResult(rttMs, lossPercent, bytes * 8 / measured.TotalSeconds / 1e6,
            stats.FastRetransmissions + stats.TimeoutRetransmissions, clock.Elapsed.TotalSeconds);
    }

    private long Measure(long windowStart, long windowEnd)
    {
        _channel = _a.Open("hlsswarm-bench");
        _a.Association.Connect(_now);
        long? ackedAtStart = null;
        while (true)
        {
            Pump();
            var next = Min(Min(_a.PollTimeout(), _b.PollTimeout()), Min(_aToB.PollTimeout(), _bToA.PollTimeout()));
            if (next is null || next >= windowEnd)
            {
                return Acknowledged() - (ackedAtStart ?? Acknowledged());
            }
            if (ackedAtStart is null && next.Value >= windowStart)
            {
                ackedAtStart = Acknowledged();
            }
            _now = Math.Max(_now, next.Value);
            if (_a.PollTimeout() <= _now)
            {
                _a.HandleTimeout(_now);
            }
            if (_b.PollTimeout() <= _now)
            {
                _b.HandleTimeout(_now);
            }
        }
    }

    private long Acknowledged() => _queued - _a.GetBufferedAmount(_channel!.Value);

    /// <summary>Moves everything that is due.</summary>
    private void Pump()
    {
        bool any;
        do
        {
            any = Refill();
            any |= Transmit(_a, _aToB) | Transmit(_b, _bToA) | Receive(_aToB, _b) | Receive(_bToA, _a);
            while (_a.TryPollEvent(out var e))
            {
                any = true;
                _open |= e.Kind == DataChannelEventKind.ChannelOpen && e.ChannelId == _channel;
            }
            // The receiving application reads everything at once (its window reopens as it does).
            while (_b.TryPollEvent(out _))
            {
                any = true;
            }
        }
        while (any);
    }

    /// <summary>Keeps the channel's bufferedAmount at the high-water mark, as an application writing flat out does.</summary>
    private bool Refill()
    {
        var any = false;
        while (_open && _a.GetBufferedAmount(_channel!.Value) < SendHighWater
               && _a.Send(_channel.Value, _message) == SctpSendResult.Queued)
        {
            _queued += _message.Length;
            any = true;
        }
        return any;
    }

    private bool Transmit(DataChannelEndpoint from, NetemLink link)
    {
        var any = false;
        while (from.TryPollTransmit(_now, _buffer, out var n))
        {
            link.Send(_now, _buffer.AsSpan(0, n));
            any = true;
        }
        return any;
    }

    /// <summary>
    /// Hands over one datagram: the next round polls the transmits first, as a driver that answers each datagram does.
    /// Draining a whole flight before polling would turn every SACK into a stretch ACK for the flight, and since
    /// slow start grows cwnd by at most one MTU per SACK (RFC 9260 §7.2.1), cwnd would grow by one MTU per round trip.
    /// </summary>
    private bool Receive(NetemLink link, DataChannelEndpoint to)
    {
        if (!link.TryReceive(_now, out var datagram))
        {
            return false;
        }
        to.HandleReceive(_now, datagram);
        return true;
    }

    private static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
