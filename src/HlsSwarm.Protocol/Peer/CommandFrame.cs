using System.Buffers.Binary;

namespace HlsSwarm.Protocol.Peer;

/// <summary>
/// The 4-byte ASCII markers around every command chunk and the rule that tells command chunks from segment data
/// (spec §4.1, §4.2).
/// </summary>
/// <remarks>
/// <code>
/// +------------------+-------------------+------------------+
/// | start (4 bytes)  | body slice        | end (4 bytes)    |
/// | cstr 63737472    |                   | cend 63656e64    |
/// | dstr 64737472    |                   | dend 64656e64    |
/// +------------------+-------------------+------------------+
/// whole command: cstr…cend; split: cstr…dend, dstr…dend (middle), dstr…cend (last)
/// </code>
/// A message is a command chunk iff it starts with cstr or dstr and ends with cend or dend (so it has at least
/// 8 bytes); anything else is segment data. Segment data that happens to look like a chunk is misread, as by the
/// JS (probability about 2^-62 per message, spec §6 item 12).
/// </remarks>
public static class CommandFrame
{
    /// <summary>Length of each marker.</summary>
    public const int MarkerLength = 4;

    /// <summary>Bytes the two markers add to every chunk.</summary>
    public const int Overhead = 2 * MarkerLength;

    /// <summary><c>cstr</c>: first chunk of a command.</summary>
    public const uint CommandStart = 0x63737472;

    /// <summary><c>cend</c>: last chunk of a command.</summary>
    public const uint CommandEnd = 0x63656e64;

    /// <summary><c>dstr</c>: a chunk that continues a command.</summary>
    public const uint DivisionStart = 0x64737472;

    /// <summary><c>dend</c>: a chunk that is followed by more chunks of the same command.</summary>
    public const uint DivisionEnd = 0x64656e64;

    /// <summary>True iff <paramref name="message"/> is a command chunk rather than segment data (spec §4.1).</summary>
    public static bool IsCommandChunk(ReadOnlySpan<byte> message)
    {
        if (message.Length < Overhead)
        {
            return false;
        }

        var start = BinaryPrimitives.ReadUInt32BigEndian(message);
        var end = BinaryPrimitives.ReadUInt32BigEndian(message[^MarkerLength..]);
        return start is CommandStart or DivisionStart && end is CommandEnd or DivisionEnd;
    }

    /// <summary>True iff the chunk starts with <c>cstr</c> (begins a command). Call on command chunks only.</summary>
    public static bool IsFirstChunk(ReadOnlySpan<byte> chunk) =>
        chunk.Length >= Overhead && BinaryPrimitives.ReadUInt32BigEndian(chunk) == CommandStart;

    /// <summary>True iff the chunk ends with <c>cend</c> (completes a command). Call on command chunks only.</summary>
    public static bool IsLastChunk(ReadOnlySpan<byte> chunk) =>
        chunk.Length >= Overhead && BinaryPrimitives.ReadUInt32BigEndian(chunk[^MarkerLength..]) == CommandEnd;

    /// <summary>Writes <c>start ‖ slice ‖ end</c>; returns the bytes written.</summary>
    internal static int Write(Span<byte> destination, uint start, ReadOnlySpan<byte> slice, uint end)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, start);
        slice.CopyTo(destination[MarkerLength..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(MarkerLength + slice.Length)..], end);
        return slice.Length + Overhead;
    }
}
