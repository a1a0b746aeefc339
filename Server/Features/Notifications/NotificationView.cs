namespace ConsultFlow.Server.Features.Notifications;

/// <summary>A notification as the API returns it.</summary>
public sealed record NotificationView(Guid Id, string Kind, string Title, string Body, Guid? CaseId, Guid? TaskId,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static NotificationView Of(Notification n) => new(n.Id, n.Kind, n.Title, n.Body, n.CaseId, n.TaskId, n.CreatedAt, n.ReadAt);
}
