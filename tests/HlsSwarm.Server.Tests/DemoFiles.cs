namespace HlsSwarm.Server.Tests;

/// <summary>The committed demo files as copied to the test output.</summary>
public static class DemoFiles
{
    public static byte[] Read(string relative) => File.ReadAllBytes(Path.Combine(RunningServer.DemoMediaDirectory, relative));

    public static string ReadText(string relative) => File.ReadAllText(Path.Combine(RunningServer.DemoMediaDirectory, relative));

    public static IEnumerable<string> Renditions => ["360p", "240p"];
}
