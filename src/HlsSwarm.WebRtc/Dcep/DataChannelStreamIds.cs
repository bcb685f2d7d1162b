namespace HlsSwarm.WebRtc.Dcep;

/// <summary>
/// The stream identifier rule of <see href="https://www.rfc-editor.org/rfc/rfc8832#section-6">RFC 8832 §6</see>: the DTLS
/// client opens channels on even stream ids, the DTLS server on odd ones, so both can open at once without clashing.
/// </summary>
public static class DataChannelStreamIds
{
    /// <summary>The largest usable id: 65535 is reserved (RFC 8831 §6.5 allows 0..65534).</summary>
    public const ushort Max = 65534;

    /// <summary>True when a channel opened by the side with this DTLS role may use <paramref name="streamId"/>.</summary>
    public static bool IsValidFor(bool dtlsClient, ushort streamId) => streamId <= Max && (streamId % 2 == 0) == dtlsClient;

    /// <summary>The first id a side with this DTLS role opens.</summary>
    public static ushort First(bool dtlsClient) => dtlsClient ? (ushort)0 : (ushort)1;
}
