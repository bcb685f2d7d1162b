using System.Buffers;
using System.Runtime.InteropServices;

namespace HlsSwarm.Tracker;

/// <summary>
/// Caller-owned output of <see cref="TrackerCore"/>: messages to send (as ranges of one reusable byte buffer) and
/// connections to close. The driver reads <see cref="Transmits"/> and <see cref="Closes"/> after each
/// <c>Handle*</c> call, sends, then calls <see cref="Clear"/>. Nothing here allocates once the buffer has grown.
/// </summary>
public sealed class TrackerOutput : IBufferWriter<byte>
{
    private readonly List<TrackerTransmit> _transmits = new(16);
    private readonly List<TrackerClose> _closes = new(2);
    private readonly List<TrackerClusterWork> _cluster = new();
    private byte[] _buffer;
    private int _written;
    private int _messageStart;

    /// <summary>Creates an output with an initial buffer of <paramref name="initialCapacity"/> bytes.</summary>
    public TrackerOutput(int initialCapacity = 64 * 1024)
    {
        _buffer = new byte[Math.Max(256, initialCapacity)];
    }

    /// <summary>Messages to send, in order.</summary>
    public ReadOnlySpan<TrackerTransmit> Transmits => CollectionsMarshal.AsSpan(_transmits);

    /// <summary>Connections to close, after their queued messages.</summary>
    public ReadOnlySpan<TrackerClose> Closes => CollectionsMarshal.AsSpan(_closes);

    /// <summary>Work for the cluster backplane, in order (only from a clustered core).</summary>
    public ReadOnlySpan<TrackerClusterWork> ClusterWork => CollectionsMarshal.AsSpan(_cluster);

    /// <summary>The bytes every <see cref="TrackerTransmit"/> points into.</summary>
    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _written);

    /// <summary>The UTF-8 JSON of one transmit.</summary>
    public ReadOnlySpan<byte> GetMessage(in TrackerTransmit transmit) => _buffer.AsSpan(transmit.Start, transmit.Length);

    /// <summary>The relay message of one cluster work item (empty for an announce).</summary>
    public ReadOnlySpan<byte> GetMessage(in TrackerClusterWork work) => _buffer.AsSpan(work.Start, work.Length);

    /// <summary>The UTF-8 JSON of one transmit as text (tests and logs).</summary>
    public string GetText(in TrackerTransmit transmit) => System.Text.Encoding.UTF8.GetString(GetMessage(transmit));

    /// <summary>Forgets every transmit and close; keeps the buffer.</summary>
    public void Clear()
    {
        _transmits.Clear();
        _closes.Clear();
        _cluster.Clear();
        _written = 0;
        _messageStart = 0;
    }

    /// <inheritdoc/>
    public void Advance(int count) => _written += count;

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Ends the message written since the previous call as a transmit to <paramref name="connectionId"/>.</summary>
    internal void CompleteMessage(long connectionId)
    {
        _transmits.Add(new TrackerTransmit(connectionId, _messageStart, _written - _messageStart));
        _messageStart = _written;
    }

    /// <summary>Ends the message written since the previous completion as a cluster work item.</summary>
    internal void CompleteClusterMessage(TrackerClusterWork work)
    {
        _cluster.Add(work with { Start = _messageStart, Length = _written - _messageStart });
        _messageStart = _written;
    }

    internal void AddClusterWork(TrackerClusterWork work) => _cluster.Add(work);

    internal void AddClose(long connectionId, string reason) => _closes.Add(new TrackerClose(connectionId, reason));

    private void Ensure(int sizeHint)
    {
        var need = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= need)
        {
            return;
        }

        var grown = new byte[Math.Max(_buffer.Length * 2, _written + need)];
        _buffer.AsSpan(0, _written).CopyTo(grown);
        _buffer = grown;
    }
}
