using HlsSwarm.WebRtc.Connection;

namespace HlsSwarm.Cli.Bench;

/// <summary>
/// What the sender's SCTP association and the receiver's DTLS did during a loopback transfer: on an idle loopback
/// there should be no retransmissions and no dropped datagrams, so non-zero counts point at the stack or the machine.
/// </summary>
/// <param name="PacketsSent">SCTP packets the sender sent.</param>
/// <param name="FastRetransmissions">Chunks the sender retransmitted after three SACKs reported them missing (RFC 9260 §7.2.4).</param>
/// <param name="T3Expiries">Retransmission-timer expiries at the sender (RFC 9260 §6.3.3).</param>
/// <param name="CongestionWindow">The sender's cwnd at the end, in bytes.</param>
/// <param name="ReceiverDtlsDropped">Datagrams the receiver's DTLS queue dropped (full or oversized).</param>
internal sealed record SctpCounters(long PacketsSent, long FastRetransmissions, long T3Expiries, long CongestionWindow, long ReceiverDtlsDropped)
{
    /// <summary>Reads the sender's side (on its loop thread, through <c>InspectAsync</c>).</summary>
    public static SctpCounters Sender(PeerConnection pc)
    {
        var association = pc.DataChannels?.Association;
        return new SctpCounters(association?.Stats.PacketsSent ?? 0, association?.Stats.FastRetransmissions ?? 0,
            association?.Stats.T3Expiries ?? 0, association?.CongestionWindow ?? 0, 0);
    }

    /// <summary>Reads the receiver's DTLS drops.</summary>
    public static long ReceiverDropped(PeerConnection pc) => pc.DtlsTransport?.DroppedDatagrams ?? 0;

    /// <summary>The counts accumulated since <paramref name="before"/> (cwnd is the latest value).</summary>
    public SctpCounters Since(SctpCounters before) => new(
        PacketsSent - before.PacketsSent,
        FastRetransmissions - before.FastRetransmissions,
        T3Expiries - before.T3Expiries,
        CongestionWindow,
        ReceiverDtlsDropped - before.ReceiverDtlsDropped);
}
