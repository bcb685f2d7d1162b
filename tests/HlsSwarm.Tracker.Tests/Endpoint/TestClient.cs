using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace HlsSwarm.Tracker.Tests.Endpoint;

/// <summary>
/// A real <see cref="ClientWebSocket"/> that sends and receives whole JSON messages. A background pump reads
/// every message into a queue, so waiting with a timeout never cancels (and so aborts) the socket's receive.
/// </summary>
public sealed class TestClient : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly Channel<(WebSocketMessageType Type, byte[] Bytes)> _inbox = Channel.CreateUnbounded<(WebSocketMessageType, byte[])>();
    private readonly Task _pump;

    private TestClient(ClientWebSocket ws)
    {
        Socket = ws;
        _pump = Task.Run(PumpAsync);
    }

    public ClientWebSocket Socket { get; }

    public static async Task<TestClient> ConnectAsync(Uri uri, string? origin = null)
    {
        var ws = new ClientWebSocket();
        ws.Options.CollectHttpResponseDetails = true;
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

    /// <summary>Next message (type Close once the socket closed or failed); throws on timeout.</summary>
    public async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveRawAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await _inbox.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Skips messages until the server closes; returns the close status and description.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Description)> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var (type, _) = await ReceiveRawAsync(timeout ?? Wait);
            if (type == WebSocketMessageType.Close)
            {
                return (Socket.CloseStatus, Socket.CloseStatusDescription ?? (Socket.State == WebSocketState.Aborted ? "aborted" : null));
            }
        }
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[16 * 1024];
        using var ms = new MemoryStream();
        try
        {
            while (true)
            {
                var r = await Socket.ReceiveAsync(buffer, CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                ms.Write(buffer, 0, r.Count);
                if (r.EndOfMessage)
                {
                    _inbox.Writer.TryWrite((r.MessageType, ms.ToArray()));
                    ms.SetLength(0);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _inbox.Writer.TryWrite((WebSocketMessageType.Close, []));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
            }

            await _pump.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException)
        {
        }

        Socket.Dispose();
    }
}
