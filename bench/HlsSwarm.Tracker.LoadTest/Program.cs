using System.Text.Json;
using HlsSwarm.Tracker.LoadTest;

// One core drives everything: run socket continuations on the epoll thread instead of hopping to the thread pool
// (read once, when the first socket is created, so setting it here is early enough).
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

LoadTestOptions? options = LoadTestOptions.Parse(args, Console.Error);
if (options is null) return 2;
if (options.Urls.Append(options.Url).Any(u => !System.Net.IPAddress.TryParse(u.Host, out var address) || !System.Net.IPAddress.IsLoopback(address)))
{
    Console.Error.WriteLine("--url must name a loopback address (127.0.0.0/8 or ::1)");
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
LoadReport report = await LoadScenario.RunAsync(options, cts.Token).ConfigureAwait(false);

string json = JsonSerializer.Serialize(report, new JsonSerializerOptions
{
    PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
});
if (options.Output is { } path) await File.WriteAllTextAsync(path, json).ConfigureAwait(false);
Console.WriteLine(options.Json ? json : report.ToText());
return 0;
