using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace HlsSwarm.Testing;

/// <summary>
/// The built <c>hlsswarm serve</c> running inside a <see cref="NetworkNamespace"/> on
/// <c>http://127.0.0.1:PORT</c>. Its output is captured for failure messages; the process tree is killed on
/// <see cref="DisposeAsync"/>. The test process reaches it through <see cref="Http"/>, whose sockets live in the namespace.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 400;
    private static int s_nextPort = 18080;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, Uri baseUri, string trackerUrl, HttpClient http)
    {
        _process = process;
        BaseUri = baseUri;
        TrackerUrl = trackerUrl;
        Http = http;
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>, valid inside the namespace only.</summary>
    public Uri BaseUri { get; }

    /// <summary>The tracker's WebSocket address as browsers in the namespace use it.</summary>
    public string TrackerUrl { get; }

    /// <summary>An HTTP client that reaches <see cref="BaseUri"/> from outside the namespace.</summary>
    public HttpClient Http { get; }

    /// <summary>The last lines the server wrote to stdout and stderr.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts <c>dotnet hlsswarm.dll serve --urls http://127.0.0.1:PORT</c> inside <paramref name="ns"/> and waits
    /// until <c>/healthz</c> answers 200. The port is free because the namespace is ours and the ports handed out
    /// by this process never repeat.
    /// </summary>
    public static Task<ServerProcess> StartAsync(
        NetworkNamespace ns, IEnumerable<string>? extraArgs = null, TimeSpan? startTimeout = null)
    {
        string dll = HlsSwarmBuild.LocateDll();
        int port = NextPort();
        string[] command = [HlsSwarmBuild.DotnetHost(), dll, "serve", "--urls", $"http://127.0.0.1:{port}", .. extraArgs ?? []];
        // ASP.NET Core takes its content root from the working directory.
        return StartCommandAsync(ns, command, port, $"ws://127.0.0.1:{port}/", Path.GetDirectoryName(dll)!, startTimeout);
    }

    /// <summary>A port no other server of this process has used (all servers run in fresh namespaces).</summary>
    public static int NextPort() => Interlocked.Increment(ref s_nextPort);

    /// <summary>
    /// Starts any HlsSwarm-compatible server (the same routes: <c>/healthz</c>, <c>/demo/…</c>, the player page) with
    /// <paramref name="command"/> inside <paramref name="ns"/>, listening on 127.0.0.1:<paramref name="port"/>.
    /// Used to measure a reference setup with the same harness.
    /// </summary>
    public static async Task<ServerProcess> StartCommandAsync(NetworkNamespace ns, IReadOnlyList<string> command,
        int port, string trackerUrl, string workingDirectory, TimeSpan? startTimeout = null)
    {
        var psi = new ProcessStartInfo(ns.ExecPrefix[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string a in ns.ExecPrefix.Skip(1).Concat(command))
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";

        Process process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {command[0]}");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"), trackerUrl,
            ns.CreateHttpClient(TimeSpan.FromSeconds(10)));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitHealthyAsync(startTimeout ?? TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return server;
    }

    /// <summary>GETs <paramref name="path"/> and parses it as JSON.</summary>
    public async Task<JsonDocument> GetJsonAsync(string path, CancellationToken ct = default)
    {
        using HttpResponseMessage response = await Http.GetAsync(new Uri(BaseUri, path), ct).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
        }
        return JsonDocument.Parse(body);
    }

    /// <summary>Kills the server's process tree.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already exited, or will be reaped with the test process; nothing more to do.
        }
        _process.Dispose();
        Http.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string lastError = "no answer yet";
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"the server exited with code {_process.ExitCode} before /healthz answered. Output:\n{Output}");
            }
            try
            {
                using HttpResponseMessage r = await Http.GetAsync(new Uri(BaseUri, "/healthz")).ConfigureAwait(false);
                if (r.IsSuccessStatusCode)
                {
                    return;
                }
                lastError = $"HTTP {(int)r.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastError = e.Message;
            }
            catch (TaskCanceledException)
            {
                lastError = "request timed out";
            }
            await Task.Delay(200).ConfigureAwait(false);
        }
        var message = new StringBuilder()
            .Append(FormattableString.Invariant($"the server did not answer {BaseUri}healthz within {timeout.TotalSeconds:0} s "))
            .Append('(').Append(lastError).Append("). Output:\n").Append(Output);
        throw new TimeoutException(message.ToString());
    }
}
