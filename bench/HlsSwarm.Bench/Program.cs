using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Running;
using HlsSwarm.Bench;

// dotnet HlsSwarm.Bench.dll prepare DIR     writes the playlist corpus (for hls.js) and bench-meta.json into DIR
// dotnet HlsSwarm.Bench.dll [BenchmarkDotNet arguments, e.g. --filter '*' --job short]
if (args is ["prepare", var directory])
{
    PlaylistCorpus.WriteTo(directory);
    var meta = new Dictionary<string, object>
    {
        ["joinerBytesPerOperation"] = CommandJoinerBenchmarks.BytesPerOperation,
        ["vodSegments"] = PlaylistCorpus.VodSegments,
        ["liveSegments"] = PlaylistCorpus.LiveSegments,
        ["vodBytes"] = new FileInfo(Path.Combine(directory, PlaylistCorpus.VodFile)).Length,
        ["liveBytes"] = new FileInfo(Path.Combine(directory, PlaylistCorpus.LiveFile)).Length,
    };
    File.WriteAllText(Path.Combine(directory, "bench-meta.json"), JsonSerializer.Serialize(meta));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {PlaylistCorpus.VodFile}, {PlaylistCorpus.LiveFile} and bench-meta.json to {directory}"));
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(PlaylistCorpus).Assembly).Run(args);
return 0;
