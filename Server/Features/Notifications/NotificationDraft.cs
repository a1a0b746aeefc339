namespace ConsultFlow.Server.Features.Notifications;

/// <summary>What to tell, before it is addressed to users. <see cref="DedupKey"/> names the event, not the user.</summary>
public sealed record NotificationDraft(string Kind, string Title, string Body, string DedupKey)
{
    public Guid? CaseId { get; init; }
    public Guid? TaskId { get; init; }
}
