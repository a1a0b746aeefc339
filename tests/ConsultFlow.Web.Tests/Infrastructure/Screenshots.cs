using Microsoft.Playwright;

namespace ConsultFlow.Web.Tests.Infrastructure;

/// <summary>
/// Screenshots of the main screens, kept for people to look at: under CONSULTFLOW_SCREENSHOTS when set, otherwise
/// test-results/screenshots beside the test binaries (the artifacts path's bin folder when built with --artifacts-path).
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("CONSULTFLOW_SCREENSHOTS") is { Length: > 0 } configured
        ? configured
        : Path.Combine(AppContext.BaseDirectory, "test-results", "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-')) + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
