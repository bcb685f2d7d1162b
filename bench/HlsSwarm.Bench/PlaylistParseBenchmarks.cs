using BenchmarkDotNet.Attributes;

namespace HlsSwarm.Bench;

/// <summary>
/// Media playlist parsing, the same text hls.js parses in bench/hlsjs-parse.mjs (bench/protocol-bench.sh runs both).
/// </summary>
[MemoryDiagnoser]
public class PlaylistParseBenchmarks
{
    private string _vod = string.Empty;
    private string _live = string.Empty;

    /// <summary>Builds the corpus and checks it parses to the expected segment counts.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _vod = PlaylistCorpus.Vod();
        _live = PlaylistCorpus.Live();
        if (PlaylistParse.Segments(_vod) != PlaylistCorpus.VodSegments || PlaylistParse.Segments(_live) != PlaylistCorpus.LiveSegments)
        {
            throw new InvalidOperationException("the playlist corpus does not parse to the expected segment counts");
        }
    }

    /// <summary>A 10,000-segment VOD playlist.</summary>
    [Benchmark]
    public int ParseVod10000() => PlaylistParse.Segments(_vod);

    /// <summary>A 6-segment live refresh.</summary>
    [Benchmark]
    public int ParseLive6() => PlaylistParse.Segments(_live);
}
