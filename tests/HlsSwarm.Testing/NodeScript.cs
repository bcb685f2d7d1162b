using System.Diagnostics;

namespace HlsSwarm.Testing;

/// <summary>
/// Runs a Node.js script against the real npm packages in <c>web/node_modules</c> (hls.js, p2p-media-loader), for
/// differential tests: our C# against the JavaScript the browsers run. The packages come from <c>web/package-lock.json</c>
/// and are installed by <c>scripts/install-deps.sh</c> (and by <c>dotnet build</c> of the Server).
/// </summary>
public static class NodeScript
{
    /// <summary><c>web/node_modules</c> of this repository; a clear error if <c>npm ci</c> has not run there.</summary>
    public static string NodeModules()
    {
        string dir = Path.Combine(HlsSwarmBuild.RepositoryRoot(), "web", "node_modules");
        foreach (string package in new[] { "hls.js", "p2p-media-loader-core", "p2p-media-loader-hlsjs", "esbuild" })
        {
            if (!File.Exists(Path.Combine(dir, package, "package.json")))
            {
                throw new InvalidOperationException(
                    $"{Path.Combine(dir, package)} is missing: run scripts/install-deps.sh (it runs `npm ci` in web/)");
            }
        }
        return dir;
    }

    /// <summary>
    /// Runs <c>node <paramref name="script"/> <paramref name="args"/></c> with <paramref name="stdin"/> as its standard
    /// input and returns its standard output. The environment variable <c>HLSSWARM_NODE_MODULES</c> tells the script
    /// where the packages are. A non-zero exit or a run longer than <paramref name="timeout"/> throws with Node's stderr.
    /// </summary>
    public static async Task<string> RunAsync(string script, string stdin, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(script);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["HLSSWARM_NODE_MODULES"] = NodeModules();
        using Process p = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish in {timeout.TotalSeconds:0} s");
        }
        string output = await stdout;
        string errors = await stderr;
        return p.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"node {script} exited with {p.ExitCode}: {errors.Trim()}");
    }
}
