using System.Text;
using System.Threading.Channels;

namespace HlsSwarm.WebRtc.Udp;

/// <summary>
/// One open data channel of a <see cref="UdpPeerConnection"/>: send with backpressure, receive in order. Safe to use
/// from any thread; the connection's loop does the work.
/// </summary>
public sealed class UdpDataChannel
{
    private readonly UdpPeerConnection _owner;
    private readonly Channel<DataChannelMessage> _messages =
        Channel.CreateUnbounded<DataChannelMessage>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _bufferedAmount;

    internal UdpDataChannel(UdpPeerConnection owner, ushort id, string label)
    {
        _owner = owner;
        Id = id;
        Label = label;
    }

    /// <summary>The SCTP stream id (even for the DTLS client's channels, odd for the server's; RFC 8832 §6).</summary>
    public ushort Id { get; }

    /// <summary>The channel's label from DATA_CHANNEL_OPEN.</summary>
    public string Label { get; }

    /// <summary>Bytes queued and not yet acknowledged, as of the loop's last pass (W3C <c>bufferedAmount</c>).</summary>
    public long BufferedAmount => Volatile.Read(ref _bufferedAmount);

    /// <summary>Completes when the channel is closed (by either side, or because the connection ended).</summary>
    public Task Completion => _closed.Task;

    internal TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Queues a binary message. Completes once the message is handed to SCTP (the bytes have been copied, so
    /// <paramref name="data"/> may be reused), which waits while the channel's bufferedAmount is above
    /// <see cref="UdpPeerConnectionOptions.SendHighWater"/>.
    /// </summary>
    /// <exception cref="PeerConnectionException">The channel or connection closed, or the message exceeds the peer's max-message-size.</exception>
    public Task SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        _owner.SendAsync(this, data, false, cancellationToken);

    /// <summary>Queues a string message (UTF-8, PPID 51), like <see cref="SendAsync"/>.</summary>
    public Task SendTextAsync(string text, CancellationToken cancellationToken = default) =>
        _owner.SendAsync(this, Encoding.UTF8.GetBytes(text), true, cancellationToken);

    /// <summary>The next message, in order.</summary>
    /// <exception cref="ChannelClosedException">The channel closed and every message has been read.</exception>
    public ValueTask<DataChannelMessage> ReceiveAsync(CancellationToken cancellationToken = default) =>
        _messages.Reader.ReadAsync(cancellationToken);

    /// <summary>Takes a message if one is waiting.</summary>
    public bool TryReceive(out DataChannelMessage message) => _messages.Reader.TryRead(out message);

    /// <summary>Closes the channel (RFC 8831 §6.7 stream reset) and waits until both directions are closed.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        await _owner.CloseChannelAsync(this).ConfigureAwait(false);
        await _closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    internal void SetBufferedAmount(long amount) => Volatile.Write(ref _bufferedAmount, amount);

    internal void Deliver(DataChannelMessage message) => _messages.Writer.TryWrite(message);

    internal void Complete(string reason)
    {
        Opened.TrySetException(new PeerConnectionException(reason));
        _messages.Writer.TryComplete();
        _closed.TrySetResult();
    }
}
