using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace HlsSwarm.Tracker.Tests.Cluster;

/// <summary>
/// A private 3-master Redis Cluster on loopback ports (<c>redis-server --cluster-enabled yes</c> × 3, joined with
/// <c>redis-cli --cluster create … --cluster-replicas 0</c>), without persistence, each in its own temporary directory.
/// </summary>
public sealed class RedisClusterServers : IAsyncDisposable
{
    private readonly List<Process> _processes;
    private readonly string _dir;

    private RedisClusterServers(List<Process> processes, int[] ports, string dir, ConnectionMultiplexer client)
    {
        _processes = processes;
        Ports = ports;
        _dir = dir;
        Client = client;
    }

    public int[] Ports { get; }

    /// <summary>The StackExchange.Redis configuration naming every master.</summary>
    public string Configuration => string.Join(',', Ports.Select(p => $"127.0.0.1:{p}"));

    public ConnectionMultiplexer Client { get; }

    public IDatabase Db => Client.GetDatabase();

    public static async Task<RedisClusterServers> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("hlsswarm-redis-cluster-").FullName;
        var processes = new List<Process>();
        try
        {
            var ports = new int[3];
            for (var i = 0; i < ports.Length; i++)
            {
                // The cluster bus listens on port + 10000: pick ports whose bus port is free too.
                ports[i] = FreePortWithBus();
                var node = Path.Combine(dir, ports[i].ToString());
                Directory.CreateDirectory(node);
                processes.Add(Start("redis-server", "--port", ports[i].ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000", "--dir", node));
            }

            foreach (var port in ports)
            {
                await WaitListeningAsync(port);
            }

            using (var create = Start("redis-cli", ["--cluster", "create", .. ports.Select(p => $"127.0.0.1:{p}"), "--cluster-replicas", "0", "--cluster-yes"]))
            {
                await create.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                if (create.ExitCode != 0)
                {
                    throw new InvalidOperationException($"redis-cli --cluster create exited with {create.ExitCode}");
                }
            }

            var client = await ConnectionMultiplexer.ConnectAsync(string.Join(',', ports.Select(p => $"127.0.0.1:{p}")) + ",connectTimeout=2000,allowAdmin=true");
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                var ok = true;
                foreach (var port in ports)
                {
                    var info = (string)(await client.GetServer("127.0.0.1", port).ExecuteAsync("CLUSTER", "INFO"))!;
                    ok &= info.Contains("cluster_state:ok", StringComparison.Ordinal);
                }

                if (ok)
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("the Redis Cluster did not reach cluster_state:ok");
                }

                await Task.Delay(100);
            }

            return new RedisClusterServers(processes, ports, dir, client);
        }
        catch
        {
            Stop(processes);
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    /// <summary>The port of the master that serves <paramref name="key"/>'s hash slot.</summary>
    public int MasterOf(string key) => ((IPEndPoint)Client.GetServer(Db.IdentifyEndpoint(key)!).EndPoint).Port;

    public async ValueTask DisposeAsync()
    {
        await Client.CloseAsync();
        Client.Dispose();
        Stop(_processes);
        Directory.Delete(_dir, recursive: true);
    }

    private static Process Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{file} is not installed: run scripts/install-deps.sh (Debian package redis-server)", ex);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static void Stop(List<Process> processes)
    {
        foreach (var p in processes)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill();
                    p.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            p.Dispose();
        }
    }

    private static int FreePortWithBus()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (port + 10000 > 65535)
            {
                continue;
            }

            try
            {
                using var bus = new TcpListener(IPAddress.Loopback, port + 10000);
                bus.Start();
                return port;
            }
            catch (SocketException) when (attempt < 50)
            {
            }
        }
    }
}
