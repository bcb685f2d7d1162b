using System.Collections;

namespace HlsSwarm.Hls;

/// <summary>
/// A read-only list that compares by its elements, so that records holding lists (segments, keys, parts) compare by
/// value: a playlist written and read back equals the original. The parser fills every list of the model with one.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class EquatableList<T> : IReadOnlyList<T>, IEquatable<EquatableList<T>>
{
    private readonly T[] _items;

    /// <summary>A list with <paramref name="items"/> (copied).</summary>
    public EquatableList(IEnumerable<T> items) => _items = [.. items];

    private EquatableList(T[] items, bool _) => _items = items;

    /// <summary>The empty list.</summary>
    public static EquatableList<T> Empty { get; } = new([], false);

    /// <summary>Wraps <paramref name="items"/> without copying; the caller gives up the array.</summary>
    internal static EquatableList<T> Own(T[] items) => items.Length == 0 ? Empty : new(items, false);

    /// <inheritdoc/>
    public T this[int index] => _items[index];

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(EquatableList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EquatableList<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_items.Length);
        foreach (var item in _items.AsSpan(0, Math.Min(_items.Length, 8)))
            hash.Add(item);
        return hash.ToHashCode();
    }

    /// <summary>The elements, comma-separated, for test output.</summary>
    public override string ToString() => $"[{string.Join(", ", _items)}]";
}
