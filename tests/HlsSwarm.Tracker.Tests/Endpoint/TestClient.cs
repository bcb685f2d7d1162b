using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace HlsSwarm.Tracker.Tests.Endpoint;

/// <summary>A real <see cref="ClientWebSocket"/> that sends and receives whole JSON messages.</summary>
public sealed class TestClient : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private TestClient(ClientWebSocket ws)
    {
        Socket = ws;
    }

    public ClientWebSocket Socket { get; }

    public static async Task<TestClient> ConnectAsync(Uri uri, string? origin = null)
    {
        var ws = new ClientWebSocket();
        if (origin is not null)
        {
            ws.Options.SetRequestHeader("Origin", origin);
        }

        using var cts = new CancellationTokenSource(Wait);
        await ws.ConnectAsync(uri, cts.Token);
        return new TestClient(ws);
    }

    public Task SendAsync(string json) => SendBytesAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text);

    public async Task SendBytesAsync(byte[] bytes, WebSocketMessageType type)
    {
        using var cts = new CancellationTokenSource(Wait);
        await Socket.SendAsync(bytes, type, true, cts.Token);
    }

    /// <summary>Next message as JSON, or throws on close/timeout.</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null)
    {
        var (type, bytes) = await ReceiveRawAsync(timeout ?? Wait);
        if (type == WebSocketMessageType.Close)
        {
            throw new InvalidOperationException($"closed: {Socket.CloseStatus} {Socket.CloseStatusDescription}");
        }

        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    /// <summary>True when no message arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> NothingWithinAsync(TimeSpan quiet)
    {
        try
        {
            await ReceiveRawAsync(quiet);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveRawAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var ms = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var r = await Socket.ReceiveAsync(buffer, cts.Token);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                return (r.MessageType, []);
            }

            ms.Write(buffer, 0, r.Count);
            if (r.EndOfMessage)
            {
                return (r.MessageType, ms.ToArray());
            }
        }
    }

    /// <summary>Reads until the server closes; returns the close status and description.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Description)> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Wait);
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var r = await Socket.ReceiveAsync(buffer, cts.Token);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return (Socket.CloseStatus, Socket.CloseStatusDescription);
                }
            }
        }
        catch (WebSocketException)
        {
            return (Socket.CloseStatus, "aborted");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        Socket.Dispose();
    }
}
