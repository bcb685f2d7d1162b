using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using HlsSwarm.Tracker.AspNetCore;
using Xunit;

namespace HlsSwarm.Tracker.Tests.Endpoint;

public class WebSocketFramingTests
{
    [Property(MaxTest = 300)]
    public bool Unmask_equals_the_rfc_definition(byte[] data, uint key)
    {
        var expected = (byte[])data.Clone();
        var keyBytes = BitConverter.GetBytes(key); // memory order, as read from the frame
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] ^= keyBytes[i % 4];
        }

        var actual = (byte[])data.Clone();
        WebSocketFraming.Unmask(actual, key);
        return actual.AsSpan().SequenceEqual(expected);
    }

    [Theory]
    [InlineData("818537fa213d7f9f4d5158", true, 1, 5)] // RFC 6455 §5.7 masked "Hello"
    [InlineData("01833761213d7f9f4d", false, 1, 3)]
    [InlineData("89850000000048656c6c6f", true, 9, 5)]
    public void Reads_rfc_headers(string hex, bool fin, byte opcode, long length)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(WebSocketFraming.HeaderStatus.Ok, WebSocketFraming.TryReadHeader(new ReadOnlySequence<byte>(bytes), out var h));
        Assert.Equal(fin, h.Fin);
        Assert.Equal(opcode, h.Opcode);
        Assert.Equal(length, h.PayloadLength);
        Assert.Equal(6, h.HeaderLength);
    }

    [Fact]
    public void Rfc_5_7_masked_hello_unmasks_to_hello()
    {
        var bytes = Convert.FromHexString("818537fa213d7f9f4d5158");
        WebSocketFraming.TryReadHeader(new ReadOnlySequence<byte>(bytes), out var h);
        var payload = bytes[h.HeaderLength..];
        WebSocketFraming.Unmask(payload, h.MaskKey);
        Assert.Equal("Hello", Encoding.ASCII.GetString(payload));
    }

    [Theory]
    [InlineData("8105")] // unmasked client frame
    [InlineData("c18500000000")] // RSV1 without an extension
    [InlineData("838500000000")] // reserved opcode 3
    [InlineData("09850000000048656c6c6f")] // fragmented ping
    [InlineData("89fe007e00000000")] // ping longer than 125
    public void Protocol_errors_are_named(string hex)
    {
        Assert.Equal(WebSocketFraming.HeaderStatus.ProtocolError, WebSocketFraming.TryReadHeader(new ReadOnlySequence<byte>(Convert.FromHexString(hex)), out _));
    }

    [Theory]
    [InlineData("81")]
    [InlineData("8185")]
    [InlineData("81fe00")]
    [InlineData("81ff0000000000000100000000")]
    public void Short_headers_need_more(string hex)
    {
        Assert.Equal(WebSocketFraming.HeaderStatus.NeedMore, WebSocketFraming.TryReadHeader(new ReadOnlySequence<byte>(Convert.FromHexString(hex)), out _));
    }

    [Theory]
    [InlineData(0, "8100")]
    [InlineData(125, "817d")]
    [InlineData(126, "817e007e")]
    [InlineData(65535, "817effff")]
    [InlineData(65536, "817f0000000000010000")]
    public void Writes_server_headers_with_the_shortest_length(int length, string hex)
    {
        var buffer = new byte[WebSocketFraming.MaxServerHeaderLength];
        var n = WebSocketFraming.WriteHeader(buffer, WebSocketFraming.Text, length);
        Assert.Equal(hex, Convert.ToHexStringLower(buffer.AsSpan(0, n)));
    }

    [Fact]
    public void Handshake_accept_matches_rfc_6455_example()
    {
        // RFC 6455 §1.3
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.Accept("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: https://a.example\r\n\r\n", "Upgrade")]
    [InlineData("GET /announce?x=1 HTTP/1.1\r\nHost: x\r\nupgrade: WebSocket\r\nconnection: upgrade\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\n\r\n", "Upgrade")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "Pass")]
    [InlineData("GET /other HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", "Pass")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n", "Pass")]
    [InlineData("POST / HTTP/1.1\r\nHost: x\r\n\r\n", "Pass")]
    [InlineData("\u0016\u0003\u0001\u0002\u0000", "Pass")] // TLS ClientHello
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "Pass")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket", "NeedMore")]
    [InlineData("GE", "NeedMore")]
    public void Sniffing_takes_only_plain_tracker_upgrades(string request, string verdict)
    {
        var data = new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(request));
        Assert.Equal(verdict, WebSocketHandshake.Inspect(data, out var headLength, out var key, out var origin).ToString());
        if (verdict == "Upgrade")
        {
            Assert.Equal(request.Length, headLength);
            Assert.Equal("dGhlIHNhbXBsZSBub25jZQ==", key);
        }

        if (request.Contains("Origin", StringComparison.Ordinal))
        {
            Assert.Equal("https://a.example", origin);
        }
    }

    [Fact]
    public void Oversized_request_head_is_left_to_http()
    {
        var request = "GET / HTTP/1.1\r\nHost: x\r\nX: " + new string('a', 9000);
        Assert.Equal(WebSocketHandshake.Verdict.Pass, WebSocketHandshake.Inspect(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(request)), out _, out _, out _));
    }
}
