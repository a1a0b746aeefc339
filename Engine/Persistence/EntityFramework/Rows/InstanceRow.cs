namespace ConsultFlow.Engine.Persistence.EntityFramework.Rows;

/// <summary>
/// A row of <c>workflow_instances</c>. <see cref="StateJson"/> is the whole snapshot; the other columns copy parts of it
/// so that lists and filters need not parse JSON.
/// </summary>
public sealed class InstanceRow
{
    public Guid Id { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    /// <summary>A <see cref="State.WorkflowStatus"/> name.</summary>
    public required string Status { get; set; }
    public string? CorrelationKey { get; set; }
    public Guid? ParentInstanceId { get; set; }
    public string? StartedByAgency { get; set; }
    public required string StateJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public long Revision { get; set; }
}
