using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace HlsSwarm.Tracker.Tests.Cluster;

/// <summary>
/// A private <c>redis-server</c> on a free loopback port, in its own temporary directory, without automatic
/// persistence (an explicit <c>SAVE</c> writes a dump that a restart loads); never a system instance.
/// Installed by scripts/install-deps.sh (Debian package redis-server).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _dir;
    private Process _process;

    private RedisServer(Process process, int port, string dir, ConnectionMultiplexer client)
    {
        _dir = dir;
        _process = process;
        Port = port;
        Client = client;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>A connection for the test's own checks of what the nodes wrote.</summary>
    public ConnectionMultiplexer Client { get; }

    public IDatabase Db => Client.GetDatabase();

    public static async Task<RedisServer> StartAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var dir = Directory.CreateTempSubdirectory("hlsswarm-redis-").FullName;
            var process = await TryStartAsync(port, dir);
            if (process is not null)
            {
                var client = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},connectTimeout=1000,allowAdmin=true");
                return new RedisServer(process, port, dir, client);
            }

            Directory.Delete(dir, recursive: true);

            if (attempt == 2)
            {
                throw new InvalidOperationException($"redis-server did not accept connections on port {port}");
            }
        }
    }

    /// <summary>Kills the server (like a crash: nothing is saved), so the nodes lose Redis.</summary>
    public void Kill() => Stop(_process);

    /// <summary>Starts the server again on the same port: empty, or with what the last <c>SAVE</c> wrote.</summary>
    public async Task RestartAsync()
    {
        Stop(_process);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await TryStartAsync(Port, _dir) is { } process)
            {
                _process = process;
                return;
            }

            await Task.Delay(100); // the port may linger for a moment after the kill
        }

        throw new InvalidOperationException($"redis-server did not restart on port {Port}");
    }

    private static async Task<Process?> TryStartAsync(int port, string dir)
    {
        var info = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--dir", dir })
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed: run scripts/install-deps.sh (Debian package redis-server)", ex);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return process;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        Stop(process);
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.CloseAsync();
        Client.Dispose();
        Stop(_process);
        Directory.Delete(_dir, recursive: true);
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already stopped and disposed
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
