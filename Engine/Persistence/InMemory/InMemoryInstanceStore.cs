using System.Text.Json;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Engine.Persistence.InMemory;

/// <summary>
/// An instance store in process memory for unit tests and benchmarks. Snapshots are kept as JSON text so a loaded
/// state never aliases the stored one, exactly as with a database; one lock makes each save atomic.
/// </summary>
public sealed class InMemoryInstanceStore : IInstanceStore, IMessageStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, (string Json, long Revision, WorkflowState Index)> instances = [];
    private readonly Dictionary<Guid, HumanTask> tasks = [];
    private readonly Dictionary<Guid, List<JournalEntry>> journal = [];
    private readonly Dictionary<string, IdempotencyRecord> idempotency = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, PendingResume> pendingResumes = [];
    private readonly Dictionary<Guid, Guid> instanceByBookmark = [];
    private readonly Dictionary<Guid, (OutboxMessage Message, DateTimeOffset? ClaimedUntil, bool Sent)> outbox = [];
    private readonly HashSet<(Guid MessageId, Guid InstanceId)> inbox = [];

    public Task<InstanceSnapshot?> LoadAsync(Guid instanceId, CancellationToken ct = default)
    {
        lock (gate)
            return Task.FromResult(instances.TryGetValue(instanceId, out var stored)
                ? new InstanceSnapshot(Deserialize(stored.Json), stored.Revision)
                : null);
    }

    public Task SaveAsync(StepChanges changes, CancellationToken ct = default)
    {
        if (changes.Alongside.Count > 0)
            throw new NotSupportedException("The in-memory store has no transaction to write other tables in.");
        lock (gate)
        {
            // Check everything first so that a conflict writes nothing.
            foreach (var write in changes.Instances)
            {
                var exists = instances.TryGetValue(write.State.InstanceId, out var stored);
                if (write.ExpectedRevision is null ? exists : !exists || stored.Revision != write.ExpectedRevision)
                    throw new ConcurrencyConflictException($"Instance {write.State.InstanceId} was changed by another step.");
            }
            if (changes.Idempotency is { } key && idempotency.ContainsKey(key.Key))
                throw new ConcurrencyConflictException($"Idempotency key '{key.Key}' is already taken.");
            foreach (var received in changes.Inbox)
                if (inbox.Contains((received.MessageId, received.InstanceId)))
                    throw new ConcurrencyConflictException($"Message {received.MessageId} was already applied to {received.InstanceId}.");
            foreach (var entry in changes.Journal)
                if (journal.TryGetValue(entry.InstanceId, out var entries) && entries.Count > 0 && entries[^1].Sequence >= entry.Sequence)
                    throw new ConcurrencyConflictException($"Journal entry {entry.Sequence} of {entry.InstanceId} already exists.");

            foreach (var write in changes.Instances)
            {
                var json = JsonSerializer.Serialize(write.State, WorkflowJson.Options);
                if (instances.TryGetValue(write.State.InstanceId, out var previous))
                    foreach (var bookmark in previous.Index.Bookmarks) instanceByBookmark.Remove(bookmark.Id);
                foreach (var bookmark in write.State.Bookmarks) instanceByBookmark[bookmark.Id] = write.State.InstanceId;
                instances[write.State.InstanceId] = (json, (write.ExpectedRevision ?? 0) + 1, Deserialize(json));
            }
            foreach (var task in changes.Tasks) tasks[task.Id] = task;
            foreach (var entry in changes.Journal)
            {
                if (!journal.TryGetValue(entry.InstanceId, out var entries)) journal[entry.InstanceId] = entries = [];
                entries.Add(entry);
            }
            foreach (var resume in changes.PendingResumesAdded) pendingResumes[resume.Id] = resume;
            foreach (var done in changes.PendingResumesDone) pendingResumes.Remove(done);
            if (changes.Idempotency is { } record) idempotency[record.Key] = record;
            foreach (var message in changes.Outbox) outbox[message.Id] = (message, null, false);
            foreach (var received in changes.Inbox) inbox.Add((received.MessageId, received.InstanceId));
        }
        return Task.CompletedTask;
    }

    public Task<Guid?> FindInstanceByBookmarkAsync(Guid bookmarkId, CancellationToken ct = default)
    {
        lock (gate)
            return Task.FromResult(instanceByBookmark.TryGetValue(bookmarkId, out var instanceId) ? instanceId : (Guid?)null);
    }

    public Task<IReadOnlyList<BookmarkRef>> FindDueTimersAsync(DateTimeOffset now, int max, CancellationToken ct = default)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<BookmarkRef>>(instances.Values
                .SelectMany(i => i.Index.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer && b.DueAt <= now)
                    .Select(b => new BookmarkRef(i.Index.InstanceId, b.Id, b.DueAt)))
                .OrderBy(b => b.DueAt).Take(max).ToList());
    }

    public Task<IReadOnlyList<BookmarkRef>> FindMessageBookmarksAsync(string messageName, string correlationKey, CancellationToken ct = default)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<BookmarkRef>>(instances.Values
                .SelectMany(i => i.Index.Bookmarks.Where(b => b.Kind == BookmarkKind.Message && b.MessageName == messageName && b.CorrelationKey == correlationKey)
                    .Select(b => new BookmarkRef(i.Index.InstanceId, b.Id, null)))
                .ToList());
    }

    public Task<HumanTask?> GetTaskAsync(Guid taskId, CancellationToken ct = default)
    {
        lock (gate) return Task.FromResult(tasks.GetValueOrDefault(taskId));
    }

    public Task<IReadOnlyList<HumanTask>> ListTasksAsync(TaskQuery query, CancellationToken ct = default)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<HumanTask>>(tasks.Values
                .Where(t => query.InstanceId is null || t.InstanceId == query.InstanceId)
                .Where(t => query.AssigneeAgency is null || t.AssigneeAgency == query.AssigneeAgency)
                .Where(t => query.AssigneeRole is null || t.AssigneeRole == query.AssigneeRole)
                .Where(t => query.Status is null || t.Status == query.Status)
                .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Skip(query.Skip).Take(query.Take).ToList());
    }

    public Task<IReadOnlyList<InstanceSummary>> ListInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<InstanceSummary>>(Matching(query)
                .OrderByDescending(s => s.CreatedAt).ThenBy(s => s.InstanceId).Skip(query.Skip).Take(query.Take)
                .Select(Summarize)
                .ToList());
    }

    public Task<int> CountInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        lock (gate) return Task.FromResult(Matching(query).Count());
    }

    /// <summary>The same filters as the EF store's query; call under the lock.</summary>
    private IEnumerable<WorkflowState> Matching(InstanceQuery query) => instances.Values.Select(i => i.Index)
        .Where(s => query.DefinitionId is null || s.DefinitionId == query.DefinitionId)
        .Where(s => query.Status is null || s.Status == query.Status)
        .Where(s => query.CorrelationKey is null || s.CorrelationKey == query.CorrelationKey)
        .Where(s => query.PartyAgency is null || s.StartedBy?.Agency == query.PartyAgency
            || tasks.Values.Any(t => t.InstanceId == s.InstanceId && t.AssigneeAgency == query.PartyAgency))
        .Where(s => query.CreatedFrom is null || s.CreatedAt >= query.CreatedFrom)
        .Where(s => query.CreatedTo is null || s.CreatedAt < query.CreatedTo)
        .Where(s => query.OverdueAt is not { } now
            || tasks.Values.Any(t => t.InstanceId == s.InstanceId && t.Status == HumanTaskStatus.Open && t.DueAt <= now))
        .Where(s => query.Text is not { } text
            || (s.CorrelationKey?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
            || (query.TextDefinitionIds?.Contains(s.DefinitionId) ?? false));

    private InstanceSummary Summarize(WorkflowState s)
    {
        var open = tasks.Values.Where(t => t.InstanceId == s.InstanceId && t.Status == HumanTaskStatus.Open).ToList();
        var next = open.Where(t => t.DueAt is not null).OrderBy(t => t.DueAt).ThenBy(t => t.Id).FirstOrDefault();
        return new InstanceSummary(s.InstanceId, s.DefinitionId, s.DefinitionVersion, s.Status, s.CorrelationKey, s.CreatedAt, s.UpdatedAt, s.CompletedAt)
        {
            StartedByAgency = s.StartedBy?.Agency,
            OpenTaskCount = open.Count,
            NextDueAt = next?.DueAt,
            NextDueStartedAt = next?.CreatedAt,
        };
    }

    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(Guid instanceId, CancellationToken ct = default)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<JournalEntry>>(journal.TryGetValue(instanceId, out var entries) ? entries.ToList() : []);
    }

    public Task<IdempotencyRecord?> FindIdempotencyAsync(string key, CancellationToken ct = default)
    {
        lock (gate) return Task.FromResult(idempotency.GetValueOrDefault(key));
    }

    public Task<IReadOnlyList<PendingResume>> ListPendingResumesAsync(int max, CancellationToken ct = default)
    {
        lock (gate) return Task.FromResult<IReadOnlyList<PendingResume>>(pendingResumes.Values.OrderBy(p => p.CreatedAt).Take(max).ToList());
    }

    private static WorkflowState Deserialize(string json) => JsonSerializer.Deserialize<WorkflowState>(json, WorkflowJson.Options)!;

    public Task<IReadOnlyList<OutboxMessage>> ClaimOutboxAsync(string node, DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct = default)
    {
        lock (gate)
        {
            var claimed = outbox.Values.Where(m => !m.Sent && (m.ClaimedUntil is null || m.ClaimedUntil < now))
                .Select(m => m.Message).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(max).ToList();
            foreach (var message in claimed) outbox[message.Id] = (message, now + lease, false);
            return Task.FromResult<IReadOnlyList<OutboxMessage>>(claimed);
        }
    }

    public Task MarkOutboxSentAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset sentAt, CancellationToken ct = default)
    {
        lock (gate)
            foreach (var id in ids)
                if (outbox.TryGetValue(id, out var entry)) outbox[id] = entry with { Sent = true };
        return Task.CompletedTask;
    }

    public Task ReleaseOutboxAsync(IReadOnlyCollection<Guid> ids, string error, CancellationToken ct = default)
    {
        lock (gate)
            foreach (var id in ids)
                if (outbox.TryGetValue(id, out var entry) && !entry.Sent) outbox[id] = entry with { ClaimedUntil = null };
        return Task.CompletedTask;
    }

    public Task<int> CountUnsentOutboxAsync(CancellationToken ct = default)
    {
        lock (gate) return Task.FromResult(outbox.Values.Count(m => !m.Sent));
    }

    public Task<bool> InboxContainsAsync(Guid messageId, CancellationToken ct = default)
    {
        lock (gate) return Task.FromResult(inbox.Any(m => m.MessageId == messageId));
    }
}
