namespace HlsSwarm.Interop.Tests;

/// <summary>
/// A page the data-channel tests run JavaScript in: a Playwright page in Chromium (<see cref="PlaywrightBrowserPage"/>)
/// or a <see cref="ScriptedPage"/> in Firefox. <c>function</c> is the source of a JavaScript function of one argument.
/// </summary>
internal interface IBrowserPage
{
    /// <summary>Runs <paramref name="function"/> with <paramref name="arg"/> and returns its (awaited) result.</summary>
    Task<T> EvaluateAsync<T>(string function, object? arg, CancellationToken ct);

    /// <summary>Runs <paramref name="function"/> with <paramref name="arg"/> and waits for it.</summary>
    Task EvaluateAsync(string function, object? arg, CancellationToken ct);
}
