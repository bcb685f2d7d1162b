using Microsoft.Playwright;

namespace HlsSwarm.Interop.Tests;

/// <summary>A Playwright page as an <see cref="IBrowserPage"/>; Playwright takes no token, so the waits are bounded here.</summary>
internal sealed class PlaywrightBrowserPage(IPage page) : IBrowserPage
{
    public Task<T> EvaluateAsync<T>(string function, object? arg, CancellationToken ct) =>
        page.EvaluateAsync<T>(function, arg).WaitAsync(ct);

    public Task EvaluateAsync(string function, object? arg, CancellationToken ct) =>
        page.EvaluateAsync(function, arg).WaitAsync(ct);
}
