using ConsultFlow.Engine.Evidence;
using ConsultFlow.Engine.Persistence.EntityFramework.Rows;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConsultFlow.Engine.Persistence.EntityFramework;

/// <summary>
/// <see cref="IInstanceStore"/> over EF Core. Each call uses its own short-lived context, so one instance of the store
/// serves the whole application.
/// <para>
/// Every journal entry is hash-chained to the case's entry before it (<see cref="CaseChainForm"/>) in the step's own
/// transaction, and the case row keeps the new head in the same revision-checked update: a step without its record,
/// or a record without its step, cannot be committed. No lock is shared between cases: two steps of one case are
/// already kept apart by the revision check, and steps of different cases never touch the same rows.
/// </para>
/// </summary>
public sealed class EfInstanceStore(IDbContextFactory<WorkflowDbContext> contextFactory, ChainOptions chain) : IInstanceStore, IMessageStore
{
    private static readonly string TimerKind = BookmarkKind.Timer.ToString();
    private static readonly string MessageKind = BookmarkKind.Message.ToString();
    private static readonly string OpenTask = HumanTaskStatus.Open.ToString();

    public async Task<InstanceSnapshot?> LoadAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var row = await db.Instances.AsNoTracking()
            .Where(i => i.Id == instanceId)
            .Select(i => new { i.StateJson, i.Revision })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : new InstanceSnapshot(RowMapping.ToState(row.StateJson), row.Revision);
    }

    public async Task SaveAsync(StepChanges changes, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        try
        {
            await SaveInTransactionAsync(db, changes, chain.Algorithm, ct);
        }
        catch (Exception ex) when (StoreErrors.IsConflict(ex))
        {
            // SaveInTransactionAsync has disposed (so rolled back) its transaction before we get here.
            throw new ConcurrencyConflictException("Another step saved first; reload the instance and try again.", ex);
        }
    }

    private static async Task SaveInTransactionAsync(WorkflowDbContext db, StepChanges changes, string algorithm, CancellationToken ct)
    {
        // On SQLite this is BEGIN IMMEDIATE: the write lock is taken (or waited for) up front, never half way through.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var (journal, heads) = await ChainJournalAsync(db, changes, algorithm, ct);
        foreach (var write in changes.Instances)
        {
            await WriteInstanceAsync(db, write, heads.GetValueOrDefault(write.State.InstanceId), ct);
            await SyncBookmarksAsync(db, write.State, ct);
            heads.Remove(write.State.InstanceId);
        }
        // Entries for a case whose snapshot this step does not write: its head moves on only if nobody else moved it.
        foreach (var (instanceId, head) in heads)
        {
            var moved = await db.Instances
                .Where(i => i.Id == instanceId && i.ChainLength == head.Before)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.ChainLength, head.Length).SetProperty(i => i.ChainHead, head.Hash), ct);
            if (moved == 0) throw new ConcurrencyConflictException($"The journal of instance {instanceId} moved on; reload it and try again.");
        }
        await UpsertTasksAsync(db, changes.Tasks, ct);
        db.Journal.AddRange(journal);
        db.PendingResumes.AddRange(changes.PendingResumesAdded.Select(RowMapping.ToRow));
        if (changes.PendingResumesDone.Count > 0)
        {
            var done = changes.PendingResumesDone;
            await db.PendingResumes.Where(r => done.Contains(r.Id)).ExecuteDeleteAsync(ct);
        }
        if (changes.Idempotency is { } idempotency)
        {
            db.IdempotencyRecords.Add(RowMapping.ToRow(idempotency));
        }
        // The outbox rows commit (or not) with the step: a message leaves exactly when its step happened. An inbox row
        // already there (the same message applied by another node) fails the primary key, which is a conflict.
        db.Outbox.AddRange(changes.Outbox.Select(m => new OutboxRow
        {
            Id = m.Id, InstanceId = m.InstanceId, ActivityId = m.ActivityId, MessageType = m.MessageType,
            Destination = m.Destination, PayloadJson = m.PayloadJson, CreatedAt = m.CreatedAt,
        }));
        db.Inbox.AddRange(changes.Inbox.Select(m => new InboxRow
        {
            MessageId = m.MessageId, InstanceId = m.InstanceId, MessageType = m.MessageType, ReceivedAt = m.ReceivedAt,
        }));

        await db.SaveChangesAsync(ct);
        foreach (var write in changes.Alongside)
        {
            await write(db.Database.GetDbConnection(), transaction.GetDbTransaction(), ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The step's journal rows, each linked to the one before it in its case, and each case's new head. The old head is
    /// read before the case row is updated; should another step commit in between, that update's revision check fails
    /// and the whole step with it, so a chain never forks.
    /// </summary>
    private static async Task<(List<JournalRow> Rows, Dictionary<Guid, ChainHead> Heads)> ChainJournalAsync(
        WorkflowDbContext db, StepChanges changes, string algorithm, CancellationToken ct)
    {
        var heads = new Dictionary<Guid, ChainHead>();
        var rows = new List<JournalRow>(changes.Journal.Count);
        if (changes.Journal.Count == 0) return (rows, heads);

        var inserted = changes.Instances.Where(w => w.ExpectedRevision is null).Select(w => w.State.InstanceId).ToHashSet();
        var existing = changes.Journal.Select(e => e.InstanceId).Where(id => !inserted.Contains(id)).Distinct().ToList();
        var stored = existing.Count == 0 ? [] : await db.Instances.AsNoTracking()
            .Where(i => existing.Contains(i.Id))
            .Select(i => new { i.Id, i.ChainLength, i.ChainHead })
            .ToDictionaryAsync(i => i.Id, ct);

        foreach (var entries in changes.Journal.GroupBy(e => e.InstanceId))
        {
            var before = stored.TryGetValue(entries.Key, out var s) ? s.ChainLength : 0;
            var hash = stored.TryGetValue(entries.Key, out s) ? s.ChainHead ?? HashAlgorithms.GenesisHash : HashAlgorithms.GenesisHash;
            var length = before;
            foreach (var entry in entries.OrderBy(e => e.Sequence))
            {
                if (entry.Sequence != length + 1)
                {
                    // Sequences come from the snapshot, which this step read at the revision it now updates.
                    throw new ConcurrencyConflictException(
                        $"Journal entry {entry.Sequence} of instance {entries.Key} does not follow entry {length}; reload it and try again.");
                }
                var row = RowMapping.ToRow(entry);
                var linked = CaseChainForm.Link(RowMapping.ToChainRow(row), hash, algorithm);
                RowMapping.CopyChain(linked, row);
                rows.Add(row);
                hash = linked.Hash;
                length = entry.Sequence;
            }
            heads[entries.Key] = new ChainHead(before, length, hash);
        }
        return (rows, heads);
    }

    private static async Task WriteInstanceAsync(WorkflowDbContext db, InstanceWrite write, ChainHead? head, CancellationToken ct)
    {
        if (write.ExpectedRevision is not { } expected)
        {
            // A second insert of the same id fails on the primary key, which StoreErrors reports as a conflict.
            var inserted = RowMapping.ToRow(write.State, revision: 1);
            inserted.ChainLength = head?.Length ?? 0;
            inserted.ChainHead = head?.Hash;
            db.Instances.Add(inserted);
            return;
        }

        // The revision check and the write are one statement. On PostgreSQL a concurrent step waits on the row lock
        // and then sees the new revision; on SQLite the write lock serializes the steps. Either way one step wins.
        var row = RowMapping.ToRow(write.State, expected + 1);
        var updated = await db.Instances
            .Where(i => i.Id == row.Id && i.Revision == expected)
            .ExecuteUpdateAsync(set =>
            {
                set.SetProperty(i => i.DefinitionId, row.DefinitionId)
                    .SetProperty(i => i.DefinitionVersion, row.DefinitionVersion)
                    .SetProperty(i => i.Status, row.Status)
                    .SetProperty(i => i.CorrelationKey, row.CorrelationKey)
                    .SetProperty(i => i.ParentInstanceId, row.ParentInstanceId)
                    .SetProperty(i => i.StartedByAgency, row.StartedByAgency)
                    .SetProperty(i => i.StateJson, row.StateJson)
                    .SetProperty(i => i.CreatedAt, row.CreatedAt)
                    .SetProperty(i => i.UpdatedAt, row.UpdatedAt)
                    .SetProperty(i => i.CompletedAt, row.CompletedAt)
                    .SetProperty(i => i.Revision, row.Revision);
                if (head is not null) set.SetProperty(i => i.ChainLength, head.Length).SetProperty(i => i.ChainHead, head.Hash);
            }, ct);
        if (updated == 0)
        {
            throw new ConcurrencyConflictException(
                $"Instance {row.Id} is no longer at revision {expected} (or does not exist); reload it and try again.");
        }
    }

    /// <summary>Makes the instance's rows in <c>bookmarks</c> exactly the bookmarks of its snapshot.</summary>
    private static async Task SyncBookmarksAsync(WorkflowDbContext db, WorkflowState state, CancellationToken ct)
    {
        var wanted = state.Bookmarks.ToDictionary(b => b.Id);
        var stored = await db.Bookmarks.Where(b => b.InstanceId == state.InstanceId).ToListAsync(ct);
        foreach (var row in stored)
        {
            if (wanted.Remove(row.Id, out var bookmark))
            {
                RowMapping.CopyInto(bookmark, state.InstanceId, row);
            }
            else
            {
                db.Bookmarks.Remove(row);
            }
        }
        db.Bookmarks.AddRange(wanted.Values.Select(b => RowMapping.ToRow(b, state.InstanceId)));
    }

    private static async Task UpsertTasksAsync(WorkflowDbContext db, List<HumanTask> tasks, CancellationToken ct)
    {
        if (tasks.Count == 0)
        {
            return;
        }
        // A task created and closed in the same step appears twice: its last state is the one to keep.
        var latest = tasks.GroupBy(t => t.Id).Select(g => g.Last()).ToList();
        var ids = latest.Select(t => t.Id).ToList();
        var stored = await db.HumanTasks.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        foreach (var task in latest)
        {
            if (stored.TryGetValue(task.Id, out var row))
            {
                RowMapping.CopyInto(task, row);
            }
            else
            {
                db.HumanTasks.Add(RowMapping.ToRow(task));
            }
        }
    }

    public async Task<Guid?> FindInstanceByBookmarkAsync(Guid bookmarkId, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Bookmarks.AsNoTracking()
            .Where(b => b.Id == bookmarkId)
            .Select(b => (Guid?)b.InstanceId)
            .SingleOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<BookmarkRef>> FindDueTimersAsync(DateTimeOffset now, int max, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.Bookmarks.AsNoTracking()
            .Where(b => b.Kind == TimerKind && b.DueAt != null && b.DueAt <= now)
            .OrderBy(b => b.DueAt).ThenBy(b => b.Id)
            .Take(max)
            .ToListAsync(ct);
        return rows.Select(ToRef).ToList();
    }

    public async Task<IReadOnlyList<BookmarkRef>> FindMessageBookmarksAsync(
        string messageName, string correlationKey, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.Bookmarks.AsNoTracking()
            .Where(b => b.Kind == MessageKind && b.MessageName == messageName && b.CorrelationKey == correlationKey)
            .OrderBy(b => b.CreatedAt).ThenBy(b => b.Id)
            .ToListAsync(ct);
        return rows.Select(ToRef).ToList();
    }

    private static BookmarkRef ToRef(BookmarkRow row) => new(row.InstanceId, row.Id, row.DueAt);

    public async Task<HumanTask?> GetTaskAsync(Guid taskId, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var row = await db.HumanTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, ct);
        return row is null ? null : RowMapping.ToTask(row);
    }

    /// <summary>Oldest first, so that work is done in the order it arrived.</summary>
    public async Task<IReadOnlyList<HumanTask>> ListTasksAsync(TaskQuery query, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var tasks = db.HumanTasks.AsNoTracking();
        if (query.InstanceId is { } instanceId)
        {
            tasks = tasks.Where(t => t.InstanceId == instanceId);
        }
        if (query.AssigneeAgency is { } agency)
        {
            tasks = tasks.Where(t => t.AssigneeAgency == agency);
        }
        if (query.AssigneeRole is { } role)
        {
            tasks = tasks.Where(t => t.AssigneeRole == role);
        }
        if (query.Status is { } status)
        {
            var statusName = status.ToString();
            tasks = tasks.Where(t => t.Status == statusName);
        }
        var rows = await tasks
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Skip(query.Skip).Take(query.Take)
            .ToListAsync(ct);
        return rows.Select(RowMapping.ToTask).ToList();
    }

    /// <summary>Newest first, as a person browsing instances expects.</summary>
    public async Task<IReadOnlyList<InstanceSummary>> ListInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var tasks = db.HumanTasks;
        // Project before materializing so that the (large) state_json column is not read. The open-task figures are
        // correlated subqueries on ix_human_tasks_instance_id, run for the page's rows only.
        var rows = await Filter(db, query)
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id)
            .Skip(query.Skip).Take(query.Take)
            .Select(i => new
            {
                i.Id,
                i.DefinitionId,
                i.DefinitionVersion,
                i.Status,
                i.CorrelationKey,
                i.StartedByAgency,
                i.CreatedAt,
                i.UpdatedAt,
                i.CompletedAt,
                OpenTaskCount = tasks.Count(t => t.InstanceId == i.Id && t.Status == OpenTask),
                NextDueAt = tasks.Where(t => t.InstanceId == i.Id && t.Status == OpenTask && t.DueAt != null)
                    .OrderBy(t => t.DueAt).ThenBy(t => t.Id).Select(t => t.DueAt).FirstOrDefault(),
                NextDueStartedAt = tasks.Where(t => t.InstanceId == i.Id && t.Status == OpenTask && t.DueAt != null)
                    .OrderBy(t => t.DueAt).ThenBy(t => t.Id).Select(t => (DateTimeOffset?)t.CreatedAt).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new InstanceSummary(
            r.Id, r.DefinitionId, r.DefinitionVersion, Enum.Parse<WorkflowStatus>(r.Status), r.CorrelationKey, r.CreatedAt, r.UpdatedAt, r.CompletedAt)
        {
            StartedByAgency = r.StartedByAgency,
            OpenTaskCount = r.OpenTaskCount,
            NextDueAt = r.NextDueAt,
            NextDueStartedAt = r.NextDueStartedAt,
        }).ToList();
    }

    public async Task<int> CountInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await Filter(db, query).CountAsync(ct);
    }

    /// <summary>The filters of <paramref name="query"/> as SQL, shared by the list and its count.</summary>
    private static IQueryable<InstanceRow> Filter(WorkflowDbContext db, InstanceQuery query)
    {
        var instances = db.Instances.AsNoTracking();
        if (query.DefinitionId is { } definitionId)
        {
            instances = instances.Where(i => i.DefinitionId == definitionId);
        }
        if (query.Status is { } status)
        {
            var statusName = status.ToString();
            instances = instances.Where(i => i.Status == statusName);
        }
        if (query.CorrelationKey is { } correlationKey)
        {
            instances = instances.Where(i => i.CorrelationKey == correlationKey);
        }
        if (query.PartyAgency is { } party)
        {
            instances = instances.Where(i => i.StartedByAgency == party
                || db.HumanTasks.Any(t => t.InstanceId == i.Id && t.AssigneeAgency == party));
        }
        if (query.CreatedFrom is { } from)
        {
            instances = instances.Where(i => i.CreatedAt >= from);
        }
        if (query.CreatedTo is { } to)
        {
            instances = instances.Where(i => i.CreatedAt < to);
        }
        if (query.OverdueAt is { } now)
        {
            instances = instances.Where(i => db.HumanTasks.Any(t => t.InstanceId == i.Id && t.Status == OpenTask && t.DueAt != null && t.DueAt <= now));
        }
        if (query.Text is { } text)
        {
            // lower() on both sides: PostgreSQL compares case-sensitively, SQLite's instr() too. Contains becomes
            // instr()/strpos(), so '%' and '_' in the text are matched literally.
            var lowered = text.ToLowerInvariant();
            var definitionIds = query.TextDefinitionIds?.ToList() ?? [];
            instances = instances.Where(i => (i.CorrelationKey != null && i.CorrelationKey.ToLower().Contains(lowered))
                || definitionIds.Contains(i.DefinitionId));
        }
        return instances;
    }

    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == instanceId)
            .OrderBy(j => j.Sequence)
            .ToListAsync(ct);
        return rows.Select(RowMapping.ToEntry).ToList();
    }

    public async Task<IdempotencyRecord?> FindIdempotencyAsync(string key, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var row = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key, ct);
        return row is null ? null : RowMapping.ToRecord(row);
    }

    /// <summary>Oldest first, so that a parent is resumed by its children in the order they finished.</summary>
    public async Task<IReadOnlyList<PendingResume>> ListPendingResumesAsync(int max, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.PendingResumes.AsNoTracking()
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Take(max)
            .ToListAsync(ct);
        return rows.Select(RowMapping.ToPendingResume).ToList();
    }

    public async Task<IReadOnlyList<OutboxMessage>> ClaimOutboxAsync(string node, DateTimeOffset now, TimeSpan lease, int max,
        CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var until = now + lease;
        List<OutboxRow> rows;
        if (db.Database.IsNpgsql())
        {
            // One statement: rows another relay holds locked right now are skipped rather than waited for, and a
            // row whose lease ran out (its relay died) is free again. The update is the claim; it commits at once.
            var nowUtc = now.UtcDateTime;
            var untilUtc = until.UtcDateTime;
            rows = await db.Outbox.FromSqlInterpolated($"""
                UPDATE outbox_messages SET claimed_by = {node}, claimed_until = {untilUtc}, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM outbox_messages
                    WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < {nowUtc})
                    ORDER BY created_at, id
                    LIMIT {max}
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).AsNoTracking().ToListAsync(ct);
        }
        else
        {
            // SQLite has one writer at a time (BEGIN IMMEDIATE), so select-then-update in a transaction is a claim. An
            // idle relay only reads: it takes the write lock only when there is something to claim.
            if (!await db.Outbox.AnyAsync(m => m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now), ct))
                return [];
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            rows = await db.Outbox
                .Where(m => m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
                .Take(max)
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                row.ClaimedBy = node;
                row.ClaimedUntil = until;
                row.Attempts++;
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new OutboxMessage(r.Id, r.InstanceId, r.ActivityId, r.MessageType, r.Destination, r.PayloadJson, r.CreatedAt))
            .ToList();
    }

    public async Task MarkOutboxSentAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset sentAt, CancellationToken ct = default)
    {
        if (ids.Count == 0) return;
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var list = ids.ToList();
        await db.Outbox.Where(m => list.Contains(m.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.LastError, (string?)null), ct);
    }

    public async Task ReleaseOutboxAsync(IReadOnlyCollection<Guid> ids, string error, CancellationToken ct = default)
    {
        if (ids.Count == 0) return;
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var list = ids.ToList();
        await db.Outbox.Where(m => list.Contains(m.Id) && m.SentAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, error), ct);
    }

    public async Task<int> CountUnsentOutboxAsync(CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Outbox.CountAsync(m => m.SentAt == null, ct);
    }

    public async Task<bool> InboxContainsAsync(Guid messageId, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Inbox.AnyAsync(m => m.MessageId == messageId, ct);
    }
}
