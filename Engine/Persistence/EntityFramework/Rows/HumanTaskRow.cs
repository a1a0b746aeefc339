namespace ConsultFlow.Engine.Persistence.EntityFramework.Rows;

/// <summary>A row of <c>human_tasks</c>. Structured fields (texts, form, outcomes, data, closer) are JSON.</summary>
public sealed class HumanTaskRow
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public Guid? ScopeId { get; set; }
    public required string TitleJson { get; set; }
    public string? DescriptionJson { get; set; }
    public required string AssigneeAgency { get; set; }
    public required string AssigneeRole { get; set; }
    public required string FormJson { get; set; }
    public required string OutcomesJson { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public string? LegalBasis { get; set; }
    public string? CalendarVersion { get; set; }
    public bool DueEstimated { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>A <see cref="State.HumanTaskStatus"/> name.</summary>
    public required string Status { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedByJson { get; set; }
    public string? Outcome { get; set; }
    public string? DataJson { get; set; }
    public string? Comment { get; set; }
}
