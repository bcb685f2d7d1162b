namespace HlsSwarm.WebRtc.Udp;

/// <summary>The connection was refused, failed or closed while an operation waited on it.</summary>
public sealed class PeerConnectionException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public PeerConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PeerConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without details.</summary>
    public PeerConnectionException()
    {
    }
}
