using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Persistence;

/// <summary>The indexed columns of an instance, for lists.</summary>
public sealed record InstanceSummary(
    Guid InstanceId,
    string DefinitionId,
    int DefinitionVersion,
    WorkflowStatus Status,
    string? CorrelationKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt);
