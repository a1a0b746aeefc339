namespace ConsultFlow.Server.Features.Seeding;

/// <summary>Finds the folders shipped beside the server: copied next to the binaries, or in the source tree.</summary>
public static class ShippedFolder
{
    public static string Resolve(string? configured, string relative, IHostEnvironment environment)
    {
        if (configured is not null)
            return Directory.Exists(configured) ? configured : throw new DirectoryNotFoundException($"Configured folder '{configured}' does not exist.");
        foreach (var candidate in new[] { Path.Combine(AppContext.BaseDirectory, relative), Path.Combine(environment.ContentRootPath, "..", relative) })
            if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        throw new DirectoryNotFoundException($"The shipped folder '{relative}' was not found next to the server or in the source tree.");
    }

    /// <summary>Deployment profiles live under Workflows/profiles but are not definitions.</summary>
    public static bool IsProfile(string workflowsFolder, string file) =>
        Path.GetRelativePath(workflowsFolder, file).Replace('\\', '/').StartsWith("profiles/", StringComparison.Ordinal);
}
