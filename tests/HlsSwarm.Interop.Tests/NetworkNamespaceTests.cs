using System.Net;
using System.Net.Sockets;
using System.Text;
using HlsSwarm.Testing;
using Xunit;

namespace HlsSwarm.Interop.Tests;

/// <summary>The namespace the browser tests run in: its shape, and how the test process reaches servers inside it.</summary>
public sealed class NetworkNamespaceTests
{
    [Fact(Timeout = 30_000)]
    public async Task Http_client_reaches_a_listener_inside_the_namespace_and_the_host_does_not()
    {
        using var ns = NetworkNamespace.Create();
        using Socket listener = ns.CreateSocketInside(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        Task serve = Task.Run(async () =>
        {
            using Socket c = await listener.AcceptAsync();
            var buffer = new byte[4096];
            await c.ReceiveAsync(buffer);
            await c.SendAsync(Encoding.ASCII.GetBytes(
                "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\ninside"));
        });

        using HttpClient inside = ns.CreateHttpClient(TimeSpan.FromSeconds(5));
        Assert.Equal("inside", await inside.GetStringAsync(new Uri($"http://127.0.0.1:{port}/")));
        await serve;

        // The same port on the host's loopback is another network: nothing listens there for us.
        using var host = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await Assert.ThrowsAsync<SocketException>(async () => await host.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public void Namespace_has_a_default_route_and_is_deleted_on_dispose()
    {
        string name;
        using (var ns = NetworkNamespace.Create())
        {
            name = ns.Name;
            Assert.Contains("default via", ns.Ip("route", "show"), StringComparison.Ordinal);
            Assert.Contains(ns.HostAddress + "/24", ns.Ip("addr", "show", "p2pa"), StringComparison.Ordinal);
        }
        Assert.False(File.Exists(Path.Combine("/var/run/netns", name)), $"{name} still exists");
    }
}
