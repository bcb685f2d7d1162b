using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace HlsSwarm.Tracker.Tests.Cluster;

/// <summary>
/// A private <c>redis-server</c> on a free loopback port, without persistence; never a system instance.
/// Installed by scripts/install-deps.sh (Debian package redis-server).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port, ConnectionMultiplexer client)
    {
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
            var info = new ProcessStartInfo("redis-server")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
            {
                info.ArgumentList.Add(arg);
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    var client = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},connectTimeout=1000");
                    if (client.IsConnected)
                    {
                        await client.GetDatabase().PingAsync();
                        return new RedisServer(process, port, client);
                    }

                    client.Dispose();
                }
                catch (RedisConnectionException)
                {
                }

                await Task.Delay(50);
            }

            Stop(process);
            if (attempt == 2)
            {
                throw new InvalidOperationException($"redis-server did not accept connections on port {port}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.CloseAsync();
        Client.Dispose();
        Stop(_process);
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
