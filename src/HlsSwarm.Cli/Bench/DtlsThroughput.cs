using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HlsSwarm.WebRtc.Dtls;
using Org.BouncyCastle.Security;

namespace HlsSwarm.Cli.Bench;

/// <summary>
/// The ceiling for our data channels: raw DTLS 1.2 with our <see cref="DtlsSession"/> (BouncyCastle,
/// TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, the stack's default <see cref="DtlsOptions"/>, so records carry exactly one
/// SCTP packet's worth of plaintext) with no SCTP or ICE. Over <see cref="DtlsPath.UdpLoopback"/> the records travel
/// as our data channels' do (two sockets on 127.0.0.1, a receive thread each), which makes it the ceiling the data
/// channel is compared with; <see cref="DtlsPath.InMemory"/> shows BouncyCastle's record layer alone. DTLS has no
/// flow control, so the sender keeps at most <see cref="Window"/> records unreceived (which also keeps the 4 MiB
/// socket buffer from overflowing).
/// </summary>
internal static class DtlsThroughput
{
    /// <summary>Records in flight at most: DTLS has no flow control, and the receiving queue drops beyond its bound.</summary>
    private const int Window = 1024;

    /// <summary>Handshakes a pair, then sends full records one way for <paramref name="maxBytes"/> or <paramref name="maxTime"/>.</summary>
    /// <exception cref="InvalidOperationException">The handshake or the transfer failed.</exception>
    public static ThroughputResult Run(DtlsPath path, long maxBytes, TimeSpan maxTime, CancellationToken cancellationToken)
    {
        using var pump = new Pump(path);
        pump.Start();
        var client = pump.Client;
        var record = new byte[client.MaxApplicationDataLength];
        new Random(7).NextBytes(record);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        long sent = 0;
        long records = 0;
        while (sent < maxBytes && clock.Elapsed < maxTime)
        {
            if (!pump.Credits.Wait(TimeSpan.FromSeconds(10), cancellationToken))
            {
                throw new InvalidOperationException($"DTLS records stopped arriving after {pump.Received} bytes (lost on the path?): {pump.Failure ?? "no failure reported"}");
            }
            if (!client.Send(record))
            {
                throw new InvalidOperationException($"DTLS send failed after {records} records: {pump.Failure ?? client.State.ToString()}");
            }
            sent += record.Length;
            records++;
        }
        if (!pump.WaitReceived(sent, TimeSpan.FromSeconds(30), cancellationToken))
        {
            throw new InvalidOperationException($"DTLS delivered {pump.Received} of {sent} bytes: {pump.Failure ?? "timed out"}");
        }
        clock.Stop();
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        return new ThroughputResult(pump.Received, records, clock.Elapsed.TotalSeconds, cpu.TotalSeconds);
    }

    /// <summary>Two sessions and the thread that moves their datagrams and drains the receiver's records.</summary>
    private sealed class Pump : IDisposable
    {
        private readonly AutoResetEvent _wake = new(false);
        private readonly ManualResetEventSlim _progress = new(false);
        private readonly Thread _thread;
        private readonly Socket? _clientSocket;
        private readonly Socket? _serverSocket;
        private readonly List<Thread> _receivers = [];
        private volatile bool _stop;
        private long _received;

        public Pump(DtlsPath path)
        {
            var certificateA = DtlsCertificate.Generate(new SecureRandom(), DateTimeOffset.UtcNow);
            var certificateB = DtlsCertificate.Generate(new SecureRandom(), DateTimeOffset.UtcNow);
            Client = new DtlsSession(DtlsRole.Client, certificateA, [certificateB.Fingerprint], new SecureRandom(), null, Wake);
            Server = new DtlsSession(DtlsRole.Server, certificateB, [certificateA.Fingerprint], new SecureRandom(), null, Wake);
            _thread = new Thread(Run) { IsBackground = true, Name = "bench-dtls-pump" };
            if (path == DtlsPath.UdpLoopback)
            {
                _clientSocket = Bind();
                _serverSocket = Bind();
                _clientSocket.Connect(_serverSocket.LocalEndPoint!);
                _serverSocket.Connect(_clientSocket.LocalEndPoint!);
                _receivers.Add(new Thread(() => ReceiveLoop(_serverSocket, Server)) { IsBackground = true, Name = "bench-dtls-receive" });
                _receivers.Add(new Thread(() => ReceiveLoop(_clientSocket, Client)) { IsBackground = true, Name = "bench-dtls-receive" });
            }
        }

        public DtlsSession Client { get; }

        public DtlsSession Server { get; }

        /// <summary>One credit per record the sender may still have in flight.</summary>
        public SemaphoreSlim Credits { get; } = new(Window, int.MaxValue);

        public long Received => Interlocked.Read(ref _received);

        public string? Failure { get; private set; }

        public void Start()
        {
            _receivers.ForEach(t => t.Start());
            _thread.Start();
            Server.Start();
            Client.Start();
            var clock = Stopwatch.StartNew();
            while (Client.State != DtlsState.Connected || Server.State != DtlsState.Connected)
            {
                if (Failure is not null || clock.Elapsed > TimeSpan.FromSeconds(10))
                {
                    throw new InvalidOperationException($"DTLS handshake did not complete: {Failure ?? "timed out"}");
                }
                _progress.Wait(10);
                _progress.Reset();
            }
        }

        public bool WaitReceived(long bytes, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            while (Received < bytes)
            {
                if (Failure is not null || clock.Elapsed > timeout)
                {
                    return false;
                }
                _progress.Wait(10, cancellationToken);
                _progress.Reset();
            }
            return true;
        }

        public void Dispose()
        {
            Client.Dispose();
            Server.Dispose();
            _stop = true;
            _wake.Set();
            _thread.Join(TimeSpan.FromSeconds(2));
            _clientSocket?.Dispose();
            _serverSocket?.Dispose();
            _receivers.ForEach(t => t.Join(TimeSpan.FromSeconds(2)));
        }

        private static Socket Bind()
        {
            // The same socket buffers as the data channel's driver (UdpPeerConnectionOptions.SocketBufferSize).
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
            {
                ReceiveBufferSize = 4 * 1024 * 1024,
                SendBufferSize = 4 * 1024 * 1024,
            };
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return socket;
        }

        private void ReceiveLoop(Socket socket, DtlsSession to)
        {
            var buffer = new byte[2048];
            try
            {
                while (!_stop)
                {
                    var n = socket.Receive(buffer);
                    to.HandlePacket(buffer.AsSpan(0, n));
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Closed at the end of the run.
            }
        }

        private void Wake() => _wake.Set();

        private void Run()
        {
            var buffer = new byte[64 * 1024];
            while (!_stop)
            {
                var moved = Move(Client, Server, _clientSocket, buffer) | Move(Server, Client, _serverSocket, buffer)
                            | Drain(Server) | Drain(Client);
                if (!moved)
                {
                    _wake.WaitOne(5);
                }
            }
        }

        private static bool Move(DtlsSession from, DtlsSession to, Socket? socket, byte[] buffer)
        {
            var any = false;
            while (from.TryPollTransmit(buffer, out var n))
            {
                if (socket is null)
                {
                    to.HandlePacket(buffer.AsSpan(0, n));
                }
                else
                {
                    socket.Send(buffer.AsSpan(0, n));
                }
                any = true;
            }
            return any;
        }

        private bool Drain(DtlsSession session)
        {
            var any = false;
            while (session.TryPollEvent(out var e))
            {
                any = true;
                switch (e.Kind)
                {
                    case DtlsEventKind.ApplicationData:
                        Interlocked.Add(ref _received, e.Data!.Length);
                        Credits.Release();
                        break;
                    case DtlsEventKind.Failed:
                        Failure = $"{e.Failure}: {e.Reason}";
                        break;
                }
            }
            if (any)
            {
                _progress.Set();
            }
            return any;
        }
    }
}
