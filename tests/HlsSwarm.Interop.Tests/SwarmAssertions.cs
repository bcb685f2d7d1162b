using System.Globalization;
using HlsSwarm.Engine.Streams;
using HlsSwarm.Testing;
using Xunit;

namespace HlsSwarm.Interop.Tests;

/// <summary>What every healthy browser swarm run must show; each failure names the viewer and the numbers.</summary>
internal static class SwarmAssertions
{
    /// <summary>
    /// Largest demo segment (360p, 194 768 bytes) rounded up. The origin may count a segment the page never counted:
    /// a request the loader aborted after the origin had written it (hls.js seeking at a live start), or one in
    /// flight when the run cuts the viewers off. At most one such segment per viewer is allowed.
    /// </summary>
    public const long LargestSegmentBytes = 200_000;

    /// <summary>
    /// Every info_hash the real browsers announced to the tracker is one that our C# (<see cref="SwarmStreamCatalog"/>,
    /// what <c>hlsswarm inspect</c> prints) computes for the master playlist they loaded: the native peer would join the
    /// browsers' swarms.
    /// </summary>
    public static void AssertAnnouncedSwarmsAreOurs(SwarmOutcome run, string context)
    {
        var catalog = SwarmStreamCatalog.FromManifest(run.MasterPlaylist, run.MasterUrl);
        var ours = catalog.Streams.ToDictionary(s => s.Identity.InfoHash, s => s.PlaylistUrl);
        string swarms = string.Join(", ", run.TrackerSwarms.Select(p => $"{p.Key} ({p.Value} peers)"));
        string expected = string.Join(", ", ours.Select(p => $"{p.Key} = {p.Value}"));
        Assert.True(run.TrackerSwarms.Count > 0, $"the tracker lists no swarm at the end of the run{context}");
        foreach (string hash in run.TrackerSwarms.Keys)
        {
            Assert.True(ours.ContainsKey(hash),
                $"browsers announced info_hash {hash}, which is none of ours ({expected}); tracker: {swarms}{context}");
        }
    }

    public static void AssertHealthy(SwarmOutcome run, double minRatio)
    {
        string context = $"\n{run.Summary()}\n{run.Describe()}\nserver:\n{run.ServerOutputTail}";

        Assert.True(run.Viewers.Count == run.Spec.Viewers, $"{run.Viewers.Count} of {run.Spec.Viewers} viewers opened{context}");
        AssertAnnouncedSwarmsAreOurs(run, context);
        foreach (ViewerOutcome v in run.Viewers)
        {
            Assert.True(v.Failure is null, $"viewer {v.Index}: {v.Failure}{context}");
            Assert.True(v.BeforeCut.StartupMs is not null, $"viewer {v.Index} never started playing{context}");
            Assert.True(v.BeforeCut.Playing, $"viewer {v.Index} was not playing at the end{context}");
            Assert.True(v.BeforeCut.ErrorCount == 0, $"viewer {v.Index} reported errors {v.BeforeCut.Errors}{context}");
            // No stall at all after the first frame: measured 0 in every run on this machine, so no tolerance.
            Assert.True(v.BeforeCut.Stalls == 0, $"viewer {v.Index} stalled {v.BeforeCut.Stalls} times ({v.BeforeCut.StallMs} ms){context}");
            Assert.True(v.Final.P2pDownloadedBytes > 0, $"viewer {v.Index} received nothing from peers{context}");
            Assert.True(v.Final.ConnectedPeers > 0, $"viewer {v.Index} has no peer connection{context}");
        }

        // Every byte one browser received from a peer another browser sent: the sums agree. Measured equal to the
        // byte; 1 % covers a chunk in flight between two samples taken a few ms apart.
        double down = run.P2pDownloaded, up = run.P2pUploaded;
        Assert.True(Math.Abs(up - down) <= 0.01 * down,
            string.Create(CultureInfo.InvariantCulture, $"P2P uploaded {up:0} vs downloaded {down:0}{context}"));

        Assert.True(run.P2pRatio >= minRatio,
            string.Create(CultureInfo.InvariantCulture, $"total P2P ratio {run.P2pRatio:0.000} < {minRatio}{context}"));

        // The origin's segment counter for this stream against the segment bytes the viewers' loaders counted over
        // HTTP (playlists are fetched by hls.js itself and counted by neither side: compare segments only).
        long http = (long)run.HttpDownloaded;
        long extra = run.OriginSegmentBytes - http;
        Assert.True(extra >= 0 && extra <= run.Spec.Viewers * LargestSegmentBytes,
            $"origin served {run.OriginSegmentBytes} segment bytes, viewers counted {http} over HTTP (difference {extra}, allowed 0..{run.Spec.Viewers * LargestSegmentBytes}){context}");
    }
}
