using ConsultFlow.Engine.Alerts;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Notifications;

/// <summary>
/// Stores a notification for every user holding one of the named roles, once per user and event, and hands each one
/// this node stored to the channels (e-mail, SMS). A duplicate (the same event again, or another node first) is
/// skipped before anything is sent, so a user is told once however often the event is processed.
/// </summary>
public sealed class Notifier(
    IDbContextFactory<NotificationsDbContext> contexts,
    RecipientDirectory directory,
    IEnumerable<INotificationChannel> channels,
    TimeProvider clock,
    ILogger<Notifier> logger)
{
    /// <summary>Returns how many users were newly notified.</summary>
    public async Task<int> NotifyAsync(NotificationDraft draft, IEnumerable<AlertRecipient> roles, CancellationToken ct)
    {
        var created = 0;
        foreach (var user in await directory.UsersAsync(roles, ct))
        {
            if (!await TryStoreAsync(draft, user.UserId, ct)) continue;
            created++;
            foreach (var channel in channels)
            {
                try
                {
                    await channel.SendAsync(user, draft, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Channel {Channel} could not deliver {Kind} to {User}.", channel.Name, draft.Kind, user.UserName);
                }
            }
        }
        return created;
    }

    private async Task<bool> TryStoreAsync(NotificationDraft draft, string userId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Notifications.AnyAsync(n => n.UserId == userId && n.DedupKey == draft.DedupKey, ct)) return false;
        db.Notifications.Add(new Notification
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Kind = draft.Kind,
            Title = draft.Title,
            Body = draft.Body,
            CaseId = draft.CaseId,
            TaskId = draft.TaskId,
            DedupKey = draft.DedupKey,
            CreatedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // The unique (user, event) index: another node stored it between our check and our insert.
            return false;
        }
    }
}
