using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HlsSwarm.Server;

/// <summary>Loads the HTTPS certificate named by <see cref="TlsCertificateOptions"/>.</summary>
public static class ServerCertificate
{
    /// <summary>
    /// Loads a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>) or a PEM certificate with its key (in the same file or in
    /// <see cref="TlsCertificateOptions.KeyPath"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is missing or cannot be loaded; the message says which and why.</exception>
    public static X509Certificate2 Load(TlsCertificateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.Path))
            throw new InvalidDataException($"certificate file '{options.Path}' not found");
        if (options.KeyPath is not null && !File.Exists(options.KeyPath))
            throw new InvalidDataException($"certificate key file '{options.KeyPath}' not found");
        try
        {
            var extension = Path.GetExtension(options.Path).ToLowerInvariant();
            if (extension is ".pfx" or ".p12")
                return X509CertificateLoader.LoadPkcs12FromFile(options.Path, options.Password);
            return options.Password is null
                ? X509Certificate2.CreateFromPemFile(options.Path, options.KeyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(options.Path, options.Password, options.KeyPath);
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException($"cannot load certificate '{options.Path}': {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"cannot load certificate '{options.Path}': {e.Message}", e);
        }
    }
}
