namespace HlsSwarm.Chromium;

/// <summary>How Chromium writes its WebRTC host candidates.</summary>
public enum HostCandidates
{
    /// <summary>Chromium's default: host addresses hidden behind <c>&lt;uuid&gt;.local</c> mDNS names, as in the wild.</summary>
    Mdns,

    /// <summary><c>--disable-features=WebRtcHideLocalIpsWithMdns</c>: the candidate carries the IP literal.</summary>
    IpLiterals,
}
