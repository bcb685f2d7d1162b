using System.Net.Sockets;
using System.Text;

namespace HlsSwarm.Server.Tests;

/// <summary>Sends a request line exactly as written (HttpClient would normalise "..").</summary>
public static class RawHttp
{
    public static async Task<int> GetStatusAsync(Uri server, string rawTarget, string method = "GET", string extraHeaders = "")
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var request = $"{method} {rawTarget} HTTP/1.1\r\nHost: {server.Host}:{server.Port}\r\nConnection: close\r\n{extraHeaders}\r\n";
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var statusLine = await reader.ReadLineAsync() ?? throw new InvalidOperationException("no response");
        // "HTTP/1.1 404 Not Found"
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
