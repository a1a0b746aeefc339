using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Persistence;

/// <summary>Filters for task lists; null means any.</summary>
public sealed record TaskQuery
{
    public Guid? InstanceId { get; init; }
    public string? AssigneeAgency { get; init; }
    public string? AssigneeRole { get; init; }
    public HumanTaskStatus? Status { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}
