using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace HlsSwarm.Interop.Tests;

/// <summary>
/// A page a browser without an automation protocol (stock Firefox) can be driven through: an HTTP server on the
/// namespace's 127.0.0.1 (a secure context, so <c>crypto.subtle</c> works) serves <c>/page</c>, whose script
/// long-polls <c>/next</c> for a JavaScript function and its argument, runs each as it arrives (concurrently, as
/// Playwright's evaluate does) and POSTs what it returns (or throws) to <c>/result</c>. <see cref="EvaluateAsync{T}"/>
/// is then the same call the Chromium tests make through Playwright.
/// </summary>
internal sealed class ScriptedPage : IBrowserPage, IAsyncDisposable
{
    private const int Port = 8765;

    private const string Html = """
        <!doctype html><meta charset="utf-8"><title>interop</title>
        <script>
        (async () => {
          for (;;) {
            let command;
            try {
              const r = await fetch('/next', { cache: 'no-store' });
              if (r.status !== 200) continue;
              command = await r.json();
            } catch (e) {
              await new Promise(r => setTimeout(r, 100));
              continue;
            }
            (async () => {
              let result;
              try {
                const f = (0, eval)('(' + command.fn + ')');
                const value = await f(command.arg);
                result = { id: command.id, ok: true, value: value === undefined ? null : value };
              } catch (e) {
                result = { id: command.id, ok: false, error: String(e && e.stack ? e + '\n' + e.stack : e) };
              }
              await fetch('/result', { method: 'POST', body: JSON.stringify(result) });
            })();
          }
        })();
        </script>
        """;

    private readonly HttpListener _listener;
    private readonly Channel<string> _commands = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly TaskCompletionSource _polled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _nextId;

    private ScriptedPage(HttpListener listener)
    {
        _listener = listener;
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The page's address inside the namespace.</summary>
    public static Uri Url { get; } = new($"http://127.0.0.1:{Port}/page");

    /// <summary>Starts the server; its listening socket is created inside <paramref name="ns"/>.</summary>
    public static ScriptedPage Start(NetworkNamespace ns)
    {
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        ns.RunInside(() =>
        {
            listener.Start();
            return listener;
        });
        return new ScriptedPage(listener);
    }

    /// <summary>Completes when the page has loaded and asked for its first command.</summary>
    public Task Loaded => _polled.Task;

    /// <summary>Runs <paramref name="function"/> (JavaScript source of a function of one argument) in the page.</summary>
    public async Task<T> EvaluateAsync<T>(string function, object? arg, CancellationToken ct)
    {
        JsonElement value = await EvaluateCoreAsync(function, arg, ct);
        return value.Deserialize<T>()!;
    }

    /// <inheritdoc cref="EvaluateAsync{T}"/>
    public Task<T> EvaluateAsync<T>(string function, CancellationToken ct) => EvaluateAsync<T>(function, null, ct);

    /// <inheritdoc cref="EvaluateAsync{T}"/>
    public Task EvaluateAsync(string function, object? arg, CancellationToken ct) => EvaluateCoreAsync(function, arg, ct);

    /// <inheritdoc cref="EvaluateAsync{T}"/>
    public Task EvaluateAsync(string function, CancellationToken ct) => EvaluateCoreAsync(function, null, ct);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }
        foreach (var pending in _pending.Values)
        {
            pending.TrySetCanceled();
        }
        _stop.Dispose();
    }

    private async Task<JsonElement> EvaluateCoreAsync(string function, object? arg, CancellationToken ct)
    {
        int id = Interlocked.Increment(ref _nextId);
        var result = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = result;
        await _commands.Writer.WriteAsync(JsonSerializer.Serialize(new { id, fn = function, arg }), ct);
        try
        {
            return await result.Task.WaitAsync(ct);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context = await _listener.GetContextAsync();
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        HttpListenerResponse response = context.Response;
        try
        {
            switch (context.Request.Url?.AbsolutePath)
            {
                case "/page":
                    await WriteAsync(response, 200, "text/html", Html);
                    break;
                case "/next":
                    _polled.TrySetResult();
                    // Long poll: a command, or 204 after 10 s so the page asks again (nothing in Firefox times it out).
                    using (var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                    {
                        wait.CancelAfter(TimeSpan.FromSeconds(10));
                        try
                        {
                            string command = await _commands.Reader.ReadAsync(wait.Token);
                            await WriteAsync(response, 200, "application/json", command);
                        }
                        catch (OperationCanceledException)
                        {
                            response.StatusCode = 204;
                            response.Close();
                        }
                    }
                    break;
                case "/result":
                    using (var body = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                    {
                        Complete(JsonDocument.Parse(await body.ReadToEndAsync()).RootElement.Clone());
                    }
                    response.StatusCode = 204;
                    response.Close();
                    break;
                default:
                    response.StatusCode = 404;
                    response.Close();
                    break;
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The browser went away mid-request (or we are shutting down): nothing to answer.
        }
    }

    private void Complete(JsonElement result)
    {
        int id = result.GetProperty("id").GetInt32();
        if (!_pending.TryGetValue(id, out var pending))
        {
            return;
        }
        if (result.GetProperty("ok").GetBoolean())
        {
            pending.TrySetResult(result.GetProperty("value"));
        }
        else
        {
            pending.TrySetException(new InvalidOperationException($"the page's script threw: {result.GetProperty("error").GetString()}"));
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string contentType, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = contentType + "; charset=utf-8";
        response.Headers["Cache-Control"] = "no-store";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
