using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.InMemory;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Engine.Tests.Runtime;

/// <summary>
/// A process that dies while committing a step leaves nothing of that step behind, and nothing that was committed runs
/// again. The "crash" is a store whose commit fails before anything is written, as a power cut before COMMIT would.
/// </summary>
public sealed class CrashTests
{
    private sealed class CrashingStore(InMemoryInstanceStore inner) : IInstanceStore
    {
        public Func<StepChanges, bool> CrashWhen { get; set; } = _ => false;

        public Task SaveAsync(StepChanges changes, CancellationToken ct = default) =>
            CrashWhen(changes) ? throw new IOException("power cut before commit") : inner.SaveAsync(changes, ct);

        public Task<InstanceSnapshot?> LoadAsync(Guid id, CancellationToken ct = default) => inner.LoadAsync(id, ct);
        public Task<Guid?> FindInstanceByBookmarkAsync(Guid id, CancellationToken ct = default) => inner.FindInstanceByBookmarkAsync(id, ct);
        public Task<IReadOnlyList<BookmarkRef>> FindDueTimersAsync(DateTimeOffset now, int max, CancellationToken ct = default) => inner.FindDueTimersAsync(now, max, ct);
        public Task<IReadOnlyList<BookmarkRef>> FindMessageBookmarksAsync(string name, string key, CancellationToken ct = default) => inner.FindMessageBookmarksAsync(name, key, ct);
        public Task<HumanTask?> GetTaskAsync(Guid id, CancellationToken ct = default) => inner.GetTaskAsync(id, ct);
        public Task<IReadOnlyList<HumanTask>> ListTasksAsync(TaskQuery q, CancellationToken ct = default) => inner.ListTasksAsync(q, ct);
        public Task<IReadOnlyList<InstanceSummary>> ListInstancesAsync(InstanceQuery q, CancellationToken ct = default) => inner.ListInstancesAsync(q, ct);
        public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(Guid id, CancellationToken ct = default) => inner.GetJournalAsync(id, ct);
        public Task<IdempotencyRecord?> FindIdempotencyAsync(string key, CancellationToken ct = default) => inner.FindIdempotencyAsync(key, ct);
        public Task<IReadOnlyList<PendingResume>> ListPendingResumesAsync(int max, CancellationToken ct = default) => inner.ListPendingResumesAsync(max, ct);
    }

    [Fact]
    public async Task A_crash_while_committing_a_completion_loses_nothing_and_the_repeat_runs_once()
    {
        var store = new CrashingStore(new InMemoryInstanceStore());
        var h = new EngineHarness(store);
        await h.PublishAsync(Flows.Review);
        var started = await h.StartAsync("review", """{ "amount": 500 }""");
        var task = await h.OpenTaskAsync(started.InstanceId, "review");
        var journalBefore = await h.JournalAsync(started.InstanceId);

        store.CrashWhen = _ => true;
        var crashed = () => h.CompleteAsync(task, "accept");
        await crashed.Should().ThrowAsync<IOException>();

        (await h.StateAsync(started.InstanceId)).Status.Should().Be(WorkflowStatus.Suspended);
        (await h.Instances.GetTaskAsync(task.Id))!.Status.Should().Be(HumanTaskStatus.Open);
        (await h.JournalAsync(started.InstanceId)).Should().HaveCount(journalBefore.Count);

        store.CrashWhen = _ => false;
        var done = await h.CompleteAsync(task, "accept");
        done.Status.Should().Be(WorkflowStatus.Completed);
        var journal = await h.JournalAsync(started.InstanceId);
        journal.Count(e => e.Kind == JournalKind.TaskCompleted).Should().Be(1);
        journal.Select(e => e.Sequence).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_crash_between_a_child_finishing_and_its_parent_resuming_is_made_good_by_the_owed_resume()
    {
        var store = new CrashingStore(new InMemoryInstanceStore());
        var h = new EngineHarness(store);
        await h.PublishAsync(Flows.Review);
        await h.PublishAsync(Flows.Parent(wait: true));
        var parent = await h.StartAsync("parent");
        var child = (await h.Instances.ListInstancesAsync(new() { DefinitionId = "review" })).Single();

        // The child's step commits (with the resume it owes); the parent's step then dies. The completion itself
        // succeeded, so its caller is told so.
        store.CrashWhen = changes => changes.PendingResumesDone.Count > 0;
        var completed = await h.CompleteAsync(await h.OpenTaskAsync(child.InstanceId, "review"), "accept");
        completed.Status.Should().Be(WorkflowStatus.Completed);
        (await h.StateAsync(parent.InstanceId)).Status.Should().Be(WorkflowStatus.Suspended);
        (await h.Instances.ListPendingResumesAsync(10)).Should().HaveCount(1);

        // After restart, the poller delivers what is owed.
        store.CrashWhen = _ => false;
        (await h.Runtime.ProcessPendingResumesAsync()).Should().Be(1);

        (await h.StateAsync(parent.InstanceId)).Status.Should().Be(WorkflowStatus.Completed);
        (await h.Instances.ListPendingResumesAsync(10)).Should().BeEmpty();
        (await h.Runtime.ProcessPendingResumesAsync()).Should().Be(0);
    }
}
