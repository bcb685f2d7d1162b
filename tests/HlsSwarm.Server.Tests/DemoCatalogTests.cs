using HlsSwarm.Server.Demo;
using Xunit;

namespace HlsSwarm.Server.Tests;

public sealed class DemoCatalogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hlsswarm-demo-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_committed_demo_loads_with_two_renditions_in_master_order()
    {
        var catalog = DemoCatalog.Load(RunningServer.DemoMediaDirectory);
        Assert.Equal(["360p", "240p"], catalog.Renditions.Select(r => r.Name));
        Assert.All(catalog.Renditions, r => Assert.Equal(60, r.Segments.Count));
        Assert.Null(catalog.Find("../360p"));
    }

    [Fact]
    public void A_missing_master_is_a_clear_error()
    {
        var e = Assert.Throws<InvalidDataException>(() => DemoCatalog.Load(_directory));
        Assert.Contains("master.m3u8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_media_playlist_is_reported_with_file_and_line()
    {
        File.WriteAllText(Path.Combine(_directory, "master.m3u8"), "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na/index.m3u8\n");
        Directory.CreateDirectory(Path.Combine(_directory, "a"));
        File.WriteAllText(Path.Combine(_directory, "a", "index.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:x,\ns.ts\n");
        var e = Assert.Throws<InvalidDataException>(() => DemoCatalog.Load(_directory));
        Assert.Contains("index.m3u8", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside/index.m3u8")]
    [InlineData("a/b/index.m3u8")]
    [InlineData("/etc/index.m3u8")]
    public void Variant_uris_that_leave_the_directory_are_refused(string uri)
    {
        File.WriteAllText(Path.Combine(_directory, "master.m3u8"), $"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n{uri}\n");
        var e = Assert.Throws<InvalidDataException>(() => DemoCatalog.Load(_directory));
        Assert.Contains(uri, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_uris_that_leave_the_directory_are_refused()
    {
        File.WriteAllText(Path.Combine(_directory, "master.m3u8"), "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na/index.m3u8\n");
        Directory.CreateDirectory(Path.Combine(_directory, "a"));
        File.WriteAllText(Path.Combine(_directory, "a", "index.m3u8"),
            "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n../../secret.ts\n#EXT-X-ENDLIST\n");
        var e = Assert.Throws<InvalidDataException>(() => DemoCatalog.Load(_directory));
        Assert.Contains("../../secret.ts", e.Message, StringComparison.Ordinal);
    }
}
