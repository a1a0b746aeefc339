using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Runtime;

namespace ConsultFlow.Server.Features.Seeding;

/// <summary>
/// Publishes the workflow definitions shipped in the Workflows folder at start-up. A file whose content equals the
/// newest published version is left alone; a changed file becomes the next version (running instances keep theirs).
/// </summary>
public sealed class WorkflowSeeder(DefinitionService definitions, ConsultFlowOptions options, IHostEnvironment environment, ILogger<WorkflowSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var folder = ShippedFolder.Resolve(options.WorkflowsPath, "Workflows", environment);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (ShippedFolder.IsProfile(folder, file)) continue;
            var definition = WorkflowJson.ParseDefinition(await File.ReadAllTextAsync(file, ct));
            var published = await definitions.EnsurePublishedAsync(definition, ct);
            logger.LogInformation("Workflow {Id} v{Version} published from {File}.", published.DefinitionId, published.Version, Path.GetFileName(file));
        }
    }
}
