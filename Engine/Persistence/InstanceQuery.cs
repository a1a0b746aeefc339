using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Persistence;

/// <summary>Filters for instance lists (and their counts); null means any. All filters must hold at once.</summary>
public sealed record InstanceQuery
{
    public string? DefinitionId { get; init; }
    public WorkflowStatus? Status { get; init; }
    public string? CorrelationKey { get; init; }
    /// <summary>Only the cases this agency is party to: it started the case or was assigned a task in it.</summary>
    public string? PartyAgency { get; init; }
    /// <summary>Created at or after this moment.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }
    /// <summary>Created before this moment (exclusive, so that consecutive ranges do not overlap).</summary>
    public DateTimeOffset? CreatedTo { get; init; }
    /// <summary>Only cases with an open task whose due time is at or before this moment (red at this moment).</summary>
    public DateTimeOffset? OverdueAt { get; init; }
    /// <summary>
    /// A part of the correlation key (the case number), in any letter case; an instance of one of
    /// <see cref="TextDefinitionIds"/> matches too. The stores know no definition names, so the caller resolves those.
    /// </summary>
    public string? Text { get; init; }
    /// <summary>With <see cref="Text"/>: the definitions whose names matched it.</summary>
    public IReadOnlyCollection<string>? TextDefinitionIds { get; init; }
    /// <summary>Ignored by counts.</summary>
    public int Skip { get; init; }
    /// <summary>Ignored by counts.</summary>
    public int Take { get; init; } = 100;
}
