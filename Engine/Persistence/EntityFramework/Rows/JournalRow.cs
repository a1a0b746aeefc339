namespace ConsultFlow.Engine.Persistence.EntityFramework.Rows;

/// <summary>A row of <c>journal</c>. <see cref="Id"/> is a database identity; (InstanceId, Sequence) is the real key.</summary>
public sealed class JournalRow
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>A <see cref="State.JournalKind"/> name.</summary>
    public required string Kind { get; set; }
    public string? ActivityId { get; set; }
    public string? ActivityType { get; set; }
    public Guid? ExecutionId { get; set; }
    public string? ActorUser { get; set; }
    public string? ActorAgency { get; set; }
    public string? ActorRole { get; set; }
    public string? Message { get; set; }
    public string? DataJson { get; set; }
    /// <summary>The chain (see <see cref="Evidence.CaseChainForm"/>): null only on rows an upgrade has not reached yet.</summary>
    public string? Algorithm { get; set; }
    public string? PreviousHash { get; set; }
    public string? Hash { get; set; }

    /// <summary>The row as its chain sees it, for verifiers outside the engine.</summary>
    public Evidence.CaseChainRow ToChainRow() => RowMapping.ToChainRow(this);
}
