using System.Text;
using HlsSwarm.Hls;
using Xunit;

namespace HlsSwarm.Hls.Tests;

/// <summary>Parses hostile input and touches every computed member of the result, so that no lazy accessor throws either.</summary>
internal static class PlaylistWalker
{
    public static readonly Uri Base = new("https://cdn.example.com/a/b/index.m3u8?x=1");

    /// <summary>Parses <paramref name="text"/> as a string, a span and UTF-8; all three must agree and none may throw.</summary>
    public static void ParseAnything(string text)
    {
        var ok = PlaylistParser.TryParse(text, Base, out var playlist, out var error);
        Assert.True(ok == (playlist is not null) && ok == (error is null), "exactly one of playlist and error");
        if (ok)
            Walk(playlist!);
        else
        {
            Assert.False(string.IsNullOrEmpty(error!.Rule));
            Assert.DoesNotContain('\n', error.ToString());
            Assert.True(error.Line.Length <= 201);
        }
        var okBytes = PlaylistParser.TryParse(Encoding.UTF8.GetBytes(text), Base, null, out var fromBytes, out var bytesError);
        // UTF-8 round trip changes lone surrogates into U+FFFD, which may change the outcome; only compare clean text.
        if (Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) == text)
        {
            Assert.Equal(ok, okBytes);
            Assert.Equal(error, bytesError);
            if (ok)
                Assert.Equal(playlist!.GetType(), fromBytes!.GetType());
        }
        _ = MediaPlaylistReader.TryRead(text, out _, out _);
        _ = MasterPlaylistReader.TryRead(text, out _, out _);
    }

    public static void Walk(Playlist playlist)
    {
        foreach (var w in playlist.Warnings)
            _ = w.ToString();
        foreach (var d in playlist.Definitions)
            _ = d.ToString();
        switch (playlist)
        {
            case MediaPlaylist m:
                for (var i = 0; i < m.Segments.Count; i++)
                {
                    var s = m.Segments[i];
                    _ = (s.ResolvedUri, s.Map?.ResolvedUri, s.Map?.Uri, m.SegmentId(i));
                    foreach (var k in s.Keys)
                        Touch(k);
                    foreach (var p in s.Parts)
                        _ = (p.ResolvedUri, p.Independent, p.Gap);
                }
                foreach (var p in m.TrailingParts)
                    _ = p.ResolvedUri;
                foreach (var h in m.PreloadHints)
                    _ = (h.ResolvedUri, h.ByteRangeLength, h.ByteRangeStart, h.Type);
                foreach (var r in m.RenditionReports)
                    _ = (r.ResolvedUri, r.LastMediaSequenceNumber, r.LastPart);
                foreach (var d in m.DateRanges)
                    _ = (d.StartDate, d.EndDate, d.Duration, d.PlannedDuration, d.Id, d.Class, d.EndOnNext);
                _ = m.ProgramDateTimes();
                _ = (m.ServerControl?.CanSkipUntil, m.ServerControl?.HoldBack, m.ServerControl?.PartHoldBack, m.TotalDuration);
                _ = MediaPlaylistWriter.Write(m);
                break;
            case MasterPlaylist m:
                foreach (var v in m.Variants.Concat(m.IFrameStreams))
                {
                    _ = (v.ResolvedUri, v.Bandwidth, v.AverageBandwidth, v.ResolutionValue, v.FrameRateValue, v.Score, v.Codecs);
                    _ = v.Attributes.ToString();
                }
                foreach (var r in m.Renditions)
                    _ = (r.ResolvedUri, r.Default, r.AutoSelect, r.Forced, r.Name, r.Type, r.GroupId);
                foreach (var k in m.SessionKeys)
                    Touch(k);
                foreach (var d in m.SessionData)
                    _ = d.ResolvedUri;
                _ = m.ContentSteering?.ResolvedServerUri;
                _ = MasterPlaylistWriter.Write(m);
                break;
        }
    }

    private static void Touch(EncryptionKey k) => _ = (k.ResolvedUri, k.IvBytes, k.KeyFormat, k.Method);
}
