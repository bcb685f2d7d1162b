using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace HlsSwarm.Tracker.Tests.Endpoint;

/// <summary>A TCP client that speaks WebSocket by hand, to send frames a real client never would.</summary>
public sealed class RawClient : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly Random _random = new(5);

    private RawClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _stream.ReadTimeout = 5000;
    }

    public NetworkStream Stream => _stream;

    public static async Task<RawClient> ConnectTcpAsync(Uri http)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(http.Host, http.Port);
        return new RawClient(tcp);
    }

    public static async Task<RawClient> ConnectAsync(Uri http, string path = "/")
    {
        var c = await ConnectTcpAsync(http);
        var head = await c.RequestAsync($"GET {path} HTTP/1.1\r\nHost: {http.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal) || !head.Contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(head);
        }

        return c;
    }

    /// <summary>Sends raw request bytes and reads one response head (and a Content-Length body).</summary>
    public async Task<string> RequestAsync(string request)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var sb = new StringBuilder();
        while (!sb.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            sb.Append((char)ReadByte());
        }

        var head = sb.ToString();
        var cl = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (cl is not null)
        {
            var n = int.Parse(cl["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < n; i++)
            {
                sb.Append((char)ReadByte());
            }
        }

        return sb.ToString();
    }

    public void SendFrame(byte opcode, byte[] payload, bool fin = true, bool mask = true, byte rsv = 0)
    {
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | rsv | opcode) };
        var m = mask ? 0x80 : 0;
        if (payload.Length <= 125)
        {
            header.Add((byte)(m | payload.Length));
        }
        else if (payload.Length <= 65535)
        {
            header.Add((byte)(m | 126));
            header.Add((byte)(payload.Length >> 8));
            header.Add((byte)payload.Length);
        }
        else
        {
            header.Add((byte)(m | 127));
            var len = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(len, (ulong)payload.Length);
            header.AddRange(len);
        }

        var body = (byte[])payload.Clone();
        if (mask)
        {
            var key = new byte[4];
            _random.NextBytes(key);
            header.AddRange(key);
            for (var i = 0; i < body.Length; i++)
            {
                body[i] ^= key[i % 4];
            }
        }

        _stream.Write(header.ToArray());
        _stream.Write(body);
    }

    public void SendText(string text, bool fin = true) => SendFrame(0x1, Encoding.UTF8.GetBytes(text), fin);

    /// <summary>Reads one server frame (servers never mask).</summary>
    public (byte Opcode, byte[] Payload) ReadFrame()
    {
        var b0 = ReadByte();
        var b1 = ReadByte();
        long len = b1 & 0x7F;
        if (len == 126)
        {
            len = (ReadByte() << 8) | ReadByte();
        }
        else if (len == 127)
        {
            len = 0;
            for (var i = 0; i < 8; i++)
            {
                len = (len << 8) | (long)ReadByte();
            }
        }

        var payload = new byte[len];
        _stream.ReadExactly(payload);
        return ((byte)(b0 & 0x0F), payload);
    }

    public string ReadText()
    {
        var (op, payload) = ReadFrame();
        return op == 0x1 ? Encoding.UTF8.GetString(payload) : throw new InvalidOperationException($"opcode {op}");
    }

    public (int Code, string Reason) ReadClose()
    {
        while (true)
        {
            var (op, payload) = ReadFrame();
            if (op == 0x8)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(payload), Encoding.UTF8.GetString(payload.AsSpan(2)));
            }
        }
    }

    /// <summary>True when the server closed the TCP connection (EOF or reset) within the read timeout.</summary>
    public bool IsClosedByServer()
    {
        try
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                if (_stream.Read(buffer) == 0)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            return true;
        }
    }

    private int ReadByte()
    {
        var b = _stream.ReadByte();
        return b < 0 ? throw new EndOfStreamException() : b;
    }

    public void Dispose() => _tcp.Dispose();
}
