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

    /// <summary>The sequence of the case's last journal entry, written with it: a journal cut short no longer reaches it.</summary>
    public long ChainLength { get; set; }

    /// <summary>The hash of that entry (null while the journal is empty).</summary>
    public string? ChainHead { get; set; }

    /// <summary>How far the journal is covered by a seal; written only by the sealer, never by a step.</summary>
    public long SealedLength { get; set; }
}
