using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Notifications;

/// <summary>The deliveries owed and failed: re-queued after a restart on in-memory job storage, listed and re-sent for the office.</summary>
public sealed class NotificationDeliveries(IDbContextFactory<NotificationsDbContext> contexts, IBackgroundJobClient jobs)
{
    private const int Page = 500;

    /// <summary>
    /// Enqueues every delivery still pending. For the embedded default, whose job storage is in memory and starts
    /// empty; with PostgreSQL storage the jobs (and their scheduled retries) survive the restart themselves.
    /// </summary>
    public async Task<int> RequeuePendingAsync(CancellationToken ct)
    {
        var queued = 0;
        for (var after = DateTimeOffset.MinValue; ;)
        {
            var from = after;
            List<(Guid Id, DateTimeOffset CreatedAt)> page;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                page = (await db.Deliveries.AsNoTracking()
                    .Where(d => d.Status == nameof(DeliveryStatus.Pending) && d.CreatedAt > from)
                    .OrderBy(d => d.CreatedAt).Take(Page).Select(d => new { d.Id, d.CreatedAt }).ToListAsync(ct))
                    .Select(d => (d.Id, d.CreatedAt)).ToList();
            }
            foreach (var (id, _) in page) NotificationDeliveryJob.Enqueue(jobs, id);
            queued += page.Count;
            if (page.Count < Page) return queued;
            after = page[^1].CreatedAt;
        }
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
