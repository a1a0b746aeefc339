using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Tests.Runtime;

namespace ConsultFlow.Engine.Tests.Format;

/// <summary>Every definition the server seeds must pass the same validation publishing applies.</summary>
public sealed class ShippedWorkflowsAreValidTests
{
    [Fact]
    public void Every_file_in_Workflows_passes_the_validator()
    {
        var folder = Path.Combine(Repository.Root, "Workflows");
        var files = Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Replace('\\', '/').StartsWith("profiles/", StringComparison.Ordinal)).ToList();
        files.Should().NotBeEmpty();
        var harness = new EngineHarness();

        foreach (var file in files)
            harness.Definitions.Validate(WorkflowJson.ParseDefinition(File.ReadAllText(file)))
                .Should().BeEmpty($"{Path.GetRelativePath(Repository.Root, file)} is published at start-up");
    }
}
