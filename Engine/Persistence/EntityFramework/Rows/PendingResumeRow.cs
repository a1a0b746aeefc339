namespace ConsultFlow.Engine.Persistence.EntityFramework.Rows;

/// <summary>A row of <c>pending_resumes</c>: a resume owed to <see cref="InstanceId"/>, deleted once delivered.</summary>
public sealed class PendingResumeRow
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid BookmarkId { get; set; }
    public string? DataJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
