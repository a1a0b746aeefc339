namespace ConsultFlow.Server.Features.Notifications;

/// <summary>A delivery as the office sees it: to whom, through what, what it was about, how far it got, why it failed.</summary>
public sealed record DeliveryView(
    Guid Id, string Channel, string UserId, string Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? SentAt,
    Guid NotificationId, string Kind, string Title, Guid? CaseId);
