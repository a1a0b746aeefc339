using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Engine.Persistence;

/// <summary>
/// Where instances, their bookmarks, tasks, journal and idempotency records live. Implementations: in memory (unit
/// tests, benchmarks) and EF Core (SQLite, PostgreSQL).
/// </summary>
public interface IInstanceStore
{
    Task<InstanceSnapshot?> LoadAsync(Guid instanceId, CancellationToken ct = default);

    /// <summary>Commits the step atomically; throws <see cref="ConcurrencyConflictException"/> when a revision moved.</summary>
    Task SaveAsync(StepChanges changes, CancellationToken ct = default);

    /// <summary>The instance waiting on this bookmark (or task id), or null when none does any more.</summary>
    Task<Guid?> FindInstanceByBookmarkAsync(Guid bookmarkId, CancellationToken ct = default);

    Task<IReadOnlyList<BookmarkRef>> FindDueTimersAsync(DateTimeOffset now, int max, CancellationToken ct = default);

    Task<IReadOnlyList<BookmarkRef>> FindMessageBookmarksAsync(string messageName, string correlationKey, CancellationToken ct = default);

    Task<HumanTask?> GetTaskAsync(Guid taskId, CancellationToken ct = default);

    Task<IReadOnlyList<HumanTask>> ListTasksAsync(TaskQuery query, CancellationToken ct = default);

    /// <summary>Newest first; <see cref="InstanceQuery.Skip"/> and <see cref="InstanceQuery.Take"/> page the list.</summary>
    Task<IReadOnlyList<InstanceSummary>> ListInstancesAsync(InstanceQuery query, CancellationToken ct = default);

    /// <summary>
    /// How many instances the query's filters match, whatever the page. The stores count in one query; this default,
    /// for stores that only wrap another (test doubles), pages through the list.
    /// </summary>
    async Task<int> CountInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        const int page = 500;
        var count = 0;
        for (var skip = 0; ; skip += page)
        {
            var batch = await ListInstancesAsync(query with { Skip = skip, Take = page }, ct);
            count += batch.Count;
            if (batch.Count < page) return count;
        }
    }

    Task<IReadOnlyList<JournalEntry>> GetJournalAsync(Guid instanceId, CancellationToken ct = default);

    Task<IdempotencyRecord?> FindIdempotencyAsync(string key, CancellationToken ct = default);

    Task<IReadOnlyList<PendingResume>> ListPendingResumesAsync(int max, CancellationToken ct = default);
}
