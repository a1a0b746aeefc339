using ConsultFlow.Engine.Alerts;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Notifications;

/// <summary>
/// Stores a notification for every user holding one of the named roles, once per user and event, together with a
/// delivery per channel that can reach the user; the deliveries are then sent as Hangfire jobs (retried with backoff).
/// A duplicate (the same event again, or another node first) is skipped before anything is stored or sent, so a user
/// is told once however often the event is processed.
/// </summary>
public sealed class Notifier(
    IDbContextFactory<NotificationsDbContext> contexts,
    RecipientDirectory directory,
    IEnumerable<INotificationChannel> channels,
    IBackgroundJobClient jobs,
    TimeProvider clock)
{
    /// <summary>Returns how many users were newly notified.</summary>
    public async Task<int> NotifyAsync(NotificationDraft draft, IEnumerable<AlertRecipient> roles, CancellationToken ct)
    {
        var created = 0;
        foreach (var user in await directory.UsersAsync(roles, ct))
        {
            if (await TryStoreAsync(draft, user, ct) is not { } deliveries) continue;
            created++;
            foreach (var delivery in deliveries) NotificationDeliveryJob.Enqueue(jobs, delivery);
        }
        return created;
    }

    /// <summary>The new deliveries, or null when the user already has this notification.</summary>
    private async Task<List<Guid>?> TryStoreAsync(NotificationDraft draft, NotificationRecipient user, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Notifications.AnyAsync(n => n.UserId == user.UserId && n.DedupKey == draft.DedupKey, ct)) return null;
        var now = clock.GetUtcNow();
        var notification = new Notification
        {
            Id = Guid.NewGuid(),
            UserId = user.UserId,
            Kind = draft.Kind,
            Title = draft.Title,
            Body = draft.Body,
            CaseId = draft.CaseId,
            TaskId = draft.TaskId,
            DedupKey = draft.DedupKey,
            CreatedAt = now,
        };
        db.Notifications.Add(notification);
        // Stored with the notification, so a delivery is never owed without a record of it (and vice versa).
        var deliveries = channels.Where(c => c.CanReach(user)).Select(c => new NotificationDelivery
        {
            Id = Guid.NewGuid(),
            NotificationId = notification.Id,
            Channel = c.Name,
            UserId = user.UserId,
            Status = nameof(DeliveryStatus.Pending),
            CreatedAt = now,
        }).ToList();
        db.Deliveries.AddRange(deliveries);
        try
        {
            await db.SaveChangesAsync(ct);
            return deliveries.Select(d => d.Id).ToList();
        }
        catch (DbUpdateException)
        {
            // The unique (user, event) index: another node stored it between our check and our insert.
            return null;
        }
    }
}
