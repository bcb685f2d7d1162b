namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// Serial number arithmetic for 32-bit TSNs and 16-bit SSNs
/// (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-1.6">RFC 9260 §1.6</see>, RFC 1982).
/// </summary>
internal static class Tsn
{
    /// <summary>a &lt; b in serial arithmetic.</summary>
    public static bool Lt(uint a, uint b) => (int)(a - b) < 0;

    /// <summary>a ≤ b in serial arithmetic.</summary>
    public static bool Le(uint a, uint b) => (int)(a - b) <= 0;

    /// <summary>a &lt; b for 16-bit stream sequence numbers.</summary>
    public static bool SsnLt(ushort a, ushort b) => (short)(a - b) < 0;

    /// <summary>Orders TSNs by serial arithmetic (valid within a 2^31 window).</summary>
    public static readonly IComparer<uint> Comparer = Comparer<uint>.Create((a, b) => (int)(a - b));
}
