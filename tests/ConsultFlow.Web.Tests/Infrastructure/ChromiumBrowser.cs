using Microsoft.Playwright;

namespace ConsultFlow.Web.Tests.Infrastructure;

/// <summary>
/// Headless Chromium from Debian's package (never a downloaded browser: ExecutablePath), launched by Playwright with
/// nothing that reaches beyond this machine (no background networking, component updates, sync or QUIC). Playwright
/// gives every launch a fresh temporary profile (--user-data-dir) and deletes it on close; it refuses the flag itself
/// for a non-persistent launch, which tests need for one isolated context (cookie jar) per user.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    public const string DefaultExecutable = "/usr/bin/chromium";

    private readonly IPlaywright playwright;

    private ChromiumBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>CONSULTFLOW_CHROMIUM overrides where the browser is.</summary>
    public static string Executable => Environment.GetEnvironmentVariable("CONSULTFLOW_CHROMIUM") is { Length: > 0 } path ? path : DefaultExecutable;

    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    public static async Task<ChromiumBrowser> LaunchAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"Chromium is not at {Executable}: install Debian's chromium package (test.sh does).");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Executable,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
            return new ChromiumBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright.Dispose();
    }
}
