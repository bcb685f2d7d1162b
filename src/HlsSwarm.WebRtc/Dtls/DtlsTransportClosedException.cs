namespace HlsSwarm.WebRtc.Dtls;

/// <summary>
/// Raised inside the handshake thread when the transport was closed while BouncyCastle waited for a datagram;
/// never escapes <see cref="DtlsSession"/>.
/// </summary>
internal sealed class DtlsTransportClosedException : IOException
{
    public DtlsTransportClosedException()
        : base("The DTLS transport was closed.")
    {
    }
}
