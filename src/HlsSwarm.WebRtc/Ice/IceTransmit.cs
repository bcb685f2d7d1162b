using System.Net;

namespace HlsSwarm.WebRtc.Ice;

/// <summary>A STUN datagram the driver must send from <see cref="LocalSocket"/> to <see cref="Destination"/>.</summary>
/// <param name="LocalSocket">The host candidate's address (the socket the driver bound) to send from.</param>
/// <param name="Destination">Where to send it.</param>
/// <param name="Payload">The datagram.</param>
public readonly record struct IceTransmit(IPEndPoint LocalSocket, IPEndPoint Destination, ReadOnlyMemory<byte> Payload);
