namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// Retransmission timeout from RTT measurements
/// (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-6.3.1">RFC 9260 §6.3.1</see>): SRTT and RTTVAR with
/// RTO.Alpha = 1/8 and RTO.Beta = 1/4, clamped to [RTO.Min, RTO.Max], doubled on each T3-rtx expiry (§6.3.3 E2).
/// All values are <see cref="TimeSpan"/> ticks.
/// </summary>
public sealed class SctpRtoEstimator
{
    private readonly long min;
    private readonly long max;
    private bool measured;

    /// <summary>Starts at RTO.Initial.</summary>
    public SctpRtoEstimator(TimeSpan initial, TimeSpan min, TimeSpan max)
    {
        this.min = min.Ticks;
        this.max = max.Ticks;
        Rto = Math.Clamp(initial.Ticks, this.min, this.max);
    }

    /// <summary>Current RTO in ticks.</summary>
    public long Rto { get; private set; }

    /// <summary>Smoothed RTT in ticks (0 until the first measurement).</summary>
    public long Srtt { get; private set; }

    /// <summary>RTT variation in ticks.</summary>
    public long RttVar { get; private set; }

    /// <summary>Adds a measurement (RFC 9260 §6.3.1 C1-C3).</summary>
    public void Measure(long rtt)
    {
        rtt = Math.Max(rtt, 0);
        if (!measured)
        {
            measured = true;
            Srtt = rtt;
            RttVar = rtt / 2;
        }
        else
        {
            RttVar = ((3 * RttVar) + Math.Abs(Srtt - rtt)) / 4;
            Srtt = ((7 * Srtt) + rtt) / 8;
        }

        // G (clock granularity) is 1 tick here, so RTTVAR is used as is.
        Rto = Math.Clamp(Srtt + (4 * RttVar), min, max);
    }

    /// <summary>Doubles the RTO after a T3-rtx expiry (RFC 9260 §6.3.3 E2).</summary>
    public void Backoff() => Rto = Math.Min(Rto * 2, max);
}
