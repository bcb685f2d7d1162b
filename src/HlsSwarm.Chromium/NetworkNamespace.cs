using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace HlsSwarm.Chromium;

/// <summary>
/// A Linux network namespace made for one test run: loopback up, a veth pair with both ends inside it,
/// 10.77.x.1/24 on one end and a default route via 10.77.x.2 that leads nowhere, so nothing can leave.
/// Chromium gathers no ICE candidates without a default route (shared/notes/browsers-on-this-machine.md),
/// so every browser and server under test runs inside one of these. Deleted on <see cref="Dispose"/>.
/// </summary>
public sealed partial class NetworkNamespace : IDisposable
{
    private const string NamePrefix = "hsw";
    private const int CloneNewNet = 0x40000000;
    private static int s_counter;
    private int _disposed;

    private NetworkNamespace(string name, string hostAddress)
    {
        Name = name;
        HostAddress = hostAddress;
    }

    /// <summary>The namespace name, as <c>ip netns list</c> shows it.</summary>
    public string Name { get; }

    /// <summary>The address on the veth end that carries the default route (WebRTC host candidates use it).</summary>
    public string HostAddress { get; }

    /// <summary>Creates a uniquely named namespace; fails with the reason when this process cannot.</summary>
    public static NetworkNamespace Create()
    {
        RequireRootAndIproute2();
        RemoveStaleNamespaces();
        int n = Interlocked.Increment(ref s_counter);
        string name = $"{NamePrefix}{Environment.ProcessId}n{n}";
        int subnet = 1 + (n % 250);
        string host = $"10.77.{subnet}.1";
        Tool.Run(Tool.Ip, "netns", "add", name);
        var ns = new NetworkNamespace(name, host);
        try
        {
            ns.Ip("link", "set", "lo", "up");
            ns.Ip("link", "add", "p2pa", "type", "veth", "peer", "name", "p2pb");
            ns.Ip("addr", "add", $"{host}/24", "dev", "p2pa");
            ns.Ip("link", "set", "p2pa", "up");
            ns.Ip("link", "set", "p2pb", "up");
            // The gateway is an address nobody holds: packets for anywhere outside go out p2pa and die on p2pb.
            ns.Ip("route", "add", "default", "via", $"10.77.{subnet}.2", "dev", "p2pa");
        }
        catch
        {
            ns.Dispose();
            throw;
        }
        return ns;
    }

    /// <summary>Runs <c>ip -n NAME args…</c>, throwing with ip's own message when it fails.</summary>
    public string Ip(params string[] args) => Tool.Run(Tool.Ip, ["-n", Name, .. args]);

    /// <summary>The command line prefix that runs a program inside this namespace.</summary>
    public IReadOnlyList<string> ExecPrefix => [Tool.Ip, "netns", "exec", Name];

    /// <summary>
    /// An <see cref="HttpClient"/> whose sockets live in this namespace, so the test process (which stays outside)
    /// can reach servers listening on the namespace's 127.0.0.1. A socket belongs to the namespace of the thread that
    /// created it, so each connection's socket is created on a short-lived thread moved in with setns(2).
    /// </summary>
    public HttpClient CreateHttpClient(TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            ConnectCallback = async (context, ct) =>
            {
                Socket socket = CreateSocketInside(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.NoDelay = true;
                    await socket.ConnectAsync(context.DnsEndPoint, ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = timeout };
    }

    /// <summary>Creates a socket that belongs to this namespace (see <see cref="CreateHttpClient"/>).</summary>
    public Socket CreateSocketInside(AddressFamily family, SocketType type, ProtocolType protocol) =>
        RunInside(() => new Socket(family, type, protocol));

    /// <summary>
    /// Runs <paramref name="create"/> on a short-lived thread moved into this namespace with setns(2) and returns its
    /// result: sockets it creates (e.g. a <c>UdpPeerConnection</c> binding <see cref="HostAddress"/>) belong to the
    /// namespace for their whole life, whichever thread uses them afterwards.
    /// </summary>
    public T RunInside<T>(Func<T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        T? result = default;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var nsFile = File.OpenHandle(Path.Combine("/var/run/netns", Name), FileMode.Open, FileAccess.Read);
                if (SetNs((int)nsFile.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException(
                        $"setns into network namespace {Name} failed: errno {Marshal.GetLastPInvokeError()}");
                }
                result = create();
            }
            catch (Exception e)
            {
                error = e;
            }
        })
        { IsBackground = true, Name = "netns-inside" };
        thread.Start();
        thread.Join();
        if (error is not null)
        {
            throw new InvalidOperationException($"could not run inside {Name}: {error.Message}", error);
        }
        return result!;
    }

    /// <summary>Deletes the namespace (idempotent; failures are ignored so that cleanup never masks a test error).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        Tool.TryRun(Tool.Ip, "netns", "del", Name);
    }

    private static void RequireRootAndIproute2()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("browser P2P tests need Linux network namespaces");
        }
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                "creating a network namespace needs root (CAP_SYS_ADMIN): run the tests as root");
        }
        if (!File.Exists(Tool.Ip))
        {
            throw new InvalidOperationException($"iproute2 not found ({Tool.Ip}): apt-get install iproute2");
        }
    }

    /// <summary>Deletes namespaces left by earlier test processes that died before their Dispose ran.</summary>
    private static void RemoveStaleNamespaces()
    {
        string list = Tool.Run(Tool.Ip, "netns", "list");
        foreach (Match m in OurNamespace().Matches(list))
        {
            int pid = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                Tool.TryRun(Tool.Ip, "netns", "del", m.Groups[1].Value);
            }
        }
    }

    [GeneratedRegex(@"^(hsw(\d+)n\d+)\b", RegexOptions.Multiline)]
    private static partial Regex OurNamespace();

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nsType);
}
