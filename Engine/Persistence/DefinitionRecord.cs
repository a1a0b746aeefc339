using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Engine.Persistence;

/// <summary>One version of a definition and its lifecycle. Published and retracted versions never change content.</summary>
public sealed record DefinitionRecord(
    string DefinitionId,
    int Version,
    DefinitionStatus Status,
    WorkflowDefinition Definition,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? RetractedAt)
{
    /// <summary>Optimistic concurrency token for draft edits and status changes.</summary>
    public long Revision { get; init; }
}
