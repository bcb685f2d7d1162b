namespace HlsSwarm.Cli.Bench;

/// <summary>One virtual-network case: our SCTP/DCEP cores over two Netem links in virtual time.</summary>
/// <param name="RttMs">Round-trip time (half of it each way).</param>
/// <param name="LossPercent">Uniform loss on each direction.</param>
/// <param name="Mbps">Payload acknowledged to the sender in the measured window, per virtual second.</param>
/// <param name="Retransmissions">SCTP retransmissions by the sender (fast + T3 timeouts) over the whole run.</param>
/// <param name="RealSeconds">Wall-clock time the case took to simulate.</param>
internal sealed record VirtualNetworkResult(int RttMs, double LossPercent, double Mbps, long Retransmissions, double RealSeconds);
