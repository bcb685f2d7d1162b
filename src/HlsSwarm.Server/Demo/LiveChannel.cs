using System.Text;
using HlsSwarm.Hls;

namespace HlsSwarm.Server.Demo;

/// <summary>
/// A live channel cut in real time from the demo VOD. Segment <c>s</c> (an absolute media sequence number) plays
/// VOD segment <c>s mod N</c> of loop <c>s div N</c>; segments complete as the clock runs, and each media playlist
/// lists the last <see cref="WindowSegments"/> completed ones (RFC 8216 §6.2.2). The window is full from the first
/// request: the channel behaves as if it had started <see cref="WindowSegments"/> segments before it was created.
/// </summary>
/// <remarks>
/// Every loop after the first starts with <c>#EXT-X-DISCONTINUITY</c> (timestamps jump back); the
/// <c>#EXT-X-DISCONTINUITY-SEQUENCE</c> counts the tags that slid out of the window (RFC 8216 §6.2.1).
/// Segment URIs carry the absolute sequence number (<c>seg-1234.ts</c>) so each live segment has a unique URL.
/// A segment stays downloadable for one more window after it leaves the playlist (RFC 8216 §6.2.2 asks servers
/// to keep removed segments available for a while); older and future ones are not found.
/// </remarks>
public sealed class LiveChannel
{
    private readonly DemoCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly decimal[] _durations;
    private readonly decimal[] _ends;   // cumulative end time of each VOD segment within one loop, seconds
    private readonly decimal _loopSeconds;
    private readonly decimal _prerollSeconds;

    /// <summary>Creates the channel; its clock starts now.</summary>
    /// <param name="catalog">The demo VOD.</param>
    /// <param name="windowSegments">Segments per live playlist (≥ 3).</param>
    /// <param name="time">The clock.</param>
    public LiveChannel(DemoCatalog catalog, int windowSegments, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSegments, 3);
        _catalog = catalog;
        _time = time;
        WindowSegments = windowSegments;
        _durations = catalog.Renditions[0].Playlist.Segments.Select(s => s.Duration).ToArray();
        if (_durations.Any(d => d <= 0))
            throw new ArgumentException("every demo segment needs a positive duration", nameof(catalog));
        _ends = new decimal[_durations.Length];
        decimal sum = 0;
        for (var i = 0; i < _durations.Length; i++)
            _ends[i] = sum += _durations[i];
        _loopSeconds = sum;
        _prerollSeconds = EndOf(windowSegments - 1);
        _startTimestamp = time.GetTimestamp();
    }

    /// <summary>Segments per live media playlist.</summary>
    public int WindowSegments { get; }

    /// <summary>Segments in one loop of the channel (the VOD's segment count).</summary>
    public int SegmentsPerLoop => _durations.Length;

    /// <summary>The number of segments completed so far, i.e. one past the newest sequence number in the playlists.</summary>
    public long CompletedSegments()
    {
        var elapsed = (decimal)_time.GetElapsedTime(_startTimestamp).Ticks / TimeSpan.TicksPerSecond + _prerollSeconds;
        var loops = (long)decimal.Floor(elapsed / _loopSeconds);
        var inLoop = elapsed - loops * _loopSeconds;
        var done = 0;
        while (done < _ends.Length && _ends[done] <= inLoop)
            done++;
        return loops * _durations.Length + done;
    }

    /// <summary>The sequence number of the first segment in the current playlists.</summary>
    public long FirstSequence() => CompletedSegments() - WindowSegments;

    /// <summary>The live media playlist of <paramref name="rendition"/> as it is now.</summary>
    public MediaPlaylist PlaylistFor(DemoRendition rendition)
    {
        ArgumentNullException.ThrowIfNull(rendition);
        var first = FirstSequence();
        var n = _durations.Length;
        var segments = new List<MediaSegment>(WindowSegments);
        for (var s = first; s < first + WindowSegments; s++)
        {
            var index = (int)(s % n);
            segments.Add(new MediaSegment(_durations[index], $"seg-{s}.ts", Discontinuity: index == 0 && s > 0)
            {
                SequenceNumber = s,
                // Loop k ≥ 1 starts with a discontinuity, so segment s belongs to discontinuity sequence s / n.
                DiscontinuitySequenceNumber = s <= 0 ? 0 : s / n,
            });
        }
        return new MediaPlaylist
        {
            Version = rendition.Playlist.Version,
            TargetDuration = rendition.Playlist.TargetDuration,
            MediaSequence = first,
            // Tags removed so far: one at the start of every loop k ≥ 1 with k·n < first.
            DiscontinuitySequence = first <= 0 ? 0 : (first - 1) / n,
            IndependentSegments = rendition.Playlist.IndependentSegments,
            Segments = segments,
        };
    }

    /// <summary>The live media playlist text of <paramref name="rendition"/>, UTF-8.</summary>
    public byte[] PlaylistBytesFor(DemoRendition rendition) =>
        Encoding.UTF8.GetBytes(MediaPlaylistWriter.Write(PlaylistFor(rendition)));

    /// <summary>
    /// The bytes of live segment <paramref name="sequence"/> of <paramref name="rendition"/>, or null when it is
    /// in the future or more than one window behind the playlist.
    /// </summary>
    public byte[]? SegmentBytes(DemoRendition rendition, long sequence)
    {
        ArgumentNullException.ThrowIfNull(rendition);
        var completed = CompletedSegments();
        var oldest = completed - 2L * WindowSegments;
        if (sequence < 0 || sequence >= completed || sequence < oldest)
            return null;
        return rendition.Segments[(int)(sequence % _durations.Length)];
    }

    /// <summary>The rendition named <paramref name="name"/>, or null.</summary>
    public DemoRendition? Find(string name) => _catalog.Find(name);

    // End time of absolute segment s measured from the start of loop 0.
    private decimal EndOf(long s) => s / _durations.Length * _loopSeconds + _ends[s % _durations.Length];
}
