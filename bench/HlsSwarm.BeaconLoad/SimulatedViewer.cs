using HlsSwarm.Protocol.Beacons;

namespace HlsSwarm.BeaconLoad;

/// <summary>One simulated viewer: cumulative counters that grow like a 1 Mbit/s player's, as beacon bodies.</summary>
internal sealed class SimulatedViewer(string sessionId, string stream, string peerId, Random random)
{
    private long _seq;
    private long _http;
    private long _p2p;
    private long _uploaded;
    private long _playing;

    public string SessionId { get; } = sessionId;
    public string PeerId { get; } = peerId;

    /// <summary>The next beacon, 5 s of playback later; <paramref name="partners"/> are peers it exchanged bytes with.</summary>
    public byte[] NextBeacon(IReadOnlyList<string> partners)
    {
        _seq++;
        _http += random.Next(100_000, 300_000);
        _p2p += random.Next(0, 400_000);
        _uploaded += random.Next(0, 200_000);
        _playing += 5000;
        return BeaconWriter.ToUtf8(new Beacon
        {
            SessionId = SessionId,
            Seq = _seq,
            ClientKind = BeaconClientKind.Web,
            ClientVersion = "load",
            Stream = stream,
            Rendition = _seq % 2 == 0 ? "640x360 800000" : "426x240 400000",
            PeerId = PeerId,
            P2pEnabled = true,
            Group = (SessionId.Length & 1) == 0 ? BeaconGroup.P2p : BeaconGroup.Control,
            HttpBytes = _http,
            P2pBytes = _p2p,
            UploadedBytes = _uploaded,
            PeersConnected = partners.Count,
            PeerAttempts = _seq,
            Failures = [new BeaconFailureCount("timeout", _seq / 3)],
            Transfers = [.. partners.Select((p, i) => new BeaconTransfer(p, _seq * 1000 * (i + 1), _seq * 500))],
            StartupMs = 700,
            StallCount = _seq / 10,
            StallMs = _seq / 10 * 400,
            PlayingMs = _playing,
            LiveLatencyMs = 6000,
            Metered = false,
        });
    }
}
