using System.Diagnostics;

namespace HlsSwarm.Chromium;

/// <summary>Runs short system commands (iproute2) and reports their own error text when they fail.</summary>
internal static class Tool
{
    public const string Ip = "/usr/sbin/ip";

    public static string Run(string file, params string[] args)
    {
        (int code, string stdout, string stderr) = Exec(file, args);
        if (code != 0)
        {
            throw new InvalidOperationException(
                $"`{file} {string.Join(' ', args)}` failed with exit code {code}: {stderr.Trim()}");
        }
        return stdout;
    }

    public static void TryRun(string file, params string[] args)
    {
        try
        {
            Exec(file, args);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Cleanup only: never hide the test's own failure behind a cleanup error.
        }
    }

    private static (int Code, string Stdout, string Stderr) Exec(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(30_000))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"`{file} {string.Join(' ', args)}` did not finish in 30 s");
        }
        return (p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
