using System.Buffers;
using System.IO.Pipelines;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// A <see cref="Stream"/> over a Kestrel connection's transport pipes, for <c>WebSocket.CreateFromStream</c>.
/// A read into an empty buffer waits for data without consuming it (zero-byte read), so an idle WebSocket holds
/// no buffer.
/// </summary>
internal sealed class DuplexPipeStream : Stream
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;

    public DuplexPipeStream(IDuplexPipe transport)
    {
        _input = transport.Input;
        _output = transport.Output;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
        var data = result.Buffer;
        if (result.IsCanceled)
        {
            _input.AdvanceTo(data.Start);
            throw new OperationCanceledException(cancellationToken);
        }

        if (buffer.IsEmpty || data.IsEmpty)
        {
            // Zero-byte read (data is there, nothing consumed), or end of stream.
            _input.AdvanceTo(data.Start, buffer.IsEmpty ? data.Start : data.End);
            return 0;
        }

        var n = (int)Math.Min(data.Length, buffer.Length);
        var end = data.GetPosition(n);
        data.Slice(0, end).CopyTo(buffer.Span);
        _input.AdvanceTo(end);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var result = await _output.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        if (result.IsCompleted)
        {
            throw new IOException("The connection is closed.");
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken) =>
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);

    public override void Flush() => throw new NotSupportedException("Synchronous I/O is not supported.");

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Synchronous I/O is not supported.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Synchronous I/O is not supported.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
