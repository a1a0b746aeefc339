using System.Runtime.CompilerServices;

namespace ConsultFlow.Engine.Tests.Format;

/// <summary>The repository's root folder: above the test binaries, or (when built elsewhere) above this source file.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ConsultFlow.sln")))
                    return dir.FullName;
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds ConsultFlow.sln.");
    }
}
