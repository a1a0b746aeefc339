using Microsoft.Playwright;

namespace ConsultFlow.Web.Tests.Infrastructure;

/// <summary>
/// The fixture every browser test shares (collection <see cref="WebCollection"/>): one server on loopback and one
/// Chromium. Each test opens its own <see cref="UserPage"/>s, one isolated browser context (cookies) per user.
/// </summary>
public sealed class WebApp : IAsyncLifetime
{
    public WebServer Server { get; } = new();

    private ChromiumBrowser? chromium;

    public IBrowser Browser => (chromium ?? throw new InvalidOperationException("The browser has not started.")).Browser;

    public async Task InitializeAsync()
    {
        // The server and the browser start side by side: each takes a few seconds.
        var browser = ChromiumBrowser.LaunchAsync();
        await ((IAsyncLifetime)Server).InitializeAsync();
        chromium = await browser;
    }

    /// <summary>A fresh browser context (own cookies) at 1366×768, or at <paramref name="viewport"/> (e.g. a tablet), not signed in.</summary>
    public async Task<UserPage> OpenAsync(ViewportSize? viewport = null, string language = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = viewport ?? new ViewportSize { Width = 1366, Height = 768 },
            Locale = language,
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        // The app remembers the language in localStorage; choose it before the first page script runs (and only then:
        // the script runs on every navigation, and a test may switch the language itself).
        await context.AddInitScriptAsync($"try {{ if (!localStorage.getItem('consultflow.language')) localStorage.setItem('consultflow.language', '{language}'); }} catch (e) {{}}");
        var page = await context.NewPageAsync();
        return new UserPage(context, page, Server);
    }

    /// <summary>Opens a context and signs in through the sign-in page as <paramref name="userName"/>.</summary>
    public async Task<UserPage> SignInAsync(string userName, string password = WebServer.DemoPassword, ViewportSize? viewport = null, string language = "zh-CN")
    {
        var user = await OpenAsync(viewport, language);
        await user.SignInAsync(userName, password);
        return user;
    }

    public async Task DisposeAsync()
    {
        if (chromium is not null) await chromium.DisposeAsync();
        await ((IAsyncLifetime)Server).DisposeAsync();
    }
}
