using System.Text;
using Microsoft.Playwright;

namespace HlsSwarm.Chromium;

/// <summary>
/// One Debian Chromium started inside a <see cref="NetworkNamespace"/> through Playwright. Playwright launches a
/// small generated wrapper that runs <c>ip netns exec NS /usr/bin/chromium "$@"</c>; the DevTools pipe is inherited,
/// so Playwright drives it from outside. Each <see cref="IBrowserContext"/> is one independent viewer.
/// </summary>
public sealed class ChromiumInNamespace : IAsyncDisposable
{
    /// <summary>Where Debian's chromium package puts its launcher.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _wrapperDir;

    private ChromiumInNamespace(IPlaywright playwright, IBrowser browser, string wrapperDir)
    {
        _playwright = playwright;
        Browser = browser;
        _wrapperDir = wrapperDir;
    }

    /// <summary>The browser; make one context per viewer.</summary>
    public IBrowser Browser { get; }

    /// <summary>Launches Chromium inside <paramref name="ns"/>.</summary>
    public static async Task<ChromiumInNamespace> LaunchAsync(
        NetworkNamespace ns, HostCandidates candidates = HostCandidates.Mdns, IEnumerable<string>? extraArgs = null)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("browsers in network namespaces need Linux");
        }
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"chromium not found at {ChromiumPath}: apt-get install chromium");
        }
        string dir = Directory.CreateTempSubdirectory("hlsswarm-chromium-").FullName;
        string wrapper = Path.Combine(dir, "chromium-in-netns");
        await File.WriteAllTextAsync(wrapper,
            $"#!/bin/sh\nexec {string.Join(' ', ns.ExecPrefix)} {ChromiumPath} \"$@\"\n", Encoding.ASCII)
            .ConfigureAwait(false);
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var args = new List<string>
        {
            // Without these Chromium keeps trying to reach the internet, which nothing here may do.
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--autoplay-policy=no-user-gesture-required", "--mute-audio", "--disable-gpu", "--no-sandbox",
            // Several viewers share one browser: keep background tabs and timers running at full speed.
            "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
            "--disable-backgrounding-occluded-windows",
        };
        if (candidates == HostCandidates.IpLiterals)
        {
            args.Add("--disable-features=WebRtcHideLocalIpsWithMdns");
        }
        if (extraArgs is not null)
        {
            args.AddRange(extraArgs);
        }

        IPlaywright playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        try
        {
            IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = wrapper,
                Headless = true,
                Args = args,
                Timeout = 60_000,
            }).ConfigureAwait(false);
            return new ChromiumInNamespace(playwright, browser, dir);
        }
        catch (PlaywrightException e)
        {
            playwright.Dispose();
            Directory.Delete(dir, recursive: true);
            throw new InvalidOperationException(
                $"Chromium did not start inside network namespace {ns.Name}: {e.Message}", e);
        }
    }

    /// <summary>Closes the browser and removes the wrapper.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Browser.CloseAsync().ConfigureAwait(false);
        }
        catch (PlaywrightException)
        {
            // Already gone (crashed or closed): nothing to clean up in the browser.
        }
        _playwright.Dispose();
        try
        {
            Directory.Delete(_wrapperDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
