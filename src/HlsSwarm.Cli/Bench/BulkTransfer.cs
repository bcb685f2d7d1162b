using System.Buffers.Binary;
using System.Diagnostics;
using HlsSwarm.WebRtc.Udp;

namespace HlsSwarm.Cli.Bench;

/// <summary>
/// A one-way bulk transfer over one of our channels: equal-size binary messages, each stamped with its sequence number
/// (checked on arrival, so a lost, duplicated or reordered message fails the run), then one string message "end".
/// No hashing, so the figure is the stack's, not SHA-256's.
/// </summary>
internal static class BulkTransfer
{
    /// <summary>The text message that ends a transfer (an ordered channel delivers it last).</summary>
    public const string EndMarker = "end";

    /// <summary>
    /// Sends <paramref name="messageSize"/>-byte messages until <paramref name="maxBytes"/> are sent or
    /// <paramref name="maxTime"/> has passed, and times until the receiver has them all.
    /// </summary>
    /// <exception cref="InvalidDataException">A message arrived out of order, with the wrong size, or as text.</exception>
    /// <exception cref="TimeoutException">The transfer stalled: not done a minute after <paramref name="maxTime"/>.</exception>
    public static async Task<ThroughputResult> RunAsync(UdpDataChannel sender, UdpDataChannel receiver, int messageSize,
        long maxBytes, TimeSpan maxTime, CancellationToken cancellationToken)
    {
        // A wedged association must end the benchmark with a reason, not hang it.
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(maxTime + StallAllowance);
        try
        {
            return await TransferAsync(sender, receiver, messageSize, maxBytes, maxTime, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the transfer of {messageSize}-byte messages did not finish within {(maxTime + StallAllowance).TotalSeconds:0} s");
        }
    }

    /// <summary>How long after its time budget a transfer may still take to drain before it counts as stalled.</summary>
    public static TimeSpan StallAllowance { get; } = TimeSpan.FromMinutes(1);

    private static async Task<ThroughputResult> TransferAsync(UdpDataChannel sender, UdpDataChannel receiver, int messageSize,
        long maxBytes, TimeSpan maxTime, CancellationToken cancellationToken)
    {
        var message = new byte[messageSize];
        new Random(messageSize).NextBytes(message);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var receive = Task.Run(() => ReceiveAsync(receiver, messageSize, checkSequence: true, cancellationToken), cancellationToken);
        long sequence = 0;
        for (long sent = 0; sent < maxBytes && clock.Elapsed < maxTime; sent += messageSize)
        {
            // SendAsync returns once the bytes are copied into SCTP, so the buffer can be stamped again.
            BinaryPrimitives.WriteInt64LittleEndian(message, sequence++);
            await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        await sender.SendTextAsync(EndMarker, cancellationToken).ConfigureAwait(false);
        var (bytes, messages) = await receive.ConfigureAwait(false);
        clock.Stop();
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        if (messages != sequence)
        {
            throw new InvalidDataException($"sent {sequence} messages, {messages} arrived");
        }
        return new ThroughputResult(bytes, messages, clock.Elapsed.TotalSeconds, cpu.TotalSeconds);
    }

    /// <summary>
    /// Counts binary messages until the <see cref="EndMarker"/> text; each must be <paramref name="messageSize"/> bytes
    /// and, with <paramref name="checkSequence"/>, carry the next sequence number in its first 8 bytes.
    /// </summary>
    /// <exception cref="InvalidDataException">A message had the wrong size or sequence number.</exception>
    public static async Task<(long Bytes, long Messages)> ReceiveAsync(UdpDataChannel receiver, int messageSize,
        bool checkSequence, CancellationToken cancellationToken)
    {
        long bytes = 0;
        long messages = 0;
        while (true)
        {
            var message = await receiver.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (message.IsString)
            {
                return (bytes, messages);
            }
            if (message.Data.Length != messageSize
                || (checkSequence && BinaryPrimitives.ReadInt64LittleEndian(message.Data) != messages))
            {
                throw new InvalidDataException(
                    $"message {messages}: {message.Data.Length} bytes with sequence " +
                    $"{(message.Data.Length >= 8 ? BinaryPrimitives.ReadInt64LittleEndian(message.Data) : -1)}, " +
                    $"expected {messageSize} bytes with sequence {messages}");
            }
            bytes += message.Data.Length;
            messages++;
        }
    }
}
