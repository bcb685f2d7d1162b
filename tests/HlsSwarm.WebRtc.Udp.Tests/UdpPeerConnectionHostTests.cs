using System.Net;
using System.Security.Cryptography;
using HlsSwarm.WebRtc.Connection;
using Xunit;
using Xunit.Abstractions;

namespace HlsSwarm.WebRtc.Udp.Tests;

/// <summary>Many connections on one <see cref="UdpPeerConnectionHost"/> socket, to standalone peers on 127.0.0.1.</summary>
public class UdpPeerConnectionHostTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Fifty_connections_share_one_socket_and_all_carry_data_both_ways()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using (await LoopbackPair.ConnectAsync("warm", cts.Token))
        {
        }

        await using var host = new UdpPeerConnectionHost();
        var pairs = new List<(UdpPeerConnection Hosted, UdpDataChannel HostedChannel, UdpPeerConnection Peer, UdpDataChannel PeerChannel)>();
        try
        {
            (long Memory, Dictionary<string, int> Threads) at25 = (0, []);
            for (var i = 0; i < 50; i++)
            {
                if (i == 25)
                {
                    at25 = (GC.GetTotalMemory(forceFullCollection: true), ThreadsByName());
                }

                // Half the hosted connections offer, half answer: both ways of meeting a new peer's first checks.
                pairs.Add(await ConnectAsync(host, hostedOffers: i % 2 == 0, cts.Token));
            }

            var memory = GC.GetTotalMemory(forceFullCollection: true) - at25.Memory;
            var threads = ThreadsByName();
            output.WriteLine($"idle, growth from 25 to 50 connections (each: one hosted connection + its standalone peer): " +
                             $"{memory / 25 / 1024.0:F1} KiB managed heap per pair");
            output.WriteLine("threads now: " + string.Join(", ", threads.OrderBy(t => t.Key).Select(t => $"{t.Key} {t.Value}")) +
                             "; per added pair: " + string.Join(", ", threads.Select(t => (t.Key, Growth: (t.Value - at25.Threads.GetValueOrDefault(t.Key)) / 25.0))
                                 .Where(t => t.Growth != 0).OrderBy(t => t.Key).Select(t => $"{t.Key} {t.Growth:F1}")));
            Assert.Equal(50, host.ConnectionCount);
            Assert.Equal(1, threads.GetValueOrDefault("webrtc-host-loo"));
            Assert.Equal(1, threads.GetValueOrDefault("webrtc-host-rec"));

            // Every connection carries a message each way after all were set up: 64 KiB, checked byte for byte.
            var sends = pairs.Select(async p =>
            {
                var data = RandomNumberGenerator.GetBytes(64 * 1024);
                await p.HostedChannel.SendAsync(data, cts.Token);
                await p.PeerChannel.SendAsync(data.AsMemory(1), cts.Token);
                Assert.Equal(data, (await p.PeerChannel.ReceiveAsync(cts.Token)).Data);
                Assert.Equal(data[1..], (await p.HostedChannel.ReceiveAsync(cts.Token)).Data);
            });
            await Task.WhenAll(sends);

            // Each hosted connection talks to its own peer: the routes did not mix them up.
            foreach (var p in pairs)
            {
                var remote = await p.Hosted.InspectAsync(pc => pc.Ice.SelectedPair?.RemoteEndPoint);
                Assert.Equal(p.Peer.LocalEndPoint, remote);
            }
            Assert.Equal(0, host.DatagramsUnrouted);
        }
        finally
        {
            foreach (var p in pairs)
            {
                await p.Peer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_bulk_transfer_through_the_host_arrives_intact_and_its_rate_is_reported_next_to_a_standalone_one()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var host = new UdpPeerConnectionHost();
        var hosted = await ConnectAsync(host, hostedOffers: true, cts.Token);
        await using var standalone = await LoopbackPair.ConnectAsync("p2pml", cts.Token);
        try
        {
            // Smoke figures on a shared machine: the same 30 MiB (after a 10 MiB warm-up) through each, one way.
            // The first transfer of a process is the slowest whichever path it takes (JIT tiering): one unmeasured first.
            await TransferAsync(standalone.OffererChannel, standalone.AnswererChannel, cts.Token);
            var hostedMbps = await TransferAsync(hosted.HostedChannel, hosted.PeerChannel, cts.Token);
            var standaloneMbps = await TransferAsync(standalone.OffererChannel, standalone.AnswererChannel, cts.Token);
            output.WriteLine($"30 MiB one way: hosted → standalone peer {hostedMbps:F0} Mbit/s; standalone → standalone {standaloneMbps:F0} Mbit/s");
        }
        finally
        {
            await hosted.Peer.DisposeAsync();
        }
    }

    private static async Task<double> TransferAsync(UdpDataChannel from, UdpDataChannel to, CancellationToken ct)
    {
        const int Message = 64 * 1024, WarmUp = 160, Measured = 480; // 10 MiB, then 30 MiB
        var data = RandomNumberGenerator.GetBytes((WarmUp + Measured) * Message);
        var expected = SHA256.HashData(data.AsSpan(WarmUp * Message));
        var clock = new System.Diagnostics.Stopwatch();
        var receiving = Task.Run(async () =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (var i = 0; i < WarmUp + Measured; i++)
            {
                var message = await to.ReceiveAsync(ct);
                Assert.Equal(Message, message.Data.Length);
                if (i == WarmUp - 1)
                {
                    clock.Start();
                }
                else if (i >= WarmUp)
                {
                    hash.AppendData(message.Data);
                }
            }

            clock.Stop();
            return hash.GetHashAndReset();
        }, ct);
        for (var offset = 0; offset < data.Length; offset += Message)
        {
            await from.SendAsync(data.AsMemory(offset, Message), ct);
        }

        Assert.Equal(expected, await receiving);
        return (double)Measured * Message * 8 / clock.Elapsed.TotalSeconds / 1e6;
    }

    [Fact]
    public async Task Disposing_one_connection_leaves_the_others_working_and_its_peer_sees_the_close()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var host = new UdpPeerConnectionHost();
        var first = await ConnectAsync(host, hostedOffers: true, cts.Token);
        var second = await ConnectAsync(host, hostedOffers: false, cts.Token);
        try
        {
            await first.Hosted.DisposeAsync();
            Assert.StartsWith("Closed", await first.Peer.Ended.WaitAsync(cts.Token), StringComparison.Ordinal);
            Assert.Equal(1, host.ConnectionCount);

            await second.HostedChannel.SendTextAsync("still here", cts.Token);
            Assert.Equal("still here"u8.ToArray(), (await second.PeerChannel.ReceiveAsync(cts.Token)).Data);

            // The closed connection's peer is no longer routed: whatever it sends now is dropped and counted.
            await first.Peer.DisposeAsync();
            Assert.False(second.Hosted.Ended.IsCompleted);
        }
        finally
        {
            await first.Peer.DisposeAsync();
            await second.Peer.DisposeAsync();
        }
    }

    [Fact]
    public async Task Datagrams_from_an_unknown_address_that_are_not_checks_for_a_connection_are_dropped()
    {
        await using var host = new UdpPeerConnectionHost();
        using var stranger = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await stranger.SendAsync(new byte[] { 22, 254, 253, 0, 0 }, host.LocalEndPoint); // a DTLS-looking record
        await stranger.SendAsync(new byte[20], host.LocalEndPoint);                          // a STUN-looking header, no USERNAME
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (host.DatagramsUnrouted < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(2, host.DatagramsUnrouted);
    }

    [Fact]
    public async Task Checks_naming_a_connection_from_many_addresses_route_at_most_the_cap()
    {
        // Routing happens before MESSAGE-INTEGRITY is checked, so a sender that learnt a ufrag may not grow the table.
        await using var host = new UdpPeerConnectionHost();
        var connection = host.CreateConnection();
        var ufrag = await connection.InspectAsync(pc => pc.LocalCredentials.Ufrag);
        var request = BindingRequest(ufrag + ":x");
        var senders = Enumerable.Range(0, UdpPeerConnectionHost.MaxRoutesPerConnection + 6)
            .Select(_ => new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0))).ToList();
        try
        {
            foreach (var sender in senders)
            {
                await sender.SendAsync(request, host.LocalEndPoint);
            }

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (host.DatagramsUnrouted < 6 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            Assert.Equal(6, host.DatagramsUnrouted);

            // A check naming nobody is not routed either.
            await senders[0].SendAsync(BindingRequest("nobody:x"), host.LocalEndPoint);
            await senders[^1].SendAsync(BindingRequest("nobody:x"), host.LocalEndPoint);
            deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (host.DatagramsUnrouted < 7 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            // The first sender already has a route (to the connection), the last one does not.
            Assert.Equal(7, host.DatagramsUnrouted);
        }
        finally
        {
            senders.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task A_disposed_host_refuses_new_connections()
    {
        var host = new UdpPeerConnectionHost();
        await host.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => host.CreateConnection());
        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await using var _ = new UdpPeerConnectionHost(new UdpPeerConnectionHostOptions { LocalEndPoint = new IPEndPoint(IPAddress.Any, 0) });
        });
    }

    private static async Task<(UdpPeerConnection Hosted, UdpDataChannel HostedChannel, UdpPeerConnection Peer, UdpDataChannel PeerChannel)> ConnectAsync(
        UdpPeerConnectionHost host, bool hostedOffers, CancellationToken ct)
    {
        var hosted = host.CreateConnection(new UdpPeerConnectionOptions { Peer = new PeerConnectionOptions { Offerer = hostedOffers } });
        var peer = new UdpPeerConnection(new UdpPeerConnectionOptions { Peer = new PeerConnectionOptions { Offerer = !hostedOffers } });
        var (offerer, answerer) = hostedOffers ? (hosted, peer) : (peer, hosted);
        Task<UdpDataChannel>? accept = null;
        var answerReady = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var offererChannel = await offerer.ConnectAsync(
            (offer, _) =>
            {
                accept = answerer.AcceptAsync(offer, (answer, _) =>
                {
                    answerReady.TrySetResult(answer);
                    return Task.CompletedTask;
                }, ct);
                return answerReady.Task.WaitAsync(ct);
            },
            "p2pml",
            ct);
        var answererChannel = await accept!.WaitAsync(ct);
        return hostedOffers ? (hosted, offererChannel, peer, answererChannel) : (hosted, answererChannel, peer, offererChannel);
    }

    /// <summary>A STUN binding request (RFC 8489 §5) with only a USERNAME attribute: enough to be routed, not to pass ICE.</summary>
    private static byte[] BindingRequest(string username)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(username);
        var padded = (name.Length + 3) & ~3;
        var message = new byte[20 + 4 + padded];
        message[1] = 0x01; // Binding request
        message[3] = (byte)(4 + padded);
        new byte[] { 0x21, 0x12, 0xA4, 0x42 }.CopyTo(message, 4);
        RandomNumberGenerator.Fill(message.AsSpan(8, 12));
        message[21] = 0x06; // USERNAME
        message[23] = (byte)name.Length;
        name.CopyTo(message, 24);
        return message;
    }

    /// <summary>Threads of this process by name (Linux truncates names to 15 characters), from /proc/self/task.</summary>
    private static Dictionary<string, int> ThreadsByName() =>
        Directory.GetDirectories("/proc/self/task")
            .Select(d =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(d, "comm")).Trim();
                }
                catch (IOException)
                {
                    return "(gone)";
                }
            })
            .GroupBy(n => n)
            .ToDictionary(g => g.Key, g => g.Count());
}
