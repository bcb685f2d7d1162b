using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HlsSwarm.Hls;
using Xunit;

namespace HlsSwarm.Hls.Tests;

/// <summary>Writer → parser round trips of generated playlists (aquatic-style identity properties).</summary>
public class RoundTripTests
{
    private static readonly Uri Base = new("https://cdn.example.com/v/720p/index.m3u8");

    private static Gen<string> Name(string prefix) =>
        Gen.Choose(0, 99999).Select(n => prefix + n.ToString(CultureInfo.InvariantCulture));

    private static Gen<decimal> Duration() =>
        Gen.Choose(0, 10_000).Select(ms => ms / 1000m);

    private static readonly Gen<EncryptionKey> Key =
        Gen.Elements("identity", "com.apple.streamingkeydelivery", "urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed")
            .Zip(Name("key-"))
            .Select(t => new EncryptionKey
            {
                Attributes = AttributeList.Parse($"METHOD=SAMPLE-AES,URI=\"{t.Item2}\",KEYFORMAT=\"{t.Item1}\""),
                BaseUri = Base,
            });

    /// <summary>A segment as the generator wants it; the parser must read back exactly these values.</summary>
    public sealed record SegmentSpec(decimal Duration, string Uri, bool Discontinuity, string Title, long? RangeLength, bool Gap,
        long? Bitrate, int? PdtSeconds, int KeyChange, string? Map);

    private static readonly Gen<SegmentSpec> Segment =
        from duration in Duration()
        from uri in Gen.OneOf(Name("seg-").Select(n => n + ".ts"), Name("../shared/").Select(n => n + ".m4s?sig=1"), Gen.Constant("all.ts"))
        from discontinuity in Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false)))
        from title in Gen.Elements("", "Title", "a, b", "x")
        from range in Gen.Frequency((1, Gen.Choose(1, 100_000).Select(n => (long?)n)), (2, Gen.Constant((long?)null)))
        from gap in Gen.Frequency((1, Gen.Constant(true)), (9, Gen.Constant(false)))
        from bitrate in Gen.Frequency((1, Gen.Choose(1, 9000).Select(n => (long?)n)), (3, Gen.Constant((long?)null)))
        from pdt in Gen.Frequency((1, Gen.Choose(0, 1_000_000).Select(n => (int?)n)), (3, Gen.Constant((int?)null)))
        from keyChange in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
        from map in Gen.Frequency((1, Name("init-").Select(n => (string?)(n + ".mp4"))), (4, Gen.Constant((string?)null)))
        select new SegmentSpec(duration, uri, discontinuity, title, range, gap, bitrate, pdt, keyChange, map);

    /// <summary>A media playlist built the way the parser builds one (derived fields filled in).</summary>
    public static Arbitrary<MediaPlaylist> MediaPlaylists() =>
        (from mediaSequence in Gen.Choose(0, int.MaxValue)
         from discontinuitySequence in Gen.Choose(0, 1000)
         from type in Gen.Elements<string?>(null, "VOD", "EVENT")
         from endList in ArbMap.Default.GeneratorFor<bool>()
         from version in Gen.Elements<int?>(null, 3, 7)
         from specs in Segment.ListOf()
         from keys in Key.ListOf()
         select Build(mediaSequence, discontinuitySequence, type, endList, version, [.. specs], [.. keys])).ToArbitrary();

    private static MediaPlaylist Build(long mediaSequence, long discontinuitySequence, string? type, bool endList, int? version,
        SegmentSpec[] specs, EncryptionKey[] keyPool)
    {
        var segments = new List<MediaSegment>();
        var keys = EquatableList<EncryptionKey>.Empty;
        MediaInitializationSection? map = null;
        long? bitrate = null;
        long discontinuities = 0;
        var keyIndex = 0;
        var offsets = new Dictionary<string, long>();
        for (var i = 0; i < specs.Length; i++)
        {
            var s = specs[i];
            if (s.KeyChange == 1 && keyPool.Length > 0)
            {
                var next = keyPool[keyIndex++ % keyPool.Length];
                var list = keys.Where(k => k.KeyFormat != next.KeyFormat).Append(next).ToList();
                // The parser keeps keys in first-seen KEYFORMAT order and replaces in place.
                var existing = keys.ToList().FindIndex(k => k.KeyFormat == next.KeyFormat);
                if (existing >= 0)
                {
                    list = [.. keys];
                    list[existing] = next;
                }
                keys = new EquatableList<EncryptionKey>(list);
            }
            else if (s.KeyChange == 2)
                keys = EquatableList<EncryptionKey>.Empty;
            if (s.Map is { } m)
                map = new MediaInitializationSection { Attributes = AttributeList.Parse($"URI=\"{m}\""), BaseUri = Base };
            if (s.Bitrate is { } b)
                bitrate = b;
            if (s.Discontinuity)
                discontinuities++;
            ByteRange? range = null;
            if (s.RangeLength is { } length)
            {
                var offset = offsets.GetValueOrDefault(s.Uri);
                range = new ByteRange(length, offset);
                offsets[s.Uri] = offset + length;
            }
            segments.Add(new MediaSegment(s.Duration, s.Uri, s.Discontinuity, s.Title)
            {
                SequenceNumber = mediaSequence + i,
                DiscontinuitySequenceNumber = discontinuitySequence + discontinuities,
                ByteRange = range,
                Keys = keys,
                Map = map,
                ProgramDateTime = s.PdtSeconds is { } seconds ? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds).AddMilliseconds(seconds % 1000) : null,
                Gap = s.Gap,
                Bitrate = bitrate,
                BaseUri = Base,
            });
        }
        var target = segments.Count == 0 ? 1 : (int)decimal.Round(segments.Max(s => s.Duration), MidpointRounding.AwayFromZero);
        return new MediaPlaylist
        {
            Version = version,
            TargetDuration = target,
            MediaSequence = mediaSequence,
            DiscontinuitySequence = discontinuitySequence,
            PlaylistType = type,
            EndList = endList,
            Segments = new EquatableList<MediaSegment>(segments),
            PlaylistUri = Base,
        };
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(RoundTripTests)])]
    public void Written_media_playlists_read_back_equal(MediaPlaylist playlist)
    {
        var text = MediaPlaylistWriter.Write(playlist);
        Assert.True(MediaPlaylistReader.TryRead(text, Base, out var read, out var error), $"{error}\n{text}");
        Assert.Empty(read.Warnings);
        Assert.Equal(playlist.Segments.Count, read.Segments.Count);
        for (var i = 0; i < read.Segments.Count; i++)
            Assert.Equal(playlist.Segments[i], read.Segments[i]);
        Assert.Equal(playlist, read);
        Assert.Equal(text, MediaPlaylistWriter.Write(read));
    }

    private static readonly Gen<string> VariantAttributes =
        from bandwidth in Gen.Choose(1, int.MaxValue)
        from codecs in Gen.Elements("avc1.4d001e,mp4a.40.2", "hvc1.1.6.L93.B0", "mp4a.40.5")
        from resolution in Gen.Elements("", ",RESOLUTION=640x360", ",RESOLUTION=0640x0360")
        from frameRate in Gen.Elements("", ",FRAME-RATE=29.970", ",FRAME-RATE=0x1e")
        from audio in Gen.Elements("", ",AUDIO=\"aud\"")
        from extra in Gen.Elements("", ",VIDEO-RANGE=PQ,HDCP-LEVEL=TYPE-1", ",SCORE=1.5,STABLE-VARIANT-ID=\"a b\"", ",X-CUSTOM=\"1,2\"")
        select $"BANDWIDTH={bandwidth},CODECS=\"{codecs}\"{resolution}{frameRate}{audio}{extra}";

    public static Arbitrary<MasterPlaylist> MasterPlaylists() =>
        (from variants in VariantAttributes.Zip(Name("v/").Select(n => n + "/index.m3u8")).NonEmptyListOf()
         from renditions in Gen.Elements("en", "de", "fr").Zip(ArbMap.Default.GeneratorFor<bool>()).ListOf()
         from iframes in Gen.Choose(1, 999999).ListOf()
         from independent in ArbMap.Default.GeneratorFor<bool>()
         select new MasterPlaylist
         {
             Version = 6,
             IndependentSegments = independent,
             PlaylistUri = Base,
             Renditions = new EquatableList<Rendition>(renditions.Select(r => new Rendition
             {
                 Attributes = AttributeList.Parse($"TYPE=AUDIO,GROUP-ID=\"aud\",LANGUAGE=\"{r.Item1}\",NAME=\"{r.Item1}\",DEFAULT={(r.Item2 ? "YES" : "NO")},URI=\"a/{r.Item1}.m3u8\""),
                 BaseUri = Base,
             })),
             Variants = new EquatableList<VariantStream>(variants.Select(v => new VariantStream { Attributes = AttributeList.Parse(v.Item1), Uri = v.Item2, BaseUri = Base })),
             IFrameStreams = new EquatableList<VariantStream>(iframes.Select(b => new VariantStream
             {
                 Attributes = AttributeList.Parse($"BANDWIDTH={b},URI=\"i/{b}.m3u8\""), Uri = $"i/{b}.m3u8", BaseUri = Base,
             })),
         }).ToArbitrary();

    [Property(MaxTest = 200, Arbitrary = [typeof(RoundTripTests)])]
    public void Written_master_playlists_read_back_equal_and_byte_for_byte(MasterPlaylist playlist)
    {
        var text = MasterPlaylistWriter.Write(playlist);
        Assert.True(MasterPlaylistReader.TryRead(text, Base, out var read, out var error), $"{error}\n{text}");
        Assert.Equal(playlist, read);
        Assert.Equal(text, MasterPlaylistWriter.Write(read));
    }

    [Fact]
    public void A_key_format_that_disappears_is_ended_with_method_none()
    {
        var fairplay = new EncryptionKey { Attributes = AttributeList.Parse("METHOD=SAMPLE-AES,URI=\"skd://1\",KEYFORMAT=\"com.apple.streamingkeydelivery\"") };
        var aes = new EncryptionKey { Attributes = AttributeList.Parse("METHOD=AES-128,URI=\"k\"") };
        var playlist = new MediaPlaylist
        {
            TargetDuration = 2,
            Segments = new EquatableList<MediaSegment>(
            [
                new MediaSegment(2m, "a.ts") { Keys = new EquatableList<EncryptionKey>([aes, fairplay]) },
                new MediaSegment(2m, "b.ts") { Keys = new EquatableList<EncryptionKey>([aes]), SequenceNumber = 1 },
            ]),
        };
        var text = MediaPlaylistWriter.Write(playlist);
        Assert.Contains("#EXT-X-KEY:METHOD=NONE\n#EXT-X-KEY:METHOD=AES-128,URI=\"k\"\n#EXTINF:2.000,\nb.ts", text, StringComparison.Ordinal);
        Assert.Equal(playlist.Segments, TestPlaylists.Media(text).Segments);
    }

    [Fact]
    public void Low_latency_playlists_round_trip()
    {
        foreach (var name in new[] { "rfc8216bis-ll-hls.m3u8", "rfc8216bis-ll-hls-delta.m3u8", "rfc8216-8.3-encrypted.m3u8" })
        {
            var first = TestPlaylists.Media(TestPlaylists.Text(name), Base);
            var text = MediaPlaylistWriter.Write(first);
            var again = TestPlaylists.Media(text, Base);
            Assert.Equal(first, again);
            Assert.Equal(text, MediaPlaylistWriter.Write(again));
        }
    }
}
