using System.Text;
using HlsSwarm.Hls;

namespace HlsSwarm.Server.Demo;

/// <summary>
/// The demo VOD loaded into memory from its directory (<c>master.m3u8</c>, <c>{rendition}/index.m3u8</c>,
/// segments). All requests are answered from these bytes: no request path ever reaches the file system.
/// </summary>
public sealed class DemoCatalog
{
    private readonly Dictionary<string, DemoRendition> _byName;

    private DemoCatalog(byte[] masterBytes, MasterPlaylist master, IReadOnlyList<DemoRendition> renditions)
    {
        MasterBytes = masterBytes;
        Master = master;
        Renditions = renditions;
        _byName = renditions.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    /// <summary>The master playlist file as committed.</summary>
    public byte[] MasterBytes { get; }

    /// <summary>The master playlist.</summary>
    public MasterPlaylist Master { get; }

    /// <summary>The renditions, in master playlist order.</summary>
    public IReadOnlyList<DemoRendition> Renditions { get; }

    /// <summary>Finds a rendition by its folder name (ordinal, case-sensitive).</summary>
    public DemoRendition? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// Loads the catalog from <paramref name="directory"/>. Each variant URI of the master playlist must be
    /// <c>{name}/index.m3u8</c>; each segment URI a plain file name in that folder. All renditions must have the
    /// same segment durations, since the live channel plays them in lockstep.
    /// </summary>
    /// <exception cref="InvalidDataException">The directory does not hold a demo in that shape; the message says why.</exception>
    public static DemoCatalog Load(string directory)
    {
        var masterPath = Path.Combine(directory, "master.m3u8");
        if (!File.Exists(masterPath))
            throw new InvalidDataException($"demo media: {masterPath} not found");
        var masterBytes = File.ReadAllBytes(masterPath);
        if (!MasterPlaylistReader.TryRead(Encoding.UTF8.GetString(masterBytes), out var master, out var masterError))
            throw new InvalidDataException($"demo media: {masterPath}: {masterError}");

        var renditions = new List<DemoRendition>();
        foreach (var variant in master!.Variants)
        {
            var parts = variant.Uri.Split('/');
            if (parts.Length != 2 || parts[1] != "index.m3u8" || !IsPlainName(parts[0]))
                throw new InvalidDataException($"demo media: variant URI '{variant.Uri}' is not '<name>/index.m3u8'");
            var name = parts[0];
            var playlistPath = Path.Combine(directory, name, "index.m3u8");
            var playlistBytes = File.ReadAllBytes(playlistPath);
            if (!MediaPlaylistReader.TryRead(Encoding.UTF8.GetString(playlistBytes), out var playlist, out var error))
                throw new InvalidDataException($"demo media: {playlistPath}: {error}");
            if (!playlist!.EndList || playlist.Segments.Count == 0)
                throw new InvalidDataException($"demo media: {playlistPath} must be a VOD playlist with segments");
            var segments = new List<byte[]>(playlist.Segments.Count);
            foreach (var segment in playlist.Segments)
            {
                if (!IsPlainName(segment.Uri))
                    throw new InvalidDataException($"demo media: segment URI '{segment.Uri}' in {playlistPath} is not a plain file name");
                segments.Add(File.ReadAllBytes(Path.Combine(directory, name, segment.Uri)));
            }
            renditions.Add(new DemoRendition(name, playlist, playlistBytes, segments));
        }

        var reference = renditions[0].Playlist.Segments.Select(s => s.Duration).ToArray();
        foreach (var r in renditions.Skip(1))
        {
            if (!r.Playlist.Segments.Select(s => s.Duration).SequenceEqual(reference))
                throw new InvalidDataException($"demo media: rendition '{r.Name}' has different segment durations than '{renditions[0].Name}'");
        }
        return new DemoCatalog(masterBytes, master, renditions);
    }

    private static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 100 && name != "." && name != ".." &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
