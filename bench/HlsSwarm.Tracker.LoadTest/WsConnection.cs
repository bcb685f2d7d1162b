using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace HlsSwarm.Tracker.LoadTest;

/// <summary>
/// A minimal RFC 6455 client over a raw <see cref="Socket"/>, lean enough that thousands of them on one core are not
/// the limit being measured. One read drains every frame already queued in the kernel; a message is handed to the
/// caller as a span of the receive buffer (no copy, no allocation). Outgoing messages are written by the caller into
/// a rented buffer at <see cref="HeaderRoom"/>, then framed and masked in place and sent in order.
/// </summary>
internal sealed class WsConnection
{
    /// <summary>Bytes a caller leaves free in front of a payload for the frame header (2 + 8 + 4 mask).</summary>
    public const int HeaderRoom = 14;

    private readonly Socket _socket;
    private readonly uint _mask;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private byte[] _recv;
    private int _start;
    private int _end;
    private byte[]? _fragments;
    private int _fragmentLength;
    private volatile bool _closing;

    private WsConnection(Socket socket, byte[] receiveBuffer, int buffered)
    {
        _socket = socket;
        _recv = receiveBuffer;
        _end = buffered;
        _mask = (uint)Random.Shared.Next() | 1u; // a random, non-zero masking key per connection (RFC 6455 §5.3)
    }

    /// <summary>True once <see cref="Close"/> was called: a close after that is not an error.</summary>
    public bool Closing => _closing;

    /// <summary>TCP connect and WebSocket handshake; throws on any failure.</summary>
    public static async Task<WsConnection> ConnectAsync(Uri url, CancellationToken ct)
    {
        var endpoint = new IPEndPoint(IPAddress.Parse(url.Host), url.Port);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, ct).ConfigureAwait(false);
            Span<byte> keyBytes = stackalloc byte[16];
            Random.Shared.NextBytes(keyBytes);
            string key = Convert.ToBase64String(keyBytes);
            string request =
                $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1\r\n\r\n";
            byte[] requestBytes = Encoding.ASCII.GetBytes(request);
            await socket.SendAsync(requestBytes, SocketFlags.None, ct).ConfigureAwait(false);

            byte[] buffer = new byte[8192];
            int filled = 0;
            int headerEnd;
            while ((headerEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
            {
                if (filled == buffer.Length) throw new IOException("handshake response too large");
                int n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, ct).ConfigureAwait(false);
                if (n == 0) throw new IOException("closed during handshake");
                filled += n;
            }
            string head = Encoding.ASCII.GetString(buffer, 0, headerEnd);
            if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
                throw new IOException($"handshake refused: {head.Split('\r')[0]}");
            string accept = Convert.ToBase64String(
                SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            if (!head.Contains(accept, StringComparison.Ordinal))
                throw new IOException("bad Sec-WebSocket-Accept");
            int rest = filled - (headerEnd + 4);
            Buffer.BlockCopy(buffer, headerEnd + 4, buffer, 0, rest);
            return new WsConnection(socket, buffer, rest);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Rents a buffer big enough for a payload of <paramref name="payloadCapacity"/> bytes plus the header.</summary>
    public static byte[] RentSendBuffer(int payloadCapacity) => ArrayPool<byte>.Shared.Rent(payloadCapacity + HeaderRoom);

    /// <summary>
    /// Frames the text payload at <c>buffer[HeaderRoom..HeaderRoom+length)</c> in place, sends it after any earlier
    /// message of this connection, and returns the buffer to the pool. False if the connection failed.
    /// </summary>
    public async ValueTask<bool> SendTextAsync(byte[] buffer, int length)
    {
        int start = FrameInPlace(buffer, length, opcode: 1);
        try
        {
            await _sendLock.WaitAsync().ConfigureAwait(false);
            try
            {
                var memory = buffer.AsMemory(start, HeaderRoom + length - start);
                while (memory.Length > 0)
                {
                    int n = await _socket.SendAsync(memory, SocketFlags.None).ConfigureAwait(false);
                    memory = memory[n..];
                }
                return true;
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int FrameInPlace(byte[] buffer, int length, byte opcode)
    {
        int headerLength = length < 126 ? 6 : length <= ushort.MaxValue ? 8 : 14;
        int start = HeaderRoom - headerLength;
        Span<byte> header = buffer.AsSpan(start, headerLength);
        header[0] = (byte)(0x80 | opcode);
        if (length < 126)
        {
            header[1] = (byte)(0x80 | length);
        }
        else if (length <= ushort.MaxValue)
        {
            header[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)length);
        }
        else
        {
            header[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(header[2..], (ulong)length);
        }
        BinaryPrimitives.WriteUInt32BigEndian(header[^4..], _mask);
        Mask(buffer.AsSpan(HeaderRoom, length), _mask);
        return start;
    }

    private static void Mask(Span<byte> payload, uint mask)
    {
        // The key's bytes repeat every 4 bytes; the payload starts at a multiple of 4 from the key's first byte.
        uint keyLittleEndian = BinaryPrimitives.ReverseEndianness(mask);
        ulong key64 = keyLittleEndian | ((ulong)keyLittleEndian << 32); // x64/arm64: little-endian words
        Span<ulong> words = MemoryMarshal.Cast<byte, ulong>(payload);
        for (int i = 0; i < words.Length; i++) words[i] ^= key64;
        for (int i = words.Length * 8; i < payload.Length; i++) payload[i] ^= (byte)(mask >> (24 - 8 * (i & 3)));
    }

    /// <summary>
    /// Reads until the connection ends, calling <paramref name="onMessage"/> for every complete text or binary
    /// message. Returns null when <see cref="Close"/> ended it, else why the peer or the network ended it.
    /// </summary>
    public async Task<string?> ReceiveLoopAsync(MessageHandler onMessage)
    {
        try
        {
            while (true)
            {
                string? end = DrainFrames(onMessage);
                if (end is not null) return _closing ? null : end;
                if (_end == _recv.Length)
                {
                    if (_start > 0)
                    {
                        Buffer.BlockCopy(_recv, _start, _recv, 0, _end - _start);
                        _end -= _start;
                        _start = 0;
                    }
                    else
                    {
                        Array.Resize(ref _recv, _recv.Length * 2);
                    }
                }
                int n = await _socket.ReceiveAsync(_recv.AsMemory(_end), SocketFlags.None).ConfigureAwait(false);
                if (n == 0) return _closing ? null : "tcp closed by tracker";
                _end += n;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            return _closing ? null : $"socket error: {e.Message}";
        }
    }

    /// <summary>Handles every complete frame in the buffer; returns a reason when the connection must end.</summary>
    private string? DrainFrames(MessageHandler onMessage)
    {
        while (true)
        {
            int available = _end - _start;
            if (available < 2) break;
            ReadOnlySpan<byte> b = _recv.AsSpan(_start, available);
            bool fin = (b[0] & 0x80) != 0;
            int opcode = b[0] & 0x0F;
            bool masked = (b[1] & 0x80) != 0;
            long length = b[1] & 0x7F;
            int headerLength = 2;
            if (length == 126)
            {
                if (available < 4) break;
                length = BinaryPrimitives.ReadUInt16BigEndian(b[2..]);
                headerLength = 4;
            }
            else if (length == 127)
            {
                if (available < 10) break;
                length = (long)BinaryPrimitives.ReadUInt64BigEndian(b[2..]);
                headerLength = 10;
            }
            if (length > 16 * 1024 * 1024) return "frame larger than 16 MiB";
            if (masked) headerLength += 4;
            long frameLength = headerLength + length;
            if (available < frameLength)
            {
                if (frameLength > _recv.Length)
                {
                    var bigger = new byte[Math.Max(_recv.Length * 2, (int)frameLength)];
                    Buffer.BlockCopy(_recv, _start, bigger, 0, available);
                    _recv = bigger;
                    _end = available;
                    _start = 0;
                }
                break;
            }
            Span<byte> payload = _recv.AsSpan(_start + headerLength, (int)length);
            if (masked)
            {
                uint key = BinaryPrimitives.ReadUInt32BigEndian(_recv.AsSpan(_start + headerLength - 4));
                for (int i = 0; i < payload.Length; i++) payload[i] ^= (byte)(key >> (24 - 8 * (i & 3)));
            }
            _start += (int)frameLength;
            switch (opcode)
            {
                case 1 or 2 when fin && _fragmentLength == 0:
                    onMessage(payload);
                    break;
                case 0 or 1 or 2:
                    AppendFragment(payload);
                    if (fin)
                    {
                        onMessage(_fragments.AsSpan(0, _fragmentLength));
                        _fragmentLength = 0;
                    }
                    break;
                case 8:
                    string reason = payload.Length >= 2
                        ? $"close frame {BinaryPrimitives.ReadUInt16BigEndian(payload)} {Encoding.UTF8.GetString(payload[2..])}"
                        : "close frame";
                    return reason;
                case 9:
                    byte[] pong = RentSendBuffer(payload.Length);
                    payload.CopyTo(pong.AsSpan(HeaderRoom));
                    _ = SendControlAsync(pong, payload.Length, opcode: 10);
                    break;
                case 10:
                    break;
                default:
                    return $"unknown opcode {opcode}";
            }
        }
        if (_start == _end) _start = _end = 0;
        return null;
    }

    private void AppendFragment(ReadOnlySpan<byte> payload)
    {
        _fragments ??= new byte[Math.Max(4096, payload.Length)];
        if (_fragmentLength + payload.Length > _fragments.Length)
            Array.Resize(ref _fragments, Math.Max(_fragments.Length * 2, _fragmentLength + payload.Length));
        payload.CopyTo(_fragments.AsSpan(_fragmentLength));
        _fragmentLength += payload.Length;
    }

    private async ValueTask SendControlAsync(byte[] buffer, int length, byte opcode)
    {
        int start = FrameInPlace(buffer, length, opcode);
        try
        {
            await _sendLock.WaitAsync().ConfigureAwait(false);
            try
            {
                await _socket.SendAsync(buffer.AsMemory(start, HeaderRoom + length - start), SocketFlags.None).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The receive loop reports the failure.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Ends the connection without a closing handshake (the tracker sees a TCP close).</summary>
    public void Close()
    {
        _closing = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // already gone
        }
        _socket.Dispose();
    }
}

/// <summary>Receives one complete WebSocket message; the span is only valid during the call.</summary>
internal delegate void MessageHandler(Span<byte> message);
