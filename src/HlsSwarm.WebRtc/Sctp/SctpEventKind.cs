namespace HlsSwarm.WebRtc.Sctp;

/// <summary>What an <see cref="SctpEvent"/> reports.</summary>
public enum SctpEventKind
{
    /// <summary>The association is established.</summary>
    Connected,

    /// <summary>A message arrived (<see cref="SctpEvent.Message"/>).</summary>
    Message,

    /// <summary>The peer reset its outgoing streams (<see cref="SctpEvent.Streams"/>): our incoming side restarted.</summary>
    IncomingStreamsReset,

    /// <summary>Our outgoing reset of <see cref="SctpEvent.Streams"/> completed.</summary>
    OutgoingStreamsReset,

    /// <summary>The association ended: gracefully, by ABORT, or after too many retransmissions (<see cref="SctpEvent.Reason"/>).</summary>
    Closed,
}
