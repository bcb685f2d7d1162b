namespace HlsSwarm.Server;

/// <summary>The certificate Kestrel presents on <c>https://</c> URLs.</summary>
/// <param name="Path">A PKCS#12 file (<c>.pfx</c>/<c>.p12</c>) or a PEM certificate (<c>.pem</c>/<c>.crt</c>).</param>
/// <param name="Password">Password of the PKCS#12 file, or of an encrypted PEM key; null when none.</param>
/// <param name="KeyPath">PEM private key file; null when the key is in <paramref name="Path"/> (PEM) or the file is PKCS#12.</param>
public sealed record TlsCertificateOptions(string Path, string? Password = null, string? KeyPath = null);
