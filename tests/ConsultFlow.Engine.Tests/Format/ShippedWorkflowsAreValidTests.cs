using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Tests.Runtime;

namespace ConsultFlow.Engine.Tests.Format;

/// <summary>Every definition the server seeds must pass the same validation publishing applies.</summary>
public sealed class ShippedWorkflowsAreValidTests
{
    [Fact]
    public void Every_file_in_Workflows_passes_the_validator()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ConsultFlow.sln"))) root = root.Parent;
        root.Should().NotBeNull("the tests run inside the repository");
        var folder = Path.Combine(root!.FullName, "Workflows");
        var files = Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Replace('\\', '/').StartsWith("profiles/", StringComparison.Ordinal)).ToList();
        files.Should().NotBeEmpty();
        var harness = new EngineHarness();

        foreach (var file in files)
            harness.Definitions.Validate(WorkflowJson.ParseDefinition(File.ReadAllText(file)))
                .Should().BeEmpty($"{Path.GetRelativePath(root.FullName, file)} is published at start-up");
    }
}
