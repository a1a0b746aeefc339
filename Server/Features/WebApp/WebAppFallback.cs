namespace ConsultFlow.Server.Features.WebApp;

/// <summary>Marks the endpoint that answers client-side routes with index.html.</summary>
public sealed class WebAppFallback
{
    public static WebAppFallback Instance { get; } = new();

    /// <summary>/api and /health never get the app: an unknown API address is a 404 problem, not a page.</summary>
    public static bool IsServerPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
        // Hangfire's jobs dashboard (Features/Jobs) is a server page, not a client route.
        || path.StartsWithSegments("/admin/jobs", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A browser navigating to a client route: GET or HEAD, asking for HTML, not a server path and not a bundle asset.
    /// (Client routes may contain dots, e.g. /designer/examples.simple-consultation, so "looks like a file" cannot decide.)
    /// </summary>
    public static bool IsPageRequest(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !IsServerPath(request.Path)
        && !request.Path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase)
        && request.Headers.Accept.Any(value => value?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
