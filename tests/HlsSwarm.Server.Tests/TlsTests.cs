using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HlsSwarm.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HlsSwarm.Server.Tests;

public sealed class TlsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hlsswarm-tls-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (string CertPath, string KeyPath, string PfxPath) WriteSelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(_directory, "cert.pem");
        var keyPath = Path.Combine(_directory, "key.pem");
        var pfxPath = Path.Combine(_directory, "cert.pfx");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(pfxPath, certificate.Export(X509ContentType.Pfx, "pw"));
        return (certPath, keyPath, pfxPath);
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("pfx")]
    public async Task Https_serves_the_demo_with_the_given_certificate(string kind)
    {
        var (cert, key, pfx) = WriteSelfSignedCertificate();
        var tls = kind == "pem" ? new TlsCertificateOptions(cert, null, key) : new TlsCertificateOptions(pfx, "pw");
        var app = HlsSwarmServer.Build(new ServerOptions { Urls = ["https://127.0.0.1:0"], Certificate = tls }, []);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Assert.StartsWith("https://", address, StringComparison.Ordinal);
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, _) => c!.Subject == "CN=127.0.0.1" };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(address) };
            using var response = await client.GetAsync("/demo/vod/master.m3u8");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(DemoFiles.Read("master.m3u8"), await response.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public void A_wrong_pfx_password_is_a_clear_error()
    {
        var (_, _, pfx) = WriteSelfSignedCertificate();
        var e = Assert.Throws<InvalidDataException>(() => ServerCertificate.Load(new TlsCertificateOptions(pfx, "wrong")));
        Assert.Contains(pfx, e.Message, StringComparison.Ordinal);
    }
}
