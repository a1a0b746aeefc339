using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ConsultFlow.Server.Features.WebApp;

/// <summary>Serves the built web app (designer and workbench) from Designer/dist.</summary>
public static class WebAppSetup
{
    /// <summary>Static files, before authentication: the app's bundle is also its sign-in page.</summary>
    public static void UseWebApp(this WebApplication app)
    {
        var bundle = WebAppBundle.Locate(app.Configuration, app.Environment);
        if (bundle is null)
        {
            app.Logger.LogWarning("The web app is not built (no Designer/dist/index.html): run `npm ci && npm run build` in Designer/ or set {Setting}.", WebAppBundle.PathSetting);
            return;
        }
        app.Logger.LogInformation("Serving the web app from {Root}.", bundle.Root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(bundle.Root),
            OnPrepareResponse = context =>
            {
                // Vite names every asset by its content hash, so a browser may keep them; index.html must be asked for each time.
                context.Context.Response.Headers.CacheControl = context.File.Name == "index.html"
                    ? "no-cache"
                    : context.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "public, max-age=3600";
            },
        });
        // A client route (e.g. /designer/x) is answered with the app here, before authentication and the password-change
        // gate, which would otherwise answer a signed-in person who must change the password with a problem, not the page
        // that lets them change it. Routing has already run: a request that matched the fallback, or nothing at all (a
        // route with a dot, e.g. /designer/examples.simple-consultation, is not "nonfile"), gets the page when a browser
        // asks for one. A missing bundle file is a plain 404 (not a sign-in challenge).
        app.Use(async (http, next) =>
        {
            var endpoint = http.GetEndpoint();
            if ((endpoint is null || endpoint.Metadata.GetMetadata<WebAppFallback>() is not null) && WebAppFallback.IsPageRequest(http.Request))
            {
                await SendIndexAsync(http, bundle);
                return;
            }
            if (endpoint is null && http.Request.Path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(http);
        });
    }

    /// <summary>Client-side routes fall back to index.html; registered last so that /api and /health win.</summary>
    public static void MapWebAppFallback(this WebApplication app)
    {
        var bundle = WebAppBundle.Locate(app.Configuration, app.Environment);
        // "nonfile": a file address is left to the static files (which serve only when no endpoint matched). Only a
        // browser's page request gets the app; an unknown API address stays a 404.
        app.MapFallback("{*path:nonfile}", async (HttpContext http) =>
        {
            if (!WebAppFallback.IsPageRequest(http.Request) || bundle is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, type: "https://consultflow/problems/404",
                    title: bundle is null && WebAppFallback.IsPageRequest(http.Request)
                        ? "网页应用尚未构建。(The web app is not built: run npm ci && npm run build in Designer/.)"
                        : "没有这个地址。(Nothing here.)");
            }
            await SendIndexAsync(http, bundle);
            return Results.Empty;
        }).AllowAnonymous().WithMetadata(WebAppFallback.Instance).ExcludeFromDescription();
    }

    private static async Task SendIndexAsync(HttpContext http, WebAppBundle bundle)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await http.Response.SendFileAsync(bundle.IndexFile);
    }
}
