using HlsSwarm.Hls;
using Xunit;
using static HlsSwarm.Hls.Tests.TestPlaylists;

namespace HlsSwarm.Hls.Tests;

/// <summary>EXT-X-DEFINE and {$name} substitution (rfc8216bis §4.3, §4.4.2.3).</summary>
public class VariableSubstitutionTests
{
    [Fact]
    public void Names_and_query_parameters_are_substituted_in_uri_lines_and_attributes()
    {
        var p = Media(MediaText(
            "#EXT-X-DEFINE:NAME=\"host\",VALUE=\"https://cdn.example.com\"",
            "#EXT-X-DEFINE:QUERYPARAM=\"token\"",
            "#EXT-X-KEY:METHOD=AES-128,URI=\"{$host}/key?t={$token}\"",
            "#EXT-X-MAP:URI=\"{$host}/init.mp4\"",
            "#EXTINF:2,{$not-substituted-in-titles}", "{$host}/seg-1.ts?t={$token}",
            "#EXTINF:2,", "plain-{$}-{x}.ts"), new Uri("https://origin.example.com/p.m3u8?token=a%20b&other=1"));
        Assert.Equal([new VariableDefinition("host", "https://cdn.example.com"), new VariableDefinition("token", "a b", "QUERYPARAM")], p.Definitions);
        Assert.Equal("https://cdn.example.com/key?t=a b", p.Segments[0].Keys[0].Uri);
        Assert.Equal("https://cdn.example.com/init.mp4", p.Segments[0].Map!.Uri);
        Assert.Equal("https://cdn.example.com/seg-1.ts?t=a b", p.Segments[0].Uri);
        Assert.Equal("{$not-substituted-in-titles}", p.Segments[0].Title);
        Assert.Equal("plain-{$}-{x}.ts", p.Segments[1].Uri);
    }

    [Fact]
    public void Unquoted_values_are_not_substituted_like_hlsjs()
    {
        var p = Master("#EXTM3U\n#EXT-X-DEFINE:NAME=\"bw\",VALUE=\"1000\"\n#EXT-X-STREAM-INF:BANDWIDTH={$bw},CODECS=\"{$bw}\"\nv.m3u8\n");
        Assert.Equal(("{$bw}", "1000"), (p.Variants[0].Attributes["BANDWIDTH"], p.Variants[0].Codecs));
    }

    [Fact]
    public void Without_any_define_references_stay_literal()
    {
        var p = Media(MediaText("#EXTINF:2,", "{$a}.ts"));
        Assert.Equal("{$a}.ts", p.Segments[0].Uri);
    }

    [Fact]
    public void Substitution_cannot_grow_a_line_beyond_the_limit()
    {
        var value = new string('x', 1000);
        var text = MediaText($"#EXT-X-DEFINE:NAME=\"v\",VALUE=\"{value}\"", "#EXTINF:2,", string.Concat(Enumerable.Repeat("{$v}", 100)));
        var error = Error(text);
        Assert.Equal((5, PlaylistRules.LimitLine), (error.LineNumber, error.Rule));
    }

    [Fact]
    public void Imports_take_their_values_from_the_master_playlist()
    {
        var master = Master("#EXTM3U\n#EXT-X-DEFINE:NAME=\"auth\",VALUE=\"tok=1\"\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n");
        Assert.True(MediaPlaylistReader.TryRead(MediaText("#EXT-X-DEFINE:IMPORT=\"auth\"", "#EXTINF:2,", "a.ts?{$auth}"), null, master, out var p, out var e), e?.ToString());
        Assert.Equal("a.ts?tok=1", p.Segments[0].Uri);
        Assert.Equal(new VariableDefinition("auth", "tok=1", "IMPORT"), Assert.Single(p.Definitions));
    }

    [Fact]
    public void Hostile_reference_patterns_are_kept_literally_in_linear_time()
    {
        var line = string.Concat(Enumerable.Repeat("{$a", 20000)) + "}";
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var p = Media(MediaText("#EXT-X-DEFINE:NAME=\"a\",VALUE=\"x\"", "#EXTINF:2,", line));
        Assert.True(sw.ElapsedMilliseconds < 1000, $"{sw.ElapsedMilliseconds} ms");
        Assert.EndsWith("{$ax", p.Segments[0].Uri, StringComparison.Ordinal);
        Assert.Equal(line.Length - 3, p.Segments[0].Uri.Length);
    }

    [Fact]
    public void Imported_definitions_are_listed_without_a_value()
    {
        var p = Media(MediaText("#EXT-X-DEFINE:IMPORT=\"auth\"", "#EXTINF:2,", "a.ts"));
        Assert.Equal(new VariableDefinition("auth", null, "IMPORT"), Assert.Single(p.Definitions));
    }
}
