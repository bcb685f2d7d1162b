namespace HlsSwarm.Netem;

/// <summary>
/// One direction of an emulated network link, sans-I/O: the caller sends datagrams at virtual time <c>now</c> and
/// collects them when they are due. Nothing here reads a clock or draws from a shared random source.
/// </summary>
/// <remarks>
/// <para>Time convention: <c>now</c> is a monotonic count of <see cref="TimeSpan"/> ticks (100 ns,
/// <see cref="TimeSpan.TicksPerSecond"/> per second) from an arbitrary origin. A driver on real time passes
/// <c>timeProvider.GetElapsedTime(start).Ticks</c>.</para>
/// <para>Loop: <c>Send(now, d)</c> any time; <c>while (TryReceive(now, out d)) deliver(d)</c>; sleep until
/// <see cref="PollTimeout"/>. Order of impairments per datagram: loss, bottleneck queue (rate), latency + jitter,
/// reordering, duplication.</para>
/// </remarks>
public sealed class NetemLink
{
    private readonly NetemConfig config;
    private readonly Random random;
    private readonly PriorityQueue<byte[], (long DueAt, long Sequence)> inFlight = new();
    private long sequence;
    private bool badState;
    private long bottleneckFreeAt;
    private long lastInOrderDue;

    /// <summary>Creates a link with the given impairments, drawing every random choice from <paramref name="random"/>.</summary>
    public NetemLink(NetemConfig config, Random random)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(random);
        this.config = config;
        this.random = random;
    }

    /// <summary>Counters since creation.</summary>
    public NetemStats Stats { get; } = new();

    /// <summary>Datagrams in flight (sent, not yet received).</summary>
    public int InFlight => inFlight.Count;

    /// <summary>Puts a copy of <paramref name="datagram"/> on the link at time <paramref name="now"/>.</summary>
    public void Send(long now, ReadOnlySpan<byte> datagram)
    {
        Stats.Sent++;
        if (IsLost())
        {
            Stats.Lost++;
            return;
        }

        var departAt = now;
        if (config.RateBitsPerSecond > 0)
        {
            // A FIFO bottleneck: each datagram waits for the ones before it to be serialised.
            var start = Math.Max(now, bottleneckFreeAt);
            var queuedBytes = (start - now) * config.RateBitsPerSecond / 8 / TimeSpan.TicksPerSecond;
            if (queuedBytes + datagram.Length > config.QueueLimitBytes)
            {
                Stats.QueueDropped++;
                return;
            }

            bottleneckFreeAt = start + (datagram.Length * 8L * TimeSpan.TicksPerSecond / config.RateBitsPerSecond);
            departAt = bottleneckFreeAt;
        }

        var bytes = datagram.ToArray();
        Enqueue(bytes, departAt);
        if (config.DuplicateProbability > 0 && random.NextDouble() < config.DuplicateProbability)
        {
            Stats.Duplicated++;
            Enqueue(bytes, departAt);
        }
    }

    /// <summary>Takes the next datagram that is due at <paramref name="now"/>; false when none is.</summary>
    public bool TryReceive(long now, out byte[] datagram)
    {
        if (inFlight.TryPeek(out var next, out var key) && key.DueAt <= now)
        {
            inFlight.Dequeue();
            Stats.Delivered++;
            datagram = next;
            return true;
        }

        datagram = [];
        return false;
    }

    /// <summary>When the next datagram is due, or null when nothing is in flight.</summary>
    public long? PollTimeout() => inFlight.TryPeek(out _, out var key) ? key.DueAt : null;

    private void Enqueue(byte[] datagram, long departAt)
    {
        var due = departAt + config.Latency.Ticks;
        if (config.Jitter > TimeSpan.Zero)
        {
            due += (long)(random.NextDouble() * config.Jitter.Ticks);
            if (!config.JitterReorders)
            {
                due = Math.Max(due, lastInOrderDue);
                lastInOrderDue = due;
            }
        }

        if (config.ReorderProbability > 0 && random.NextDouble() < config.ReorderProbability)
        {
            Stats.Reordered++;
            due += config.ReorderDelay.Ticks;
        }

        inFlight.Enqueue(datagram, (due, sequence++));
    }

    private bool IsLost()
    {
        var loss = config.Loss;
        if (loss.GoodToBad > 0)
        {
            // Gilbert-Elliott: move between states first, then lose with the state's probability.
            badState = badState ? random.NextDouble() >= loss.BadToGood : random.NextDouble() < loss.GoodToBad;
            var p = badState ? loss.BadLoss : loss.GoodLoss;
            return p > 0 && random.NextDouble() < p;
        }

        return loss.GoodLoss > 0 && random.NextDouble() < loss.GoodLoss;
    }
}
