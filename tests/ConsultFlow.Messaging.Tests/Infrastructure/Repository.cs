namespace ConsultFlow.Messaging.Tests.Infrastructure;

/// <summary>The repository's root (where test.sh lives), found by walking up from the test binaries.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "test.sh")) && System.IO.Directory.Exists(Path.Combine(dir.FullName, "tests", "tools")))
                return dir.FullName;
        var built = typeof(Repository).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (built is not null && File.Exists(Path.Combine(built, "test.sh"))) return built;
        throw new InvalidOperationException("The repository root (with test.sh) is not above " + AppContext.BaseDirectory);
    }
}
