using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Persistence;

/// <summary>The indexed columns of an instance, for lists, with what its open tasks say about it.</summary>
public sealed record InstanceSummary(
    Guid InstanceId,
    string DefinitionId,
    int DefinitionVersion,
    WorkflowStatus Status,
    string? CorrelationKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt)
{
    /// <summary>The agency of whoever started the case.</summary>
    public string? StartedByAgency { get; init; }
    public int OpenTaskCount { get; init; }
    /// <summary>The earliest due time of the open tasks.</summary>
    public DateTimeOffset? NextDueAt { get; init; }
    /// <summary>When the task due at <see cref="NextDueAt"/> was created: the start of its period, for its traffic light.</summary>
    public DateTimeOffset? NextDueStartedAt { get; init; }
}
