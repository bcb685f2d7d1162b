using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using HlsSwarm.WebRtc.Dtls;
using Org.BouncyCastle.Security;
using Xunit;
using Xunit.Abstractions;

namespace HlsSwarm.WebRtc.Tests.Dtls;

/// <summary>
/// Real-time tests of the BouncyCastle adapter over an in-memory datagram pipe (no sockets). Retransmission starts
/// at 100 ms here to keep them short.
/// </summary>
public class DtlsSessionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Handshake_completes_and_each_side_verifies_the_others_fingerprint()
    {
        // Default options (1 s first retransmission) so that no retransmission inflates the datagram counts.
        using var pair = new DtlsPair(new DtlsOptions());
        var sw = Stopwatch.StartNew();
        pair.Start();
        Assert.True(pair.WaitConnected(Timeout), $"client {pair.Client.State}, server {pair.Server.State}");
        output.WriteLine($"handshake {sw.Elapsed.TotalMilliseconds:0.0} ms, {pair.DatagramsClientToServer} datagrams client→server, {pair.DatagramsServerToClient} back");

        Assert.True(pair.WaitFor(() => pair.ClientEvents.Count > 0 && pair.ServerEvents.Count > 0, Timeout));
        var clientConnected = DtlsPair.Find(pair.ClientEvents, DtlsEventKind.Connected);
        var serverConnected = DtlsPair.Find(pair.ServerEvents, DtlsEventKind.Connected);
        Assert.Equal(pair.ServerCertificate.Fingerprint, clientConnected?.RemoteFingerprint);
        Assert.Equal(pair.ClientCertificate.Fingerprint, serverConnected?.RemoteFingerprint);
        Assert.Equal(DtlsRole.Client, pair.Client.Role);
        Assert.Equal(DtlsRole.Server, pair.Server.Role);

        // 1232-byte datagrams minus 13 header + 8 explicit nonce + 16 GCM tag.
        Assert.Equal(1232 - 37, pair.Client.MaxApplicationDataLength);
        Assert.Equal(1232 - 37, pair.Server.MaxApplicationDataLength);

        // BouncyCastle sends one record per datagram and no cookie exchange: ClientHello; Certificate,
        // ClientKeyExchange, CertificateVerify, ChangeCipherSpec, Finished. Back: 7 (ServerHello … Finished).
        Assert.Equal(6, pair.DatagramsClientToServer);
        Assert.Equal(7, pair.DatagramsServerToClient);
    }

    [Fact]
    public void Server_rejects_a_client_certificate_that_does_not_match_the_sdp()
    {
        using var pair = new DtlsPair(serverExpects: DtlsFingerprint.FromCertificate("someone else"u8));
        pair.Start();
        Assert.True(pair.WaitFor(() => pair.Server.State == DtlsState.Failed && pair.Client.State == DtlsState.Failed, Timeout),
            $"client {pair.Client.State}, server {pair.Server.State}");
        Assert.True(pair.WaitFor(() => DtlsPair.Find(pair.ServerEvents, DtlsEventKind.Failed) is not null && DtlsPair.Find(pair.ClientEvents, DtlsEventKind.Failed) is not null, Timeout));
        var server = DtlsPair.Find(pair.ServerEvents, DtlsEventKind.Failed)!.Value;
        Assert.Equal(DtlsFailure.FingerprintMismatch, server.Failure);
        Assert.Contains("matches none", server.Reason, StringComparison.Ordinal);
        var client = DtlsPair.Find(pair.ClientEvents, DtlsEventKind.Failed)!.Value;
        Assert.Equal(DtlsFailure.AlertReceived, client.Failure);
        Assert.Contains("bad_certificate", client.Reason, StringComparison.Ordinal);
        Assert.Null(DtlsPair.Find(pair.ServerEvents, DtlsEventKind.Connected));
    }

    [Fact]
    public void Client_rejects_a_server_certificate_that_does_not_match_the_sdp()
    {
        using var pair = new DtlsPair(clientExpects: DtlsFingerprint.FromCertificate("someone else"u8));
        pair.Start();
        Assert.True(pair.WaitFor(() => DtlsPair.Find(pair.ClientEvents, DtlsEventKind.Failed) is not null, Timeout));
        Assert.Equal(DtlsFailure.FingerprintMismatch, DtlsPair.Find(pair.ClientEvents, DtlsEventKind.Failed)!.Value.Failure);
        Assert.Null(DtlsPair.Find(pair.ClientEvents, DtlsEventKind.Connected));
        Assert.True(pair.WaitFor(() => pair.Server.State == DtlsState.Failed, Timeout));
    }

    [Fact]
    public void Handshake_waits_for_a_remote_fingerprint_that_arrives_late()
    {
        using var pair = new DtlsPair(serverKnowsClient: false);
        pair.Start();
        Thread.Sleep(200);
        Assert.Equal(DtlsState.Handshaking, pair.Server.State);
        pair.Server.SetRemoteFingerprints([pair.ClientCertificate.Fingerprint]);
        Assert.True(pair.WaitConnected(Timeout));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 2)]
    [InlineData(0, 3)]
    public void Lost_handshake_flights_are_retransmitted(int dropClientToServer, int dropServerToClient)
    {
        var droppedC = 0;
        var droppedS = 0;
        using var pair = new DtlsPair(
            clientToServer: d => Interlocked.Increment(ref droppedC) <= dropClientToServer ? [] : [d],
            serverToClient: d => Interlocked.Increment(ref droppedS) <= dropServerToClient ? [] : [d]);
        var sw = Stopwatch.StartNew();
        pair.Start();
        Assert.True(pair.WaitConnected(Timeout), $"client {pair.Client.State}, server {pair.Server.State}");
        output.WriteLine($"connected after {sw.ElapsedMilliseconds} ms with {dropClientToServer}/{dropServerToClient} datagrams dropped");
        Assert.True(droppedC >= dropClientToServer && droppedS >= dropServerToClient);
    }

    [Fact]
    public void Losing_the_servers_final_flight_while_it_already_sends_data_still_connects()
    {
        // Server→client datagrams 6 and 7 are ChangeCipherSpec and Finished: the server is connected, the client
        // is not, retransmits its own last flight, and the server's record layer resends its final flight while
        // the server's owner keeps sending application data from another thread (RFC 6347 §4.2.4).
        var count = 0;
        var plaintextLeaks = 0;
        var marker = Enumerable.Repeat((byte)0xAB, 100).ToArray();
        using var pair = new DtlsPair(serverToClient: d =>
        {
            // A record sent in the handshake epoch would carry the application data unencrypted.
            if (d.AsSpan().IndexOf(marker) >= 0)
            {
                Interlocked.Increment(ref plaintextLeaks);
            }

            return Interlocked.Increment(ref count) is 6 or 7 ? [] : [d];
        });
        var received = 0;
        pair.OnData = (client, data) => Interlocked.Increment(ref received);
        pair.Start();
        Assert.True(pair.WaitFor(() => pair.Server.State == DtlsState.Connected, Timeout));
        var sent = 0;
        var stop = false;
        var sender = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                if (pair.Server.Send(marker))
                {
                    Interlocked.Increment(ref sent);
                }

                Thread.Yield();
            }
        }) { IsBackground = true };
        sender.Start();
        Assert.True(pair.WaitConnected(Timeout), $"client {pair.Client.State}, server {pair.Server.State}");
        var before = Volatile.Read(ref received);
        Assert.True(pair.WaitFor(() => Volatile.Read(ref received) > before + 20, Timeout), $"received {received} of {sent}");
        Volatile.Write(ref stop, true);
        sender.Join();
        Assert.Equal(DtlsState.Connected, pair.Server.State);
        Assert.Equal(DtlsState.Connected, pair.Client.State);
        Assert.True(count > 7);
        Assert.Equal(0, plaintextLeaks);
    }

    [Fact]
    public void A_throwing_ready_callback_does_not_take_the_session_down()
    {
        var certificate = DtlsCertificate.Generate(new SecureRandom(), DateTimeOffset.UtcNow);
        var calls = 0;
        using var session = new DtlsSession(DtlsRole.Client, certificate, [certificate.Fingerprint], new SecureRandom(),
            ready: () =>
            {
                Interlocked.Increment(ref calls);
                throw new InvalidOperationException("owner bug");
            });
        session.Start();
        var buffer = new byte[2048];
        var deadline = Stopwatch.StartNew();
        while (!session.TryPollTransmit(buffer, out _) && deadline.Elapsed < Timeout)
        {
            Thread.Sleep(1);
        }

        // The callback runs right after the datagram is queued, so it may still be running when the poll succeeds.
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref calls) >= 1, Timeout));
        Assert.Equal(DtlsState.Handshaking, session.State);
        session.Close();
        Assert.True(SpinWait.SpinUntil(() => session.State == DtlsState.Closed, Timeout));
        Assert.False(session.HandlePacket([22, 254, 253]));
    }

    [Theory]
    [InlineData(100, 1500, 1000, 30000, 10)]
    [InlineData(70000, 1500, 1000, 30000, 10)]
    [InlineData(1232, 64, 1000, 30000, 10)]
    [InlineData(1232, 1500, 0, 30000, 10)]
    [InlineData(1232, 1500, 1000, 500, 10)]
    [InlineData(1232, 1500, 1000, 30000, 0)]
    public void Out_of_range_options_are_a_programming_error(int datagram, int receive, int retransmitMs, int handshakeMs, int queued)
    {
        var options = new DtlsOptions
        {
            MaxDatagramSize = datagram,
            MaxReceiveDatagramSize = receive,
            InitialRetransmitTimeout = TimeSpan.FromMilliseconds(retransmitMs),
            HandshakeTimeout = TimeSpan.FromMilliseconds(handshakeMs),
            MaxQueuedDatagrams = queued,
        };
        var certificate = DtlsCertificate.Generate(new SecureRandom(), DateTimeOffset.UtcNow);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DtlsSession(DtlsRole.Client, certificate, null, new SecureRandom(), options));
        new DtlsOptions().Validate();
    }

    [Fact]
    public void The_inbound_queue_is_bounded_and_counts_drops()
    {
        var certificate = DtlsCertificate.Generate(new SecureRandom(), DateTimeOffset.UtcNow);
        using var session = new DtlsSession(DtlsRole.Server, certificate, null, new SecureRandom(), new DtlsOptions { MaxQueuedDatagrams = 4, MaxReceiveDatagramSize = 200 });
        var accepted = Enumerable.Range(0, 6).Select(_ => session.HandlePacket(new byte[] { 22, 254, 253 })).ToArray();
        Assert.Equal([true, true, true, true, false, false], accepted);
        Assert.False(session.HandlePacket(new byte[201]));
        Assert.Equal(3, session.DroppedDatagrams);
    }

    [Fact]
    public void Application_data_flows_both_ways_byte_exact()
    {
        var megabytes = int.TryParse(Environment.GetEnvironmentVariable("HLSSWARM_DTLS_TEST_MB"), out var mb) ? mb : 3;
        using var pair = new DtlsPair();
        var toServer = new Transfer(megabytes << 20, seed: 1);
        var toClient = new Transfer(megabytes << 20, seed: 2);
        pair.OnData = (client, data) => (client ? toClient : toServer).Receive(data);
        pair.Start();
        Assert.True(pair.WaitConnected(Timeout));

        var sw = Stopwatch.StartNew();
        var a = new Thread(() => toServer.SendAll(pair.Client)) { IsBackground = true };
        var b = new Thread(() => toClient.SendAll(pair.Server)) { IsBackground = true };
        a.Start();
        b.Start();
        Assert.True(a.Join(Timeout) && b.Join(Timeout));
        Assert.True(pair.WaitFor(() => toServer.Done && toClient.Done, Timeout), $"received {toServer.Received}/{toServer.Length} and {toClient.Received}/{toClient.Length}");
        var seconds = sw.Elapsed.TotalSeconds;
        output.WriteLine($"{2 * megabytes} MB in {seconds:0.000} s: {2 * megabytes / seconds:0.0} MB/s both directions together");

        Assert.Equal(toServer.ExpectedHash, toServer.ReceivedHash());
        Assert.Equal(toClient.ExpectedHash, toClient.ReceivedHash());
        Assert.Equal(DtlsState.Connected, pair.Client.State);
        Assert.Equal(0, pair.Server.DroppedDatagrams);
    }

    [Fact]
    public void Close_sends_close_notify_and_both_sides_end_closed()
    {
        using var pair = new DtlsPair();
        pair.Start();
        Assert.True(pair.WaitConnected(Timeout));
        pair.Client.Close();
        Assert.True(pair.WaitFor(() => pair.Client.State == DtlsState.Closed && pair.Server.State == DtlsState.Closed, Timeout),
            $"client {pair.Client.State}, server {pair.Server.State}");
        Assert.True(pair.WaitFor(() => DtlsPair.Find(pair.ServerEvents, DtlsEventKind.Closed) is not null, Timeout));
        Assert.Null(DtlsPair.Find(pair.ServerEvents, DtlsEventKind.Failed));
        Assert.False(pair.Client.Send([1, 2, 3]));
        Assert.False(pair.Server.Send([1, 2, 3]));
    }

    [Fact]
    public void Closing_before_start_or_during_the_handshake_ends_closed()
    {
        using var pair = new DtlsPair(serverKnowsClient: false);
        pair.Client.Close();
        Assert.Equal(DtlsState.Closed, pair.Client.State);
        pair.Server.Start();
        Assert.Equal(DtlsState.Handshaking, pair.Server.State);
        pair.Server.Close();
        Assert.True(pair.WaitFor(() => pair.Server.State == DtlsState.Closed, Timeout), pair.Server.State.ToString());
        Assert.Throws<InvalidOperationException>(pair.Server.Start);
    }

    [Fact]
    public void After_the_handshake_records_are_decrypted_on_the_thread_that_hands_them_in()
    {
        using var pair = new DtlsPair();
        Assert.False(pair.Client.DecryptsInline);
        var received = new ConcurrentQueue<byte[]>();
        pair.OnData = (client, data) => received.Enqueue(data);
        pair.Start();
        Assert.True(pair.WaitConnected(Timeout));
        Assert.True(pair.WaitFor(() => pair.Client.DecryptsInline && pair.Server.DecryptsInline, Timeout));

        // Catch the client's next record instead of delivering it, then hand it in from this thread.
        var caught = new ConcurrentQueue<byte[]>();
        pair.ClientToServer = d =>
        {
            caught.Enqueue(d);
            return [];
        };
        Assert.True(pair.Client.Send([7, 8, 9]));
        Assert.True(pair.WaitFor(() => !caught.IsEmpty, Timeout));
        Assert.True(caught.TryDequeue(out var record));
        Assert.True(pair.Server.HandlePacket(record));
        Assert.True(pair.WaitFor(() => !received.IsEmpty, Timeout));
        Assert.Equal([7, 8, 9], received.Single());
        Assert.Equal(DtlsState.Connected, pair.Server.State);
    }

    [Fact]
    public void Send_refuses_before_connection_and_above_the_send_limit()
    {
        using var pair = new DtlsPair();
        Assert.False(pair.Client.Send([1]));
        pair.Start();
        Assert.True(pair.WaitConnected(Timeout));
        Assert.False(pair.Client.Send(new byte[pair.Client.MaxApplicationDataLength + 1]));
        Assert.True(pair.Client.Send(new byte[pair.Client.MaxApplicationDataLength]));
        Assert.Equal(DtlsState.Connected, pair.Client.State);
    }

    [Fact]
    public void Hostile_datagrams_are_ignored_and_the_connection_survives()
    {
        var captured = new List<byte[]>();
        using var pair = new DtlsPair(clientToServer: d =>
        {
            lock (captured)
            {
                captured.Add(d);
            }

            return [d];
        });
        var received = new List<byte[]>();
        pair.OnData = (client, data) =>
        {
            lock (received)
            {
                received.Add(data);
            }
        };

        // Garbage before the handshake: the server must keep waiting for a real ClientHello.
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var junk = new byte[random.Next(0, 300)];
            random.NextBytes(junk);
            if (junk.Length > 0)
            {
                junk[0] = (byte)random.Next(20, 64);
            }

            pair.Server.HandlePacket(junk);
        }

        pair.Start();
        Assert.True(pair.WaitConnected(Timeout));
        Assert.True(pair.Client.Send("hello"u8));
        Assert.True(pair.WaitFor(() => { lock (received) { return received.Count == 1; } }, Timeout));

        byte[] record;
        lock (captured)
        {
            record = captured[^1];
        }

        var hostile = new List<byte[]>();
        for (var cut = 0; cut < record.Length; cut += 3)
        {
            hostile.Add(record[..cut]);
        }

        for (var i = 13; i < record.Length; i++)
        {
            var flipped = (byte[])record.Clone();
            flipped[i] ^= 0x40;
            hostile.Add(flipped);
        }

        hostile.Add(record); // a replay (RFC 6347 §4.1.2.6): discarded
        hostile.Add([.. record, .. record[..5]]);
        for (var i = 0; i < 300; i++)
        {
            var junk = new byte[random.Next(1, 1500)];
            random.NextBytes(junk);
            junk[0] = (byte)random.Next(20, 64);
            hostile.Add(junk);
        }

        hostile.Add(new byte[100_000]); // above MaxReceiveDatagramSize: dropped before the queue
        foreach (var h in hostile)
        {
            pair.Server.HandlePacket(h);
        }

        Assert.True(pair.Server.DroppedDatagrams >= 1);
        Assert.True(pair.Client.Send("still there"u8));
        Assert.True(pair.WaitFor(() => { lock (received) { return received.Count == 2; } }, Timeout), $"server {pair.Server.State}");
        Assert.Equal("still there"u8.ToArray(), received[1]);
        Assert.Equal(DtlsState.Connected, pair.Server.State);
        Assert.Null(DtlsPair.Find(pair.ServerEvents, DtlsEventKind.Failed));
    }

    [Fact]
    public void A_silent_peer_makes_the_handshake_time_out_with_a_clear_failure()
    {
        // ClientHellos at 0, 50, 150, 350, 750 ms…: a 1.5 s budget leaves room for a thread starved by a loaded machine
        // (with 600 ms a ~250 ms stall could leave only 2).
        var options = new DtlsOptions { InitialRetransmitTimeout = TimeSpan.FromMilliseconds(50), HandshakeTimeout = TimeSpan.FromMilliseconds(1500) };
        using var pair = new DtlsPair(options, clientToServer: _ => []);
        pair.Start();
        Assert.True(pair.WaitFor(() => pair.Client.State == DtlsState.Failed, Timeout), pair.Client.State.ToString());
        Assert.True(pair.WaitFor(() => DtlsPair.Find(pair.ClientEvents, DtlsEventKind.Failed) is not null, Timeout));
        var failed = DtlsPair.Find(pair.ClientEvents, DtlsEventKind.Failed)!.Value;
        output.WriteLine($"{failed.Failure}: {failed.Reason}");
        Assert.Equal(DtlsFailure.HandshakeTimeout, failed.Failure);
        Assert.True(pair.DatagramsClientToServer >= 3, $"{pair.DatagramsClientToServer} ClientHellos: retransmissions expected");
    }

    /// <summary>One direction of a bulk transfer with a window (DTLS has no flow control; SCTP will give it one).</summary>
    internal sealed class Transfer(int length, int seed, int window = 512)
    {
        private readonly byte[] _data = Data(length, seed);
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly SemaphoreSlim _window = new(window);
        private long _received;

        public int Length => length;

        public long Received => Interlocked.Read(ref _received);

        public bool Done => Received >= length;

        public byte[] ExpectedHash => SHA256.HashData(_data);

        public byte[] ReceivedHash() => _hash.GetHashAndReset();

        public void Receive(byte[] data)
        {
            _hash.AppendData(data);
            Interlocked.Add(ref _received, data.Length);
            _window.Release();
        }

        public void SendAll(DtlsSession session, int recordSize = 0)
        {
            var chunk = recordSize > 0 ? recordSize : session.MaxApplicationDataLength;
            for (var offset = 0; offset < length; offset += chunk)
            {
                if (!_window.Wait(Timeout) || !session.Send(_data.AsSpan(offset, Math.Min(chunk, length - offset))))
                {
                    return;
                }
            }
        }

        private static byte[] Data(int length, int seed)
        {
            var data = new byte[length];
            new Random(seed).NextBytes(data);
            return data;
        }
    }
}
