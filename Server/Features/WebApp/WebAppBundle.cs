namespace ConsultFlow.Server.Features.WebApp;

/// <summary>
/// Where the built web app (Designer/dist) is: ConsultFlow:WebAppPath when set; otherwise Designer/dist found by walking
/// up from the content root (a source checkout, `dotnet run --project Server`, the tests) or from the binaries; otherwise
/// a "web" folder beside the binaries (a published copy). Null when none has an index.html: the API still serves.
/// </summary>
public sealed record WebAppBundle(string Root)
{
    public const string PathSetting = "ConsultFlow:WebAppPath";

    public string IndexFile => Path.Combine(Root, "index.html");

    public static WebAppBundle? Locate(IConfiguration configuration, IWebHostEnvironment environment)
    {
        if (configuration[PathSetting] is { Length: > 0 } configured)
            return File.Exists(Path.Combine(configured, "index.html")) ? new WebAppBundle(Path.GetFullPath(configured)) : null;
        foreach (var start in new[] { environment.ContentRootPath, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "Designer", "dist");
                if (File.Exists(Path.Combine(candidate, "index.html"))) return new WebAppBundle(candidate);
            }
        }
        var published = Path.Combine(AppContext.BaseDirectory, "web");
        return File.Exists(Path.Combine(published, "index.html")) ? new WebAppBundle(published) : null;
    }
}
