namespace HlsSwarm.Tracker.Tests;

/// <summary>Client messages shaped like p2p-media-loader's (spec §2.2), with short fake SDPs.</summary>
public static class Messages
{
    public const string InfoHash = "xl6WOGtRneL9dH1/MEP1";
    public const string InfoHash2 = "AAAAAAAAAAAAAAAAAAA2";
    public const string PeerA = "-PM0203-AAAAAAAAAAAA";
    public const string PeerB = "-PM0203-BBBBBBBBBBBB";
    public const string PeerC = "-PM0203-CCCCCCCCCCCC";

    public static string OfferId(int i) => $"offer-id-{i:D11}";

    public static string Announce(string infoHash, string peerId, int offers = 0, string? evt = "started", int? numwant = null, string? extra = null)
    {
        var items = string.Join(",", Enumerable.Range(0, offers).Select(i =>
            $"{{\"offer\":{{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no={peerId}-{i}\\r\\n\"}},\"offer_id\":\"{OfferId(i)}\"}}"));
        var evtPart = evt is null ? "" : $",\"event\":\"{evt}\"";
        return $"{{\"numwant\":{numwant ?? offers},\"uploaded\":0,\"downloaded\":0{evtPart},\"action\":\"announce\",\"info_hash\":\"{infoHash}\",\"peer_id\":\"{peerId}\",\"offers\":[{items}]{extra}}}";
    }

    public static string Answer(string infoHash, string from, string to, string offerId, string sdp = "v=0\\r\\na=answer\\r\\n") =>
        $"{{\"action\":\"announce\",\"info_hash\":\"{infoHash}\",\"peer_id\":\"{from}\",\"to_peer_id\":\"{to}\",\"answer\":{{\"type\":\"answer\",\"sdp\":\"{sdp}\"}},\"offer_id\":\"{offerId}\"}}";
}
