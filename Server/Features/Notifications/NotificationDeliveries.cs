using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Notifications;

/// <summary>The deliveries owed and failed: re-queued after a restart on in-memory job storage, listed and re-sent for the office.</summary>
public sealed class NotificationDeliveries(IDbContextFactory<NotificationsDbContext> contexts, IBackgroundJobClient jobs)
{
    /// <summary>
    /// Enqueues every delivery still pending. For the embedded default, whose job storage is in memory and starts
    /// empty; with PostgreSQL storage the jobs (and their scheduled retries) survive the restart themselves.
    /// </summary>
    public async Task<int> RequeuePendingAsync(CancellationToken ct)
    {
        // All ids in one read: the jobs start running (and mark deliveries sent) while this loop enqueues, so pages
        // over the pending ones would shift under it; a delivery owed is a small row and few are owed at a start.
        List<Guid> pending;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            pending = await db.Deliveries.AsNoTracking().Where(d => d.Status == nameof(DeliveryStatus.Pending))
                .OrderBy(d => d.CreatedAt).Select(d => d.Id).ToListAsync(ct);
        }
        foreach (var id in pending) NotificationDeliveryJob.Enqueue(jobs, id);
        return pending.Count;
    }

    /// <summary>Sends a failed (or still retrying) delivery again now, with a fresh round of attempts.</summary>
    public async Task<NotificationDelivery?> RetryAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (delivery is null || delivery.Status == nameof(DeliveryStatus.Sent)) return delivery;
        delivery.Status = nameof(DeliveryStatus.Pending);
        delivery.Attempts = 0;
        await db.SaveChangesAsync(ct);
        NotificationDeliveryJob.Enqueue(jobs, id);
        return delivery;
    }
}
