using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Notifications;

/// <summary>
/// Sends one <see cref="NotificationDelivery"/> through its channel. A failed attempt is written to the delivery
/// (attempts, last error) and rethrown, so Hangfire retries it with backoff; after the last attempt the delivery is
/// <see cref="DeliveryStatus.Failed"/> and shown to the office (GET /api/notification-deliveries?status=failed) and the
/// job is failed on the dashboard. A delivery already sent is not sent again, whoever runs the job twice.
/// </summary>
public sealed class NotificationDeliveryJob(
    IDbContextFactory<NotificationsDbContext> contexts,
    RecipientDirectory directory,
    IEnumerable<INotificationChannel> channels,
    TimeProvider clock,
    ILogger<NotificationDeliveryJob> logger)
{
    /// <summary>The first attempt and five retries: 15 s, 1 min, 5 min, 15 min, 1 h after each failure.</summary>
    public const int MaxAttempts = 6;

    public static void Enqueue(IBackgroundJobClient jobs, Guid deliveryId) =>
        jobs.Enqueue<NotificationDeliveryJob>(job => job.SendAsync(deliveryId, CancellationToken.None));

    [AutomaticRetry(Attempts = MaxAttempts - 1, DelaysInSeconds = [15, 60, 300, 900, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task SendAsync(Guid deliveryId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, ct);
        if (delivery is null || delivery.Status == nameof(DeliveryStatus.Sent)) return;
        var notification = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == delivery.NotificationId, ct);
        delivery.Attempts++;
        delivery.LastAttemptAt = clock.GetUtcNow();
        try
        {
            var channel = channels.FirstOrDefault(c => c.Name == delivery.Channel)
                ?? throw new InvalidOperationException($"通知渠道“{delivery.Channel}”未配置 (no channel '{delivery.Channel}' is configured).");
            var to = await directory.UserAsync(delivery.UserId, ct)
                ?? throw new InvalidOperationException($"收件人 {delivery.UserId} 已不在目录中 (the recipient is no longer in the directory).");
            if (!channel.CanReach(to)) throw new InvalidOperationException($"收件人 {to.UserName} 已无可用地址 (the recipient has no address for {channel.Name}).");
            await channel.SendAsync(to, new NotificationDraft(notification.Kind, notification.Title, notification.Body, notification.DedupKey)
            {
                CaseId = notification.CaseId,
                TaskId = notification.TaskId,
            }, ct);
            delivery.Status = nameof(DeliveryStatus.Sent);
            delivery.SentAt = clock.GetUtcNow();
            delivery.LastError = null;
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            delivery.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
            delivery.Status = delivery.Attempts >= MaxAttempts ? nameof(DeliveryStatus.Failed) : nameof(DeliveryStatus.Pending);
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning(ex, "Delivery {Delivery} of {Kind} through {Channel} failed (attempt {Attempt} of {Max}).",
                delivery.Id, notification.Kind, delivery.Channel, delivery.Attempts, MaxAttempts);
            throw;
        }
    }
}
