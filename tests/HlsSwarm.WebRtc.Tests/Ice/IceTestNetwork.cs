using System.Net;
using HlsSwarm.WebRtc.Ice;
using HlsSwarm.WebRtc.Stun;

namespace HlsSwarm.WebRtc.Tests.Ice;

/// <summary>
/// A tiny virtual network for ICE agents: datagrams between endpoints with configurable loss, delay and drop
/// filters, in virtual time (microsecond ticks). A test double, independent of HlsSwarm.Netem.
/// </summary>
public sealed class IceTestNetwork
{
    public const long Frequency = 1_000_000;

    private readonly Dictionary<IPEndPoint, IceAgent> _agents = [];
    private readonly Dictionary<IPEndPoint, IPEndPoint> _natOutside = [];
    private readonly PriorityQueue<Datagram, (long, long)> _inFlight = new();
    private readonly Random _random;
    private long _sequence;
    private int _stepsAtSameTime;

    public IceTestNetwork(int seed = 1)
    {
        _random = new Random(seed);
        Seed = seed;
    }

    public int Seed { get; }

    public long Now { get; private set; } = 1_000 * Frequency;

    public double Loss { get; set; }

    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Extra delay drawn uniformly from [0, Jitter) per datagram, which reorders them.</summary>
    public TimeSpan Jitter { get; set; }

    /// <summary>Probability that a datagram is delivered twice.</summary>
    public double Duplicate { get; set; }

    /// <summary>Return true to drop a datagram (source, destination).</summary>
    public Func<IPEndPoint, IPEndPoint, bool>? Drop { get; set; }

    /// <summary>Return true to drop a datagram by its content (source, destination, payload).</summary>
    public Func<IPEndPoint, IPEndPoint, byte[], bool>? DropPayload { get; set; }

    /// <summary>Fake STUN servers: answer Binding requests with the (NAT-translated) source address.</summary>
    public HashSet<IPEndPoint> StunServers { get; } = [];

    public List<(IPEndPoint From, IPEndPoint To, byte[] Payload)> Log { get; } = [];

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Frequency);

    public static IceAgentOptions Options(IceRole role, string ufrag) => new()
    {
        Role = role,
        LocalCredentials = new IceCredentials(ufrag, ufrag + "-password-0123456789"),
        TimestampFrequency = Frequency,
    };

    public IceAgent Add(IceAgentOptions options, int seed, params IPEndPoint[] sockets)
    {
        var agent = new IceAgent(options, new Random(seed));
        foreach (var socket in sockets)
        {
            agent.AddHostCandidate(socket);
            _agents[socket] = agent;
        }

        return agent;
    }

    /// <summary>Packets from <paramref name="inside"/> appear to come from <paramref name="outside"/> (a 1:1 NAT).</summary>
    public void Nat(IPEndPoint inside, IPEndPoint outside) => _natOutside[inside] = outside;

    /// <summary>Runs until <paramref name="until"/> holds or <paramref name="limit"/> of virtual time passes.</summary>
    public TimeSpan RunUntil(Func<bool> until, TimeSpan limit)
    {
        var start = Now;
        var end = Now + Ticks(limit);
        while (!until() && Step(end))
        {
        }

        return TimeSpan.FromSeconds((Now - start) / (double)Frequency);
    }

    public void Run(TimeSpan duration) => RunUntil(() => false, duration);

    private bool Step(long end)
    {
        Flush();
        long? next = _inFlight.TryPeek(out _, out var due) ? due.Item1 : null;
        IceAgent? dueAgent = null;
        foreach (var agent in _agents.Values.Distinct())
        {
            if (agent.PollTimeout() is { } t && (next is null || t < next))
            {
                next = t;
                dueAgent = agent;
            }
        }

        if (next is null || next > end)
        {
            Now = end;
            return false;
        }

        // A core whose PollTimeout stays in the past would spin its driver: catch that here.
        _stepsAtSameTime = next.Value <= Now ? _stepsAtSameTime + 1 : 0;
        if (_stepsAtSameTime > 10_000)
        {
            throw new InvalidOperationException($"busy loop at {Now} (seed {Seed})");
        }

        Now = Math.Max(Now, next.Value);
        if (dueAgent is not null)
        {
            dueAgent.HandleTimeout(Now);
            return true;
        }

        var datagram = _inFlight.Dequeue();
        if (StunServers.Contains(datagram.To))
        {
            AnswerStun(datagram);
        }
        else if (_agents.TryGetValue(datagram.To, out var target))
        {
            target.HandleReceive(Now, datagram.Payload, datagram.From, datagram.To);
        }

        return true;
    }

    private void Flush()
    {
        foreach (var agent in _agents.Values.Distinct())
        {
            while (agent.TryPollTransmit(out var transmit))
            {
                Send(transmit.LocalSocket, transmit.Destination, transmit.Payload.ToArray());
            }
        }
    }

    private void Send(IPEndPoint from, IPEndPoint to, byte[] payload)
    {
        var source = _natOutside.GetValueOrDefault(from, from);
        Log.Add((source, to, payload));
        if (_random.NextDouble() < Loss || (Drop?.Invoke(source, to) ?? false) || (DropPayload?.Invoke(source, to, payload) ?? false))
        {
            return;
        }

        // Replies to a NAT's outside address go to the inside host.
        var destination = _natOutside.FirstOrDefault(kv => kv.Value.Equals(to)).Key ?? to;
        var copies = _random.NextDouble() < Duplicate ? 2 : 1;
        for (var i = 0; i < copies; i++)
        {
            var due = Now + Ticks(Delay) + (long)(_random.NextDouble() * Ticks(Jitter));
            _inFlight.Enqueue(new Datagram(source, destination, payload), (due, _sequence++));
        }
    }

    private void AnswerStun(Datagram request)
    {
        if (StunMessage.TryParse(request.Payload, out var message) != StunDecodeError.None || message.Class != StunClass.Request)
        {
            return;
        }

        var writer = new StunWriter(new byte[200], StunClass.SuccessResponse, StunMethod.Binding, message.TransactionId);
        writer.AddXorMappedAddress(request.From);
        writer.AddFingerprint();
        var payload = writer.Written.ToArray();
        Send(request.To, request.From, payload);
    }

    private sealed record Datagram(IPEndPoint From, IPEndPoint To, byte[] Payload);
}
