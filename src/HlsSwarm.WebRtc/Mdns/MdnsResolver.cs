using System.Net.Sockets;

namespace HlsSwarm.WebRtc.Mdns;

/// <summary>
/// Sans-I/O one-shot mDNS resolver for ICE candidate names (<see href="https://www.rfc-editor.org/rfc/rfc6762#section-5.1">RFC
/// 6762 §5.1</see>): queries a name, repeats the query after 1 s and 3 s, and reports the first answer or a
/// timeout. The driver sends each <see cref="TryPollTransmit"/> datagram to <see cref="MdnsMessage.IPv4Group"/>
/// (or the IPv6 group) and feeds every datagram received on port 5353 to <see cref="HandleReceive"/>.
/// </summary>
public sealed class MdnsResolver
{
    /// <summary>Most names being resolved at once; more are refused (a hostile SDP can list many).</summary>
    public const int MaxPending = 32;

    private static readonly double[] QueryTimes = [0, 1, 3];

    private readonly long _frequency;
    private readonly long _timeout;
    private readonly List<Pending> _pending = [];
    private readonly Queue<ReadOnlyMemory<byte>> _transmits = new();
    private readonly Queue<MdnsResolution> _events = new();

    /// <summary>Creates a resolver.</summary>
    /// <param name="timestampFrequency">Ticks per second of the <c>now</c> values passed in.</param>
    /// <param name="timeout">How long to wait for an answer (default 5 s).</param>
    public MdnsResolver(long timestampFrequency, TimeSpan? timeout = null)
    {
        if (timestampFrequency <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timestampFrequency));
        }

        _frequency = timestampFrequency;
        _timeout = (long)((timeout ?? TimeSpan.FromSeconds(5)).TotalSeconds * timestampFrequency);
    }

    /// <summary>
    /// Starts resolving <paramref name="name"/> for an A (or AAAA) record. Returns false when the name is
    /// invalid, already pending, or <see cref="MaxPending"/> names are pending.
    /// </summary>
    public bool Resolve(long now, string name, AddressFamily family = AddressFamily.InterNetwork)
    {
        if (_pending.Count >= MaxPending || _pending.Exists(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Family == family))
        {
            return false;
        }

        var query = new byte[512];
        var length = MdnsMessage.WriteQuery(query, name, family == AddressFamily.InterNetworkV6 ? MdnsRecordType.Aaaa : MdnsRecordType.A);
        if (length == 0)
        {
            return false;
        }

        var pending = new Pending(name, family, query.AsMemory(0, length), now);
        _pending.Add(pending);
        Send(pending, now);
        return true;
    }

    /// <summary>Handles a datagram received on the mDNS port; anything that is not a matching answer is ignored.</summary>
    public void HandleReceive(long now, ReadOnlySpan<byte> datagram)
    {
        if (_pending.Count == 0 || MdnsMessage.TryParse(datagram, out var message) != MdnsDecodeError.None || !message!.IsResponse)
        {
            return;
        }

        for (var i = _pending.Count - 1; i >= 0; i--)
        {
            var pending = _pending[i];
            if (message.TryFindAddress(pending.Name, pending.Family, out var address, out var ttl))
            {
                _pending.RemoveAt(i);
                _events.Enqueue(new MdnsResolution(pending.Name, address, ttl));
            }
        }
    }

    /// <summary>Sends due repeats and reports timeouts.</summary>
    public void HandleTimeout(long now)
    {
        for (var i = _pending.Count - 1; i >= 0; i--)
        {
            var pending = _pending[i];
            if (now - pending.Started >= _timeout)
            {
                _pending.RemoveAt(i);
                _events.Enqueue(new MdnsResolution(pending.Name, null, 0));
            }
            else if (pending.NextQuery is { } due && now >= due)
            {
                Send(pending, now);
            }
        }
    }

    /// <summary>Next query to multicast, if any.</summary>
    public bool TryPollTransmit(out ReadOnlyMemory<byte> query) => _transmits.TryDequeue(out query);

    /// <summary>Next resolution (answer or timeout), if any.</summary>
    public bool TryPollEvent(out MdnsResolution resolution) => _events.TryDequeue(out resolution);

    /// <summary>When <see cref="HandleTimeout"/> must run next, or null when nothing is pending.</summary>
    public long? PollTimeout()
    {
        long? next = null;
        foreach (var pending in _pending)
        {
            var due = Math.Min(pending.NextQuery ?? long.MaxValue, pending.Started + _timeout);
            next = next is { } n && n <= due ? n : due;
        }

        return next;
    }

    private void Send(Pending pending, long now)
    {
        _transmits.Enqueue(pending.Query);
        pending.Sent++;
        pending.NextQuery = pending.Sent < QueryTimes.Length
            ? pending.Started + (long)(QueryTimes[pending.Sent] * _frequency)
            : null;
    }

    private sealed class Pending(string name, AddressFamily family, ReadOnlyMemory<byte> query, long started)
    {
        public string Name { get; } = name;

        public AddressFamily Family { get; } = family;

        public ReadOnlyMemory<byte> Query { get; } = query;

        public long Started { get; } = started;

        public int Sent { get; set; }

        public long? NextQuery { get; set; }
    }
}
