namespace HlsSwarm.Testing;

/// <summary>Finds the built <c>hlsswarm</c> command and the dotnet host that runs it.</summary>
public static class HlsSwarmBuild
{
    /// <summary>Environment variable that points at a specific <c>hlsswarm.dll</c>.</summary>
    public const string DllVariable = "HLSSWARM_DLL";

    /// <summary>
    /// <c>$HLSSWARM_DLL</c> if set; else <c>src/HlsSwarm.Cli/bin/&lt;configuration&gt;/net10.0/hlsswarm.dll</c> in the
    /// repository that contains this assembly (the caller's configuration first, then the newest build).
    /// </summary>
    public static string LocateDll()
    {
        string? fromEnv = Environment.GetEnvironmentVariable(DllVariable);
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return File.Exists(fromEnv)
                ? Path.GetFullPath(fromEnv)
                : throw new FileNotFoundException($"{DllVariable}={fromEnv} does not exist");
        }
        string root = RepositoryRoot();
        string bin = Path.Combine(root, "src", "HlsSwarm.Cli", "bin");
        string own = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        string preferred = Path.Combine(bin, own, "net10.0", "hlsswarm.dll");
        if (File.Exists(preferred))
        {
            return preferred;
        }
        string? any = Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, "hlsswarm.dll", SearchOption.AllDirectories)
                .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return any ?? throw new FileNotFoundException(
            $"hlsswarm.dll not built under {bin}: run `dotnet build HlsSwarm.sln` (or set {DllVariable})");
    }

    /// <summary>The repository root: the nearest parent folder of this assembly that holds HlsSwarm.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HlsSwarm.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no HlsSwarm.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>The dotnet host: <c>$DOTNET_HOST_PATH</c> (set by the SDK), else the one on PATH.</summary>
    public static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            string candidate = Path.Combine(dir, "dotnet");
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("dotnet not found on PATH");
    }
}
