using System.Text;
using System.Text.Json.Nodes;
using HlsSwarm.Protocol.Beacons;

namespace HlsSwarm.Server.Analytics;

/// <summary>A session's stored beacons as a timeline of deltas: bytes, stalls and playing time per beacon step, and its errors.</summary>
internal static class SessionTimeline
{
    /// <summary>Every error of the stored beacons, oldest first, with the time its beacon arrived.</summary>
    public static JsonArray Errors(IReadOnlyList<StoredBeacon> stored, BeaconLimits limits)
    {
        var errors = new JsonArray();
        foreach (var s in stored)
        {
            if (!BeaconReader.TryRead(Encoding.UTF8.GetBytes(s.Body), limits, out var b, out _))
                continue;
            foreach (var e in b!.Errors)
                errors.Add(new JsonObject { ["t"] = s.ReceivedAt.UtcDateTime, ["kind"] = e.Kind, ["message"] = e.Message });
        }

        return errors;
    }

    public static JsonArray Build(IReadOnlyList<StoredBeacon> stored, BeaconLimits limits)
    {
        var steps = new JsonArray();
        Beacon? prev = null;
        foreach (var s in stored)
        {
            if (!BeaconReader.TryRead(Encoding.UTF8.GetBytes(s.Body), limits, out var b, out _))
                continue;
            var errors = new JsonArray();
            foreach (var e in b!.Errors)
                errors.Add(new JsonObject { ["kind"] = e.Kind, ["message"] = e.Message });
            steps.Add(new JsonObject
            {
                ["t"] = s.ReceivedAt.UtcDateTime,
                ["seq"] = b.Seq,
                ["rendition"] = b.Rendition,
                ["http"] = Delta(b.HttpBytes, prev?.HttpBytes),
                ["p2p"] = Delta(b.P2pBytes, prev?.P2pBytes),
                ["uploaded"] = Delta(b.UploadedBytes, prev?.UploadedBytes),
                ["stalls"] = Delta(b.StallCount, prev?.StallCount),
                ["stallMs"] = Delta(b.StallMs, prev?.StallMs),
                ["playingMs"] = Delta(b.PlayingMs, prev?.PlayingMs),
                ["peersConnected"] = b.PeersConnected,
                ["p2pEnabled"] = b.P2pEnabled,
                ["liveLatencyMs"] = b.LiveLatencyMs,
                ["errors"] = errors,
            });
            prev = b;
        }

        return steps;
    }

    private static long Delta(long current, long? previous) =>
        previous is { } p ? (current >= p ? current - p : 0) : current;
}
