using System.Net;

namespace HlsSwarm.WebRtc.Connection;

/// <summary>
/// One datagram from <see cref="PeerConnection.TryPollTransmit"/>: its bytes are the first <see cref="Length"/> bytes
/// of the caller's buffer; send them from the socket bound to <see cref="LocalSocket"/> to <see cref="Destination"/>.
/// </summary>
/// <param name="Length">Bytes written into the caller's buffer.</param>
/// <param name="LocalSocket">The local address (a host candidate) to send from.</param>
/// <param name="Destination">Where to send.</param>
public readonly record struct PeerTransmit(int Length, IPEndPoint LocalSocket, IPEndPoint Destination);
