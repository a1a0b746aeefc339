using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// The engine's store, telling the scheduler what each committed step changed (its timers, its tasks, journal entries
/// to notify from). Told only after the commit: a crash before the scheduler acts loses nothing, because the worker
/// rebuilds every trigger from the stored bookmarks and tasks at start-up.
/// </summary>
public sealed class SchedulingInstanceStore(IInstanceStore inner, SchedulingSignals signals) : IInstanceStore
{
    public async Task SaveAsync(StepChanges changes, CancellationToken ct = default)
    {
        await inner.SaveAsync(changes, ct);
        var timers = changes.Instances.SelectMany(i => i.State.Bookmarks)
            .Where(b => b.Kind == BookmarkKind.Timer && b.DueAt is not null)
            .Select(b => new PlannedTimer(b.Id, b.DueAt!.Value)).ToList();
        var notifiable = changes.Journal.Any(j => j.Kind is JournalKind.TaskAssigned or JournalKind.AlertRaised);
        if (timers.Count > 0 || changes.Tasks.Count > 0 || notifiable)
            signals.Post(new ScheduleWork(timers, changes.Tasks.ToList(), notifiable));
    }

    public Task<InstanceSnapshot?> LoadAsync(Guid instanceId, CancellationToken ct = default) => inner.LoadAsync(instanceId, ct);
    public Task<Guid?> FindInstanceByBookmarkAsync(Guid bookmarkId, CancellationToken ct = default) => inner.FindInstanceByBookmarkAsync(bookmarkId, ct);
    public Task<IReadOnlyList<BookmarkRef>> FindDueTimersAsync(DateTimeOffset now, int max, CancellationToken ct = default) => inner.FindDueTimersAsync(now, max, ct);
    public Task<IReadOnlyList<BookmarkRef>> FindMessageBookmarksAsync(string messageName, string correlationKey, CancellationToken ct = default) =>
        inner.FindMessageBookmarksAsync(messageName, correlationKey, ct);
    public Task<HumanTask?> GetTaskAsync(Guid taskId, CancellationToken ct = default) => inner.GetTaskAsync(taskId, ct);
    public Task<IReadOnlyList<HumanTask>> ListTasksAsync(TaskQuery query, CancellationToken ct = default) => inner.ListTasksAsync(query, ct);
    public Task<IReadOnlyList<InstanceSummary>> ListInstancesAsync(InstanceQuery query, CancellationToken ct = default) => inner.ListInstancesAsync(query, ct);
    public Task<int> CountInstancesAsync(InstanceQuery query, CancellationToken ct = default) => inner.CountInstancesAsync(query, ct);
    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(Guid instanceId, CancellationToken ct = default) => inner.GetJournalAsync(instanceId, ct);
    public Task<IdempotencyRecord?> FindIdempotencyAsync(string key, CancellationToken ct = default) => inner.FindIdempotencyAsync(key, ct);
    public Task<IReadOnlyList<PendingResume>> ListPendingResumesAsync(int max, CancellationToken ct = default) => inner.ListPendingResumesAsync(max, ct);
}
