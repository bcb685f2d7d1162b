using System.Buffers;

namespace HlsSwarm.WebRtc.Stun;

/// <summary>
/// A scratch buffer rented from <see cref="ArrayPool{T}"/> for the copy of a message whose header length has to
/// be rewritten before hashing (RFC 8489 §14.5, §14.7). Dispose returns it.
/// </summary>
internal ref struct PooledSpan
{
    private byte[]? _array;

    public PooledSpan(int length)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        Span = _array.AsSpan(0, length);
    }

    public Span<byte> Span { get; }

    public void Dispose()
    {
        if (_array is not null)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = null;
        }
    }
}
