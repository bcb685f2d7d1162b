using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// RFC 6455 §5.2 base framing, server side: read client frame headers (always masked), unmask payloads, write
/// unmasked server frame headers. No extensions are negotiated, so RSV bits must be zero.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-------+-+-------------+-------------------------------+
/// |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
/// |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
/// |N|V|V|V|       |S|             |   (if payload len==126/127)   |
/// | |1|2|3|       |K|             |                               |
/// +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
/// |     Extended payload length continued, if payload len == 127  |
/// + - - - - - - - - - - - - - - - +-------------------------------+
/// |                               |Masking-key, if MASK set to 1  |
/// +-------------------------------+-------------------------------+
/// | Masking-key (continued)       |          Payload Data         |
/// +-------------------------------- - - - - - - - - - - - - - - - +
/// </code>
/// </remarks>
internal static class WebSocketFraming
{
    public const byte Continuation = 0x0;
    public const byte Text = 0x1;
    public const byte Binary = 0x2;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    /// <summary>Largest server frame header: 2 + 8 bytes (no mask).</summary>
    public const int MaxServerHeaderLength = 10;

    /// <summary>Outcome of <see cref="TryReadHeader"/>.</summary>
    public enum HeaderStatus
    {
        /// <summary>Not enough bytes for the header yet.</summary>
        NeedMore,

        /// <summary>A valid header was read.</summary>
        Ok,

        /// <summary>RSV bits, an unmasked client frame, an unknown opcode or an invalid control frame.</summary>
        ProtocolError,
    }

    /// <summary>Reads one client frame header from the front of <paramref name="data"/>.</summary>
    public static HeaderStatus TryReadHeader(in ReadOnlySequence<byte> data, out FrameHeader header)
    {
        header = default;
        Span<byte> h = stackalloc byte[14];
        var available = (int)Math.Min(data.Length, 14);
        if (available < 2)
        {
            return HeaderStatus.NeedMore;
        }

        data.Slice(0, available).CopyTo(h);
        var b0 = h[0];
        var b1 = h[1];
        var fin = (b0 & 0x80) != 0;
        var opcode = (byte)(b0 & 0x0F);
        var masked = (b1 & 0x80) != 0;
        var len7 = b1 & 0x7F;
        var headerLength = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + 4;
        if ((b0 & 0x70) != 0 || !masked)
        {
            return HeaderStatus.ProtocolError;
        }

        if (available < headerLength)
        {
            return HeaderStatus.NeedMore;
        }

        long length = len7;
        var at = 2;
        if (len7 == 126)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(h[2..]);
            at = 4;
        }
        else if (len7 == 127)
        {
            var l = BinaryPrimitives.ReadUInt64BigEndian(h[2..]);
            if (l > long.MaxValue)
            {
                return HeaderStatus.ProtocolError;
            }

            length = (long)l;
            at = 10;
        }

        var isControl = opcode >= 0x8;
        var known = opcode is Continuation or Text or Binary or Close or Ping or Pong;
        if (!known || (isControl && (!fin || length > 125)))
        {
            return HeaderStatus.ProtocolError;
        }

        header = new FrameHeader(fin, opcode, length, headerLength, MemoryMarshal.Read<uint>(h[at..]));
        return HeaderStatus.Ok;
    }

    /// <summary>Writes an unmasked server frame header; returns its length.</summary>
    public static int WriteHeader(Span<byte> destination, byte opcode, int payloadLength)
    {
        destination[0] = (byte)(0x80 | opcode);
        if (payloadLength <= 125)
        {
            destination[1] = (byte)payloadLength;
            return 2;
        }

        if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
            return 4;
        }

        destination[1] = 127;
        BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payloadLength);
        return 10;
    }

    /// <summary>XORs <paramref name="data"/> with the 4-byte masking key, the key's first byte at data[0] (RFC 6455 §5.3).</summary>
    public static void Unmask(Span<byte> data, uint key)
    {
        var i = 0;
        ulong key64 = key | ((ulong)key << 32);
        if (Vector256.IsHardwareAccelerated && data.Length >= 32)
        {
            var k = Vector256.Create(key64).AsByte();
            ref var start = ref MemoryMarshal.GetReference(data);
            for (; i <= data.Length - 32; i += 32)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                (v ^ k).StoreUnsafe(ref start, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && data.Length >= 16)
        {
            var k = Vector128.Create(key64).AsByte();
            ref var start = ref MemoryMarshal.GetReference(data);
            for (; i <= data.Length - 16; i += 16)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)i);
                (v ^ k).StoreUnsafe(ref start, (nuint)i);
            }
        }

        for (; i <= data.Length - 8; i += 8)
        {
            var span = data.Slice(i, 8);
            MemoryMarshal.Write(span, MemoryMarshal.Read<ulong>(span) ^ key64);
        }

        Span<byte> keyBytes = stackalloc byte[4];
        MemoryMarshal.Write(keyBytes, key);
        for (; i < data.Length; i++)
        {
            data[i] ^= keyBytes[i & 3];
        }
    }

    /// <summary>A parsed client frame header.</summary>
    /// <param name="Fin">Last frame of the message.</param>
    /// <param name="Opcode">Frame opcode.</param>
    /// <param name="PayloadLength">Payload bytes after the header.</param>
    /// <param name="HeaderLength">Header bytes including the masking key.</param>
    /// <param name="MaskKey">Masking key in memory order.</param>
    public readonly record struct FrameHeader(bool Fin, byte Opcode, long PayloadLength, int HeaderLength, uint MaskKey);
}
