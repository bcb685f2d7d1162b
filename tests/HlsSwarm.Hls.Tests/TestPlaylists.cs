using HlsSwarm.Hls;
using Xunit;

namespace HlsSwarm.Hls.Tests;

/// <summary>Loads TestData playlists and parses them, failing the test with the parser's error.</summary>
internal static class TestPlaylists
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    public static IEnumerable<string> Names() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData"), "*.m3u8").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static MediaPlaylist Media(string text, Uri? uri = null)
    {
        Assert.True(PlaylistParser.TryParse(text, uri, out var p, out var e), e?.ToString());
        return Assert.IsType<MediaPlaylist>(p);
    }

    public static MasterPlaylist Master(string text, Uri? uri = null)
    {
        Assert.True(PlaylistParser.TryParse(text, uri, out var p, out var e), e?.ToString());
        return Assert.IsType<MasterPlaylist>(p);
    }

    public static PlaylistError Error(string text, Uri? uri = null)
    {
        Assert.False(PlaylistParser.TryParse(text, uri, out var p, out var e), "parsed, but an error was expected");
        Assert.Null(p);
        return e!;
    }

    /// <summary>"#EXTM3U\n#EXT-X-TARGETDURATION:10\n" + lines joined by LF.</summary>
    public static string MediaText(params string[] lines) => "#EXTM3U\n#EXT-X-TARGETDURATION:10\n" + string.Join("\n", lines) + "\n";
}
