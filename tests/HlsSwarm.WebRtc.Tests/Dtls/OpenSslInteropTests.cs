using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HlsSwarm.WebRtc.Dtls;
using Org.BouncyCastle.Security;
using Xunit;
using Xunit.Abstractions;

namespace HlsSwarm.WebRtc.Tests.Dtls;

/// <summary>
/// Differential check against another DTLS 1.2 implementation: OpenSSL's <c>s_server</c>/<c>s_client</c> (the
/// machine's <c>/usr/bin/openssl</c>, the same family as Chrome's BoringSSL) over UDP on 127.0.0.1, each side with
/// a self-signed ECDSA P-256 certificate, our side checking OpenSSL's by fingerprint.
/// </summary>
public sealed class OpenSslInteropTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("hlsswarm-dtls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Our_client_connects_to_openssl_s_server_that_requires_a_client_certificate()
    {
        var fingerprint = MakeOpenSslCertificate();
        var port = FreeUdpPort();
        using var openssl = OpenSsl.Start(_dir, $"s_server -dtls1_2 -accept {port} -cert peer.pem -key peer.key -Verify 1 -cipher ECDHE-ECDSA-AES128-GCM-SHA256");
        WaitListening(openssl);
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Connect(IPAddress.Loopback, port);
        using var session = new DtlsSession(DtlsRole.Client, Certificate(), [fingerprint], new SecureRandom());
        session.Start();

        var events = Drive(session, udp, until: s => s.State != DtlsState.Handshaking);
        Assert.Equal(DtlsState.Connected, session.State);
        Assert.Equal(fingerprint, events.Single(e => e.Kind == DtlsEventKind.Connected).RemoteFingerprint);
        Assert.True(session.Send("hello from C#\n"u8));
        openssl.Input.WriteLine("hello from openssl");
        openssl.Input.Flush();
        events = Drive(session, udp, until: _ => openssl.Output.Contains("hello from C#", StringComparison.Ordinal), also: events);
        events = Drive(session, udp, until: _ => events.Any(e => e.Kind == DtlsEventKind.ApplicationData), also: events);
        output.WriteLine(openssl.Output);
        Assert.Contains("hello from C#", openssl.Output, StringComparison.Ordinal);
        Assert.Contains("CIPHER is ECDHE-ECDSA-AES128-GCM-SHA256", openssl.Output, StringComparison.Ordinal);
        Assert.Equal("hello from openssl\n", Encoding.UTF8.GetString(events.First(e => e.Kind == DtlsEventKind.ApplicationData).Data!));
    }

    [Fact]
    public void Openssl_s_client_connects_to_our_server_with_extended_master_secret()
    {
        var fingerprint = MakeOpenSslCertificate();
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
        using var session = new DtlsSession(DtlsRole.Server, Certificate(), [fingerprint], new SecureRandom());
        session.Start();
        using var openssl = OpenSsl.Start(_dir, $"s_client -dtls1_2 -connect 127.0.0.1:{port} -cert peer.pem -key peer.key");

        var events = Drive(session, udp, until: s => s.State != DtlsState.Handshaking);
        Assert.Equal(DtlsState.Connected, session.State);
        Assert.Equal(fingerprint, events.Single(e => e.Kind == DtlsEventKind.Connected).RemoteFingerprint);
        openssl.Input.WriteLine("hello from openssl");
        openssl.Input.Flush();
        Assert.True(session.Send("hello from C#\n"u8));
        events = Drive(session, udp, until: _ => events.Any(e => e.Kind == DtlsEventKind.ApplicationData) && openssl.Output.Contains("hello from C#", StringComparison.Ordinal), also: events);
        output.WriteLine(openssl.Output);
        Assert.Contains("Extended master secret: yes", openssl.Output, StringComparison.Ordinal);
        Assert.Contains("Cipher is ECDHE-ECDSA-AES128-GCM-SHA256", openssl.Output, StringComparison.Ordinal);
        Assert.Contains("hello from C#", openssl.Output, StringComparison.Ordinal);
        Assert.Equal("hello from openssl\n", Encoding.UTF8.GetString(events.First(e => e.Kind == DtlsEventKind.ApplicationData).Data!));

        // Closing s_client's input makes it send close_notify.
        openssl.Input.Close();
        events = Drive(session, udp, until: s => s.State != DtlsState.Connected, also: events);
        Assert.Equal(DtlsState.Closed, session.State);
    }

    [Fact]
    public void Our_client_rejects_an_openssl_certificate_not_in_the_sdp_and_tells_openssl()
    {
        MakeOpenSslCertificate();
        var port = FreeUdpPort();
        using var openssl = OpenSsl.Start(_dir, $"s_server -dtls1_2 -accept {port} -cert peer.pem -key peer.key -Verify 1");
        WaitListening(openssl);
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Connect(IPAddress.Loopback, port);
        using var session = new DtlsSession(DtlsRole.Client, Certificate(), [DtlsFingerprint.FromCertificate("not openssl's"u8)], new SecureRandom());
        session.Start();

        var events = Drive(session, udp, until: s => s.State != DtlsState.Handshaking);
        Assert.Equal(DtlsState.Failed, session.State);
        Assert.Equal(DtlsFailure.FingerprintMismatch, events.Single(e => e.Kind == DtlsEventKind.Failed).Failure);
        Assert.True(SpinWait.SpinUntil(() => openssl.Output.Contains("alert bad certificate", StringComparison.Ordinal), Timeout), openssl.Output);
    }

    private static DtlsCertificate Certificate() => DtlsCertificate.Generate(new SecureRandom(), DateTimeOffset.UtcNow);

    private DtlsFingerprint MakeOpenSslCertificate()
    {
        using (var req = OpenSsl.Start(_dir, "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout peer.key -out peer.pem -days 2 -subj /CN=openssl"))
        {
            Assert.True(req.Process.WaitForExit(Timeout), "openssl req did not finish");
        }

        var der = Convert.FromBase64String(string.Concat(File.ReadAllLines(Path.Combine(_dir, "peer.pem")).Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        return DtlsFingerprint.FromCertificate(der);
    }

    // s_server prints ACCEPT once its socket is bound. A fixed 300 ms sleep was not enough on a loaded machine: our
    // ClientHello then met a closed port, and the ICMP error surfaced as "Connection refused" from ReceiveFrom.
    private static void WaitListening(OpenSsl server) =>
        Assert.True(SpinWait.SpinUntil(() => server.Output.Contains("ACCEPT", StringComparison.Ordinal), Timeout), "s_server did not start listening: " + server.Output);

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>A minimal UDP driver: datagrams both ways and events, until the condition holds or 10 s pass.</summary>
    private static List<DtlsEvent> Drive(DtlsSession session, Socket udp, Func<DtlsSession, bool> until, List<DtlsEvent>? also = null)
    {
        var events = also ?? [];
        var buffer = new byte[2048];
        EndPoint remote = new IPEndPoint(IPAddress.Any, 0);
        var sw = Stopwatch.StartNew();
        while (!until(session) && sw.Elapsed < Timeout)
        {
            while (udp.Poll(1000, SelectMode.SelectRead))
            {
                int n;
                try
                {
                    n = udp.ReceiveFrom(buffer, ref remote);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    // An ICMP port unreachable for an earlier datagram (the peer was not listening yet): DTLS
                    // retransmits its flight (RFC 6347 §4.2.4), so this is not the end of the handshake.
                    continue;
                }

                if (!udp.Connected)
                {
                    udp.Connect(remote);
                }

                session.HandlePacket(buffer.AsSpan(0, n));
            }

            while (session.TryPollTransmit(buffer, out var m))
            {
                try
                {
                    if (udp.Connected)
                    {
                        udp.Send(buffer.AsSpan(0, m));
                    }
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    // The same pending ICMP error, reported by the next send instead; this datagram is lost like any other.
                }
            }

            while (session.TryPollEvent(out var e))
            {
                events.Add(e);
            }
        }

        // The event of the state change that ended the loop is already queued.
        while (session.TryPollEvent(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    private sealed class OpenSsl : IDisposable
    {
        private readonly StringBuilder _output = new();

        private OpenSsl(Process process) => Process = process;

        public Process Process { get; }

        public StreamWriter Input => Process.StandardInput;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static OpenSsl Start(string directory, string arguments)
        {
            var info = new ProcessStartInfo("openssl", arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var process = new Process { StartInfo = info };
            var openssl = new OpenSsl(process);
            process.OutputDataReceived += (_, e) => openssl.Append(e.Data);
            process.ErrorDataReceived += (_, e) => openssl.Append(e.Data);
            Assert.True(process.Start(), "openssl must be installed (/usr/bin/openssl)");
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return openssl;
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit(2000);
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
