using System.Collections.Concurrent;
using System.Diagnostics;
using HlsSwarm.WebRtc.Dtls;
using Org.BouncyCastle.Security;

namespace HlsSwarm.WebRtc.Tests.Dtls;

/// <summary>
/// Two <see cref="DtlsSession"/>s joined by an in-memory datagram pipe, in real time (BouncyCastle's timers are real,
/// style.md §2 note a). A pump thread moves datagrams between them through per-direction filters that may drop,
/// alter or inject datagrams; events are collected per side.
/// </summary>
internal sealed class DtlsPair : IDisposable
{
    private static readonly Lazy<(DtlsCertificate A, DtlsCertificate B)> SharedCertificates =
        new(() => (DtlsCertificate.Generate(new SecureRandom(), DateTimeOffset.UtcNow), DtlsCertificate.Generate(new SecureRandom(), DateTimeOffset.UtcNow)));

    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _pump;
    private volatile bool _stop;

    public DtlsPair(
        DtlsOptions? options = null,
        Func<byte[], IEnumerable<byte[]>>? clientToServer = null,
        Func<byte[], IEnumerable<byte[]>>? serverToClient = null,
        bool clientKnowsServer = true,
        bool serverKnowsClient = true,
        DtlsFingerprint? clientExpects = null,
        DtlsFingerprint? serverExpects = null)
    {
        options ??= new DtlsOptions { InitialRetransmitTimeout = TimeSpan.FromMilliseconds(100), HandshakeTimeout = TimeSpan.FromSeconds(10) };
        ClientCertificate = SharedCertificates.Value.A;
        ServerCertificate = SharedCertificates.Value.B;
        Client = new DtlsSession(
            DtlsRole.Client,
            ClientCertificate,
            clientKnowsServer ? [clientExpects ?? ServerCertificate.Fingerprint] : null,
            new SecureRandom(),
            options,
            () => _wake.Set());
        Server = new DtlsSession(
            DtlsRole.Server,
            ServerCertificate,
            serverKnowsClient ? [serverExpects ?? ClientCertificate.Fingerprint] : null,
            new SecureRandom(),
            options,
            () => _wake.Set());
        ClientToServer = clientToServer ?? (d => [d]);
        ServerToClient = serverToClient ?? (d => [d]);
        _pump = new Thread(Pump) { IsBackground = true, Name = "dtls-test-pump" };
        _pump.Start();
    }

    public DtlsCertificate ClientCertificate { get; }

    public DtlsCertificate ServerCertificate { get; }

    public DtlsSession Client { get; }

    public DtlsSession Server { get; }

    public Func<byte[], IEnumerable<byte[]>> ClientToServer { get; set; }

    public Func<byte[], IEnumerable<byte[]>> ServerToClient { get; set; }

    public ConcurrentQueue<DtlsEvent> ClientEvents { get; } = new();

    public ConcurrentQueue<DtlsEvent> ServerEvents { get; } = new();

    /// <summary>Called on the pump thread for each application-data record (client side true/false).</summary>
    public Action<bool, byte[]>? OnData { get; set; }

    public int DatagramsClientToServer;
    public int DatagramsServerToClient;

    public void Start()
    {
        Server.Start();
        Client.Start();
    }

    public bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout)
            {
                return false;
            }

            Thread.Sleep(2);
        }

        return true;
    }

    public bool WaitConnected(TimeSpan timeout) =>
        WaitFor(() => Client.State == DtlsState.Connected && Server.State == DtlsState.Connected, timeout);

    public static DtlsEvent? Find(ConcurrentQueue<DtlsEvent> events, DtlsEventKind kind)
    {
        foreach (var e in events)
        {
            if (e.Kind == kind)
            {
                return e;
            }
        }

        return null;
    }

    private void Pump()
    {
        var buffer = new byte[64 * 1024];
        while (!_stop)
        {
            var moved = Move(Client, Server, ClientToServer, buffer, ref DatagramsClientToServer)
                | Move(Server, Client, ServerToClient, buffer, ref DatagramsServerToClient);
            moved |= Drain(Client, ClientEvents, true) | Drain(Server, ServerEvents, false);
            if (!moved)
            {
                _wake.WaitOne(5);
            }
        }
    }

    private static bool Move(DtlsSession from, DtlsSession to, Func<byte[], IEnumerable<byte[]>> filter, byte[] buffer, ref int count)
    {
        var any = false;
        while (from.TryPollTransmit(buffer, out var n))
        {
            any = true;
            count++;
            foreach (var d in filter(buffer.AsSpan(0, n).ToArray()))
            {
                to.HandlePacket(d);
            }
        }

        return any;
    }

    private bool Drain(DtlsSession session, ConcurrentQueue<DtlsEvent> sink, bool client)
    {
        var any = false;
        while (session.TryPollEvent(out var e))
        {
            any = true;
            if (e.Kind == DtlsEventKind.ApplicationData && OnData is { } onData)
            {
                onData(client, e.Data!);
            }
            else
            {
                sink.Enqueue(e);
            }
        }

        return any;
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        _stop = true;
        _wake.Set();
        _pump.Join(TimeSpan.FromSeconds(2));
        _wake.Dispose();
    }
}
