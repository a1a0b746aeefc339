namespace ConsultFlow.Server.Features.WebApp;

/// <summary>Serves the built web app (designer and workbench) from Designer/dist.</summary>
public static class WebAppSetup
{
    /// <summary>Static files, before authentication: the app's bundle is also its sign-in page.</summary>
    public static void UseWebApp(this WebApplication app) { }

    /// <summary>Client-side routes fall back to index.html; registered last so that /api and /health win.</summary>
    public static void MapWebAppFallback(this WebApplication app) { }
}
