using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static HlsSwarm.Hls.Tests.PlaylistWalker;

namespace HlsSwarm.Hls.Tests;

/// <summary>Hostile input: the parser returns a playlist or an error, never an exception (style.md convention 5).</summary>
public class FuzzTests
{
    private static readonly string[] Corpus = [.. TestPlaylists.Names().Select(TestPlaylists.Text), .. HlsJsDifferentialTests.MasterCorpus,
        TestPlaylists.MediaText("#EXT-X-DEFINE:NAME=\"v\",VALUE=\"x\"", "#EXT-X-KEY:METHOD=AES-128,URI=\"{$v}.key\",IV=0x000102030405060708090A0B0C0D0E0F",
            "#EXT-X-MAP:URI=\"i.mp4\",BYTERANGE=\"10@0\"", "#EXT-X-BYTERANGE:5@0", "#EXTINF:2,t", "{$v}.ts", "#EXT-X-BYTERANGE:5", "#EXTINF:2,", "{$v}.ts",
            "#EXT-X-DATERANGE:ID=\"a\",START-DATE=\"2020-01-01T00:00:00Z\"", "#EXT-X-PROGRAM-DATE-TIME:2020-01-01T00:00:00Z", "#EXT-X-GAP",
            "#EXT-X-BITRATE:5", "#EXTINF:2,", "x.ts", "#EXT-X-ENDLIST")];

    // Fragments that make random lines look like playlist lines, so that mutations reach the tag readers.
    private static readonly string[] Vocabulary =
    [
        "#EXTM3U", "#EXTINF:", "#EXT-X-TARGETDURATION:", "#EXT-X-MEDIA-SEQUENCE:", "#EXT-X-BYTERANGE:", "#EXT-X-KEY:", "#EXT-X-MAP:",
        "#EXT-X-STREAM-INF:", "#EXT-X-MEDIA:", "#EXT-X-PART:", "#EXT-X-SKIP:", "#EXT-X-DEFINE:", "#EXT-X-DATERANGE:", "#EXT-X-PROGRAM-DATE-TIME:",
        "#EXT-X-PRELOAD-HINT:", "#EXT-X-RENDITION-REPORT:", "#EXT-X-I-FRAME-STREAM-INF:", "#EXT-X-SESSION-KEY:", "#EXT-X-START:",
        "METHOD=", "AES-128", "NONE", "URI=", "\"", ",", "=", "@", "0x", "1", "99999999999999999999", "-", ".", "BYTERANGE=", "DURATION=",
        "BANDWIDTH=", "TYPE=AUDIO", "GROUP-ID=", "NAME=", "{$", "}", "a.ts", "../", "//", "?", "\n", "\r\n", " ", "\uFEFF", "é", "SKIPPED-SEGMENTS=",
        "QUERYPARAM=", "IMPORT=", "VALUE=", "IV=", "TIME-OFFSET=", "2020-01-01T00:00:00Z", "#EXT-X-ENDLIST", "#EXT-X-DISCONTINUITY",
    ];

    public static Arbitrary<string> PlaylistLike() =>
        Gen.Elements(Vocabulary).ListOf().Select(parts => "#EXTM3U\n" + string.Concat(parts)).ToArbitrary();

    [Property(MaxTest = 300)]
    public void Random_text_never_throws(string text) => ParseAnything(text ?? "");

    [Property(MaxTest = 300)]
    public void Random_text_after_the_header_never_throws(string text) => ParseAnything("#EXTM3U\n" + text);

    [Property(MaxTest = 1000, Arbitrary = [typeof(FuzzTests)])]
    public void Random_playlist_like_text_never_throws(string text) => ParseAnything(text);

    [Property(MaxTest = 500)]
    public void Character_flips_never_throw(int which, int position, char value)
    {
        var text = Corpus[(int)((uint)which % Corpus.Length)].ToCharArray();
        text[(int)((uint)position % text.Length)] = value;
        ParseAnything(new string(text));
    }

    [Property(MaxTest = 500)]
    public void Line_deletion_and_duplication_never_throw(int which, int line, bool duplicate, int times)
    {
        var lines = Corpus[(int)((uint)which % Corpus.Length)].Split('\n').ToList();
        var at = (int)((uint)line % lines.Count);
        if (duplicate)
            lines.InsertRange(at, Enumerable.Repeat(lines[at], 1 + (int)((uint)times % 4)));
        else
            lines.RemoveAt(at);
        ParseAnything(string.Join('\n', lines));
    }

    [Fact]
    public void Truncation_at_every_offset_never_throws()
    {
        foreach (var text in Corpus)
        {
            for (var cut = 0; cut <= text.Length; cut++)
                ParseAnything(text[..cut]);
        }
    }

    [Fact]
    public void Vocabulary_fragments_are_exercised_deterministically()
    {
        // Every pair of fragments after every tag: a small exhaustive sweep on top of the random ones.
        foreach (var tag in Vocabulary.Where(v => v.StartsWith('#')))
        {
            foreach (var a in Vocabulary)
            {
                foreach (var b in Vocabulary.Take(20))
                    ParseAnything($"#EXTM3U\n#EXT-X-TARGETDURATION:1\n{tag}{a}{b}\n#EXTINF:1,\nx.ts\n");
            }
        }
    }
}
