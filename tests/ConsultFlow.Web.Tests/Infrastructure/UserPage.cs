using Microsoft.Playwright;

namespace ConsultFlow.Web.Tests.Infrastructure;

/// <summary>One person's browser tab: its own context (cookies), the page, and helpers to sign in and take screenshots.</summary>
public sealed class UserPage(IBrowserContext context, IPage page, WebServer server) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;
    public IPage Page { get; } = page;
    public WebServer Server { get; } = server;

    /// <summary>Signs in on the sign-in page and waits for the app's header (the user's name is in it, hidden on narrow screens).</summary>
    public async Task SignInAsync(string userName, string password = WebServer.DemoPassword)
    {
        await Page.GotoAsync("/");
        await Page.Locator("input[name=userName]").FillAsync(userName);
        await Page.Locator("input[name=password]").FillAsync(password);
        await Page.Locator("form button[type=submit]").ClickAsync();
        await Page.GetByTestId("user-name").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Goes to an address of the app (e.g. "/designer") and waits for the page to settle.</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Saves a full-page screenshot under the test output's screenshots folder; returns its path.</summary>
    public Task<string> ScreenshotAsync(string name) => Screenshots.SaveAsync(Page, name);

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
