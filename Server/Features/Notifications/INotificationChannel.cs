namespace ConsultFlow.Server.Features.Notifications;

/// <summary>
/// A way to reach a user outside the application (e-mail, SMS). Every registered channel gets every new notification
/// once (on the node that stored it) and decides itself whether it can reach the recipient. A failure is logged and not
/// retried: the in-app notification is the record.
/// </summary>
public interface INotificationChannel
{
    string Name { get; }

    Task SendAsync(NotificationRecipient to, NotificationDraft notification, CancellationToken ct);
}
