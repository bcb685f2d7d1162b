using HlsSwarm.WebRtc.Dtls;

namespace HlsSwarm.WebRtc.Sdp;

/// <summary>
/// Offer/answer for one data channel, as browsers do it (<see href="https://www.rfc-editor.org/rfc/rfc3264">RFC 3264</see>,
/// <see href="https://www.rfc-editor.org/rfc/rfc8829">JSEP, RFC 8829</see>): one bundled <c>m=application</c>
/// section with mid <c>0</c>, the offerer <c>actpass</c>, the answerer choosing its DTLS role by
/// <see href="https://www.rfc-editor.org/rfc/rfc8842#section-5.3">RFC 8842 §5.3</see>.
/// </summary>
public static class SdpNegotiation
{
    /// <summary>The mid of the single data-channel section (what Chrome and Firefox use).</summary>
    public const string DataMid = "0";

    /// <summary>
    /// Our offer: <c>a=setup:actpass</c> (RFC 8842 §5.2, the offerer must offer it), BUNDLE over mid 0, no
    /// <c>a=ice-options:trickle</c> (all candidates are inside, spec §3), <c>a=end-of-candidates</c>.
    /// </summary>
    public static SessionDescription CreateOffer(SdpLocalParameters local)
    {
        ArgumentNullException.ThrowIfNull(local);
        return Describe(local, SctpMediaProtocol.UdpDtlsSctp, DataMid, [DataMid], DtlsSetup.ActPass);
    }

    /// <summary>
    /// Our answer to <paramref name="offer"/>: same mid, bundle and media form, and the setup role of
    /// RFC 8842 §5.3: <c>active</c> to <c>actpass</c> (as browsers do) and to <c>passive</c>, <c>passive</c> to <c>active</c>.
    /// </summary>
    public static SessionDescription CreateAnswer(SessionDescription offer, SdpLocalParameters local)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        var setup = offer.Setup == DtlsSetup.Active ? DtlsSetup.Passive : DtlsSetup.Active;
        var bundle = offer.BundleGroup.Count > 0 && offer.Mid is not null ? new[] { offer.Mid } : [];
        return Describe(local, offer.Protocol, offer.Mid, bundle, setup);
    }

    /// <summary>
    /// Our DTLS role once both descriptions are known: <c>active</c> is the client. Fails (returns
    /// <see langword="false"/>) when the two setups do not pair up, e.g. an answer that says <c>actpass</c>, or
    /// both sides <c>active</c> (RFC 8842 §5.3).
    /// </summary>
    public static bool TryResolveDtlsRole(DtlsSetup local, DtlsSetup remote, out DtlsRole role)
    {
        (var ok, role) = (local, remote) switch
        {
            (DtlsSetup.Active, DtlsSetup.Passive or DtlsSetup.ActPass) => (true, DtlsRole.Client),
            (DtlsSetup.Passive, DtlsSetup.Active or DtlsSetup.ActPass) => (true, DtlsRole.Server),
            (DtlsSetup.ActPass, DtlsSetup.Active) => (true, DtlsRole.Server),
            (DtlsSetup.ActPass, DtlsSetup.Passive) => (true, DtlsRole.Client),
            _ => (false, DtlsRole.Client),
        };
        return ok;
    }

    private static SessionDescription Describe(SdpLocalParameters local, SctpMediaProtocol protocol, string? mid, string[] bundle, DtlsSetup setup) => new()
    {
        SessionId = local.SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        SessionVersion = 2,
        BundleGroup = bundle,
        Protocol = protocol,
        MediaPort = local.MediaPort,
        ConnectionAddress = local.ConnectionAddress,
        Mid = mid,
        IceUfrag = local.IceUfrag,
        IcePwd = local.IcePwd,
        Fingerprints = [local.Fingerprint],
        Setup = setup,
        SctpPort = local.SctpPort,
        MaxMessageSize = local.MaxMessageSize,
        Candidates = local.Candidates,
        EndOfCandidates = true,
    };
}
