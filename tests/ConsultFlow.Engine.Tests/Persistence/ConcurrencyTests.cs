using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static ConsultFlow.Engine.Tests.Persistence.TestData;

namespace ConsultFlow.Engine.Tests.Persistence;

/// <summary>
/// What stops two steps of one instance from both winning, and proof that the loser leaves nothing behind: not its
/// snapshot, bookmarks, tasks, journal rows, pending resumes nor idempotency record.
/// </summary>
public abstract class ConcurrencyTests(PersistenceProvider provider, PostgresServer? postgres) : StoreTestBase(provider, postgres)
{
    [Fact]
    public async Task Second_save_from_the_same_revision_conflicts_and_writes_nothing()
    {
        var (parent, state) = await InsertParentAndInstanceAsync();
        var snapshotA = (await Instances.LoadAsync(state.InstanceId))!;
        var snapshotB = (await Instances.LoadAsync(state.InstanceId))!;

        var winner = StepOf(snapshotA, "A", parent.InstanceId);
        var loser = StepOf(snapshotB, "B", parent.InstanceId);
        await Instances.SaveAsync(winner);
        var act = () => Instances.SaveAsync(loser);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        await ShouldHoldOnly(winner, loser, state.InstanceId, expectedRevision: 2);
    }

    [Fact]
    public async Task Concurrent_saves_from_the_same_revision_let_exactly_one_win()
    {
        const int contenders = 6;
        var (parent, state) = await InsertParentAndInstanceAsync();
        var snapshot = (await Instances.LoadAsync(state.InstanceId))!;
        var nodes = Enumerable.Range(0, contenders).Select(_ => NewNode()).ToList();
        var steps = Enumerable.Range(0, contenders)
            .Select(i => StepOf(new InstanceSnapshot(Copy(snapshot.State), snapshot.Revision), $"N{i}", parent.InstanceId))
            .ToList();

        using var start = new ManualResetEventSlim();
        var saves = steps.Select((step, i) => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await nodes[i].GetRequiredService<IInstanceStore>().SaveAsync(step);
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        })).ToList();
        start.Set();
        var won = await Task.WhenAll(saves);
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        won.Count(w => w).Should().Be(1);
        var winner = steps[Array.IndexOf(won, true)];
        foreach (var loser in steps.Where(s => s != winner))
        {
            await ShouldHoldOnly(winner, loser, state.InstanceId, expectedRevision: 2);
        }
    }

    [Fact]
    public async Task Inserting_the_same_instance_twice_conflicts()
    {
        var state = Instance();
        await Instances.SaveAsync(Insert(state, Journal(state.InstanceId, 1)));

        var again = Insert(Copy(state), Journal(state.InstanceId, 1));
        var act = () => Instances.SaveAsync(again);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await Instances.LoadAsync(state.InstanceId))!.Revision.Should().Be(1);
    }

    [Fact]
    public async Task Updating_an_instance_that_does_not_exist_conflicts()
    {
        var act = () => Instances.SaveAsync(Update(Instance(), expectedRevision: 1));

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await Instances.ListInstancesAsync(new InstanceQuery())).Should().BeEmpty();
    }

    [Fact]
    public async Task Duplicate_journal_sequence_is_rejected_with_the_whole_step()
    {
        var state = Instance();
        await Instances.SaveAsync(Insert(state, Journal(state.InstanceId, 1)));

        // A step that reuses sequence 1 while its revision check passes: only the unique index can stop it.
        state.Bookmarks.Add(TimerBookmark(T0.AddHours(1)));
        var step = Update(state, 1, Journal(state.InstanceId, 2), Journal(state.InstanceId, 1) with { Message = "duplicate" });
        step.Tasks.Add(NewTask(state.InstanceId));
        var act = () => Instances.SaveAsync(step);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await Instances.LoadAsync(state.InstanceId))!.Revision.Should().Be(1);
        (await Instances.GetJournalAsync(state.InstanceId)).Select(j => (j.Sequence, j.Message)).Should().Equal((1L, "entry 1"));
        (await Instances.GetTaskAsync(step.Tasks[0].Id)).Should().BeNull();
        (await Instances.FindDueTimersAsync(T0.AddDays(1), 10)).Should().BeEmpty();
    }

    [Fact]
    public async Task Duplicate_idempotency_key_conflicts_and_the_second_instance_is_not_created()
    {
        var first = Instance();
        var firstStep = Insert(first, Journal(first.InstanceId, 1));
        firstStep.Idempotency = new IdempotencyRecord("start-42", "start", "h1", first.InstanceId, "{}", T0);
        await Instances.SaveAsync(firstStep);

        var second = Instance();
        var secondStep = Insert(second, Journal(second.InstanceId, 1));
        secondStep.Idempotency = new IdempotencyRecord("start-42", "start", "h1", second.InstanceId, "{}", T0.AddSeconds(1));
        var act = () => Instances.SaveAsync(secondStep);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await Instances.LoadAsync(second.InstanceId)).Should().BeNull();
        (await Instances.GetJournalAsync(second.InstanceId)).Should().BeEmpty();
        (await Instances.FindIdempotencyAsync("start-42"))!.InstanceId.Should().Be(first.InstanceId);
    }

    [Fact]
    public async Task A_step_over_two_instances_is_all_or_nothing()
    {
        var parent = Instance();
        await Instances.SaveAsync(Insert(parent));
        await Instances.SaveAsync(Update(parent, 1));

        // The child would be new, but the parent's revision is stale: neither may be written.
        var child = Instance();
        child.Parent = new ParentLink(parent.InstanceId, Guid.NewGuid());
        var step = Insert(child, Journal(child.InstanceId, 1));
        step.Instances.Add(new InstanceWrite(parent, ExpectedRevision: 1));
        var act = () => Instances.SaveAsync(step);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await Instances.LoadAsync(child.InstanceId)).Should().BeNull();
        (await Instances.GetJournalAsync(child.InstanceId)).Should().BeEmpty();
    }

    private async Task<(WorkflowState Parent, WorkflowState State)> InsertParentAndInstanceAsync()
    {
        var parent = Instance();
        await Instances.SaveAsync(Insert(parent));
        var state = Instance();
        state.Bookmarks.Add(MessageBookmark("reply", "K"));
        await Instances.SaveAsync(Insert(state, Journal(state.InstanceId, 1)));
        return (parent, state);
    }

    /// <summary>A step that touches everything a step can: snapshot, bookmarks, task, journal, resume, idempotency.</summary>
    private static StepChanges StepOf(InstanceSnapshot snapshot, string tag, Guid parentId)
    {
        var state = snapshot.State;
        state.Variables["by"] = tag;
        state.Bookmarks.Clear();
        state.Bookmarks.Add(MessageBookmark("reply-" + tag, "K"));
        var step = Update(state, snapshot.Revision, Journal(state.InstanceId, 2) with { Message = tag });
        step.Tasks.Add(NewTask(state.InstanceId, agency: "agency-" + tag));
        step.PendingResumesAdded.Add(new PendingResume(Guid.NewGuid(), parentId, Guid.NewGuid(), null, T0));
        step.Idempotency = new IdempotencyRecord("key-" + tag, "complete", "h", state.InstanceId, "{}", T0);
        return step;
    }

    private async Task ShouldHoldOnly(StepChanges winner, StepChanges loser, Guid instanceId, long expectedRevision)
    {
        var tag = (string)winner.Instances[0].State.Variables["by"]!;
        var loserTag = (string)loser.Instances[0].State.Variables["by"]!;
        var stored = (await Instances.LoadAsync(instanceId))!;
        stored.Revision.Should().Be(expectedRevision);
        ((string)stored.State.Variables["by"]!).Should().Be(tag);
        (await Instances.GetJournalAsync(instanceId)).Select(j => j.Message).Should().Equal("entry 1", tag);
        (await Instances.GetTaskAsync(winner.Tasks[0].Id)).Should().NotBeNull();
        (await Instances.GetTaskAsync(loser.Tasks[0].Id)).Should().BeNull();
        (await Instances.ListTasksAsync(new TaskQuery { InstanceId = instanceId })).Should().ContainSingle();
        (await Instances.FindMessageBookmarksAsync("reply-" + tag, "K")).Should().ContainSingle();
        (await Instances.FindMessageBookmarksAsync("reply-" + loserTag, "K")).Should().BeEmpty();
        (await Instances.FindMessageBookmarksAsync("reply", "K")).Should().BeEmpty();
        (await Instances.ListPendingResumesAsync(100)).Select(p => p.Id).Should().Equal(winner.PendingResumesAdded[0].Id);
        (await Instances.FindIdempotencyAsync("key-" + tag)).Should().NotBeNull();
        (await Instances.FindIdempotencyAsync("key-" + loserTag)).Should().BeNull();
    }
}
