namespace ConsultFlow.Server.Features.Notifications;

/// <summary>
/// A way to reach a user outside the application (e-mail, SMS). For every new notification and every channel that can
/// reach the recipient a <see cref="NotificationDelivery"/> is stored with it and sent by <see cref="NotificationDeliveryJob"/>:
/// a send that throws is retried with backoff, and one that keeps failing is marked failed for the office to see.
/// </summary>
public interface INotificationChannel
{
    string Name { get; }

    /// <summary>Whether this channel is configured and the recipient has what it needs (an address).</summary>
    bool CanReach(NotificationRecipient to);

    Task SendAsync(NotificationRecipient to, NotificationDraft notification, CancellationToken ct);
}
