using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace HlsSwarm.Chromium;

/// <summary>
/// One headless Debian <c>firefox-esr</c> opened on a URL inside a <see cref="NetworkNamespace"/>, with a fresh
/// profile. No automation protocol (Playwright cannot drive stock Firefox): the page itself talks to the test over
/// HTTP. Started as <c>ip netns exec NS setsid firefox-esr --headless --no-remote --profile DIR URL</c>, so Firefox
/// leads its own process group; <see cref="DisposeAsync"/> kills that group (content processes included) and deletes
/// the profile.
/// </summary>
public sealed partial class FirefoxInNamespace : IAsyncDisposable
{
    /// <summary>Where Debian's firefox-esr package puts its launcher.</summary>
    public const string FirefoxPath = "/usr/bin/firefox-esr";

    private const int SigKill = 9;
    private readonly Process _process;
    private readonly string _profileDir;
    private readonly StringBuilder _output = new();
    private int _disposed;

    private FirefoxInNamespace(Process process, string profileDir)
    {
        _process = process;
        _profileDir = profileDir;
    }

    /// <summary>Firefox's process id (also its process group id: <c>setsid</c> made it a group leader).</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// What Firefox printed so far (stdout and stderr interleaved); with <c>devtools.console.stdout.content</c> set,
    /// the page's <c>console.log</c> lines too. For diagnostics when a test fails.
    /// </summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts Firefox inside <paramref name="ns"/> on <paramref name="url"/>. Returns once the process runs; the page
    /// reports its own progress to whatever serves it.
    /// </summary>
    /// <param name="ns">The namespace Firefox runs in (its only network).</param>
    /// <param name="url">The page to open, e.g. one served on the namespace's 127.0.0.1 (a secure context).</param>
    /// <param name="candidates">
    /// <see cref="HostCandidates.IpLiterals"/> sets <c>media.peerconnection.ice.obfuscate_host_addresses</c> to false;
    /// otherwise Firefox's default (<c>&lt;uuid&gt;.local</c> mDNS host candidates) stays.
    /// </param>
    public static FirefoxInNamespace Launch(NetworkNamespace ns, Uri url, HostCandidates candidates = HostCandidates.Mdns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(url);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("browsers in network namespaces need Linux");
        }
        if (!File.Exists(FirefoxPath))
        {
            throw new InvalidOperationException($"firefox-esr not found at {FirefoxPath}: apt-get install firefox-esr");
        }
        string profile = Directory.CreateTempSubdirectory("hlsswarm-firefox-").FullName;
        File.WriteAllText(Path.Combine(profile, "user.js"), UserJs(candidates), Encoding.ASCII);

        var psi = new ProcessStartInfo(Tool.Ip)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])["netns", "exec", ns.Name, "setsid", FirefoxPath,
                     "--headless", "--no-remote", "--profile", profile, url.AbsoluteUri])
        {
            psi.ArgumentList.Add(a);
        }
        // Firefox keeps caches and crash reports under HOME when it can; keep them in the throwaway profile.
        psi.Environment["HOME"] = profile;
        psi.Environment["MOZ_CRASHREPORTER_DISABLE"] = "1";
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {FirefoxPath}");
        }
        catch
        {
            Directory.Delete(profile, recursive: true);
            throw;
        }
        var firefox = new FirefoxInNamespace(process, profile);
        process.OutputDataReceived += (_, e) => firefox.Append(e.Data);
        process.ErrorDataReceived += (_, e) => firefox.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return firefox;
    }

    /// <summary>Kills Firefox's process group, waits for it (bounded) and deletes the profile. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        // The whole group: Firefox's content, socket and utility processes are its children in the same group. ESRCH
        // (already gone) is fine. Kill(entireProcessTree) also covers a child that left the group.
        _ = Kill(-_process.Id, SigKill);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Leave it: a zombie must not hang the test run; the profile deletion below may then partly fail.
            }
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_profileDir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cleanup only: never hide the test's own failure.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>
    /// Prefs for a profile that reaches nothing outside the namespace (no first-run pages, telemetry, updates,
    /// safe-browsing or captive-portal probes) and prints the page's console to stdout.
    /// </summary>
    private static string UserJs(HostCandidates candidates)
    {
        var prefs = new List<(string Name, string Value)>
        {
            ("browser.shell.checkDefaultBrowser", "false"),
            ("browser.startup.homepage_override.mstone", "\"ignore\""),
            ("startup.homepage_welcome_url", "\"\""),
            ("startup.homepage_welcome_url.additional", "\"\""),
            ("browser.aboutwelcome.enabled", "false"),
            ("browser.newtabpage.enabled", "false"),
            ("browser.sessionstore.resume_from_crash", "false"),
            ("datareporting.policy.dataSubmissionEnabled", "false"),
            ("datareporting.healthreport.uploadEnabled", "false"),
            ("toolkit.telemetry.enabled", "false"),
            ("toolkit.telemetry.unified", "false"),
            ("toolkit.telemetry.archive.enabled", "false"),
            ("app.update.auto", "false"),
            ("app.normandy.enabled", "false"),
            ("app.shield.optoutstudies.enabled", "false"),
            ("extensions.update.enabled", "false"),
            ("extensions.getAddons.cache.enabled", "false"),
            ("media.gmp-manager.updateEnabled", "false"),
            ("browser.safebrowsing.malware.enabled", "false"),
            ("browser.safebrowsing.phishing.enabled", "false"),
            ("browser.safebrowsing.downloads.enabled", "false"),
            ("network.captive-portal-service.enabled", "false"),
            ("network.connectivity-service.enabled", "false"),
            ("network.proxy.type", "0"),
            ("devtools.console.stdout.content", "true"),
        };
        if (candidates == HostCandidates.IpLiterals)
        {
            prefs.Add(("media.peerconnection.ice.obfuscate_host_addresses", "false"));
        }
        var js = new StringBuilder();
        foreach (var (name, value) in prefs)
        {
            js.Append("user_pref(\"").Append(name).Append("\", ").Append(value).Append(");\n");
        }
        return js.ToString();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
