using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Persistence;

/// <summary>Filters for instance lists; null means any.</summary>
public sealed record InstanceQuery
{
    public string? DefinitionId { get; init; }
    public WorkflowStatus? Status { get; init; }
    public string? CorrelationKey { get; init; }
    /// <summary>Only the cases this agency is party to: it started the case or was assigned a task in it.</summary>
    public string? PartyAgency { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}
