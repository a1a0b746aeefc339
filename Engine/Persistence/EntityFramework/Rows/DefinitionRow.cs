namespace ConsultFlow.Engine.Persistence.EntityFramework.Rows;

/// <summary>A row of <c>workflow_definitions</c>: one version of one definition.</summary>
public sealed class DefinitionRow
{
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    /// <summary>A <see cref="Definitions.DefinitionStatus"/> name.</summary>
    public required string Status { get; set; }
    public required string Name { get; set; }
    /// <summary>The whole <see cref="Definitions.WorkflowDefinition"/> as JSON.</summary>
    public required string Json { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? RetractedAt { get; set; }
    public long Revision { get; set; }
}
