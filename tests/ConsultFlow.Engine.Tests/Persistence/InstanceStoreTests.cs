using System.Text.Json.Nodes;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static ConsultFlow.Engine.Tests.Persistence.TestData;

namespace ConsultFlow.Engine.Tests.Persistence;

/// <summary><see cref="EfInstanceStore"/> against a real database; run once per provider by the subclasses.</summary>
public abstract class InstanceStoreTests(PersistenceProvider provider, PostgresServer? postgres) : StoreTestBase(provider, postgres)
{
    [Fact]
    public async Task Snapshot_round_trips_with_variables_bookmarks_scopes_and_incident()
    {
        var scopeId = Guid.NewGuid();
        var executionId = Guid.NewGuid();
        var state = Instance(correlationKey: "DOC-2025-001");
        state.Parent = new ParentLink(Guid.NewGuid(), Guid.NewGuid());
        state.Input = new JsonObject { ["title"] = "关于某某条例的征求意见", ["agencies"] = new JsonArray("fgw", "sfj") };
        state.Variables = new JsonObject { ["round"] = 2, ["nested"] = new JsonObject { ["ok"] = true, ["note"] = null } };
        state.Outputs = new JsonObject { ["start"] = new JsonObject { ["at"] = "2025-03-01" } };
        state.Output = JsonValue.Create(42);
        state.Bookmarks.Add(TimerBookmark(new DateTimeOffset(2025, 3, 8, 9, 0, 0, TimeSpan.FromHours(8))));
        state.Bookmarks.Add(MessageBookmark("reply", "DOC-2025-001") with { ScopeId = scopeId, Payload = new JsonObject { ["x"] = 1 } });
        state.Scopes.Add(new ScopeState
        {
            Id = scopeId, OwnerActivityId = "each-agency", OwnerExecutionId = executionId, Index = 0,
            Item = JsonValue.Create("fgw"), Outputs = new JsonObject { ["opinion"] = "同意" }, Completed = true,
        });
        state.JoinWaits.Add(new JoinWait("join", scopeId));
        state.Queue.Add(new ScheduledWork(executionId, "notify", scopeId)
        {
            Resume = new ResumeEvent(TaskBookmark(Guid.NewGuid()), "agree", new JsonObject { ["a"] = 1 }, new Actor("u-1", "fgw", "reviewer"), T0),
        });
        state.Incident = new Incident("notify", executionId, "SMTP 服务不可用", typeof(TimeoutException).FullName, T0.AddMinutes(3));
        state.NextJournalSequence = 7;
        state.CompletedAt = T0.AddDays(1);

        await Instances.SaveAsync(Insert(state));
        var loaded = await Instances.LoadAsync(state.InstanceId);

        loaded.Should().NotBeNull();
        loaded!.Revision.Should().Be(1);
        WorkflowJson.Serialize(loaded.State).Should().Be(WorkflowJson.Serialize(state));
        loaded.State.Bookmarks[0].DueAt!.Value.Offset.Should().Be(TimeSpan.FromHours(8), "the snapshot keeps values as given");

        var summary = (await Instances.ListInstancesAsync(new InstanceQuery())).Single();
        summary.Should().Be(new InstanceSummary(
            state.InstanceId, "consultation", 1, WorkflowStatus.Suspended, "DOC-2025-001", T0, T0, T0.AddDays(1)));
    }

    [Fact]
    public async Task Updates_advance_the_revision_one_at_a_time()
    {
        var state = Instance();
        await Instances.SaveAsync(Insert(state));

        state.Status = WorkflowStatus.Completed;
        await Instances.SaveAsync(Update(state, expectedRevision: 1));
        await Instances.SaveAsync(Update(state, expectedRevision: 2));

        var loaded = await Instances.LoadAsync(state.InstanceId);
        loaded!.Revision.Should().Be(3);
        loaded.State.Status.Should().Be(WorkflowStatus.Completed);
        (await Instances.LoadAsync(Guid.NewGuid())).Should().BeNull();
    }

    [Fact]
    public async Task Bookmark_index_follows_the_snapshot()
    {
        var timer = TimerBookmark(T0.AddHours(1));
        var message = MessageBookmark("reply", "K-1");
        var state = Instance();
        state.Bookmarks.AddRange([timer, message]);
        await Instances.SaveAsync(Insert(state));

        (await Instances.FindInstanceByBookmarkAsync(timer.Id)).Should().Be(state.InstanceId);
        (await Instances.FindInstanceByBookmarkAsync(message.Id)).Should().Be(state.InstanceId);

        var task = TaskBookmark(Guid.NewGuid());
        state.Bookmarks.Remove(timer);
        state.Bookmarks.Add(task);
        await Instances.SaveAsync(Update(state, 1));

        (await Instances.FindInstanceByBookmarkAsync(timer.Id)).Should().BeNull();
        (await Instances.FindInstanceByBookmarkAsync(message.Id)).Should().Be(state.InstanceId);
        (await Instances.FindInstanceByBookmarkAsync(task.Id)).Should().Be(state.InstanceId);
        (await Instances.FindDueTimersAsync(T0.AddDays(1), 10)).Should().BeEmpty();

        state.Bookmarks.Clear();
        state.Status = WorkflowStatus.Completed;
        await Instances.SaveAsync(Update(state, 2));

        (await Instances.FindInstanceByBookmarkAsync(message.Id)).Should().BeNull();
        (await Instances.FindInstanceByBookmarkAsync(task.Id)).Should().BeNull();
        (await Instances.FindMessageBookmarksAsync("reply", "K-1")).Should().BeEmpty();
    }

    [Fact]
    public async Task Due_timers_are_those_due_by_now_oldest_first()
    {
        var beijing = TimeSpan.FromHours(8);
        var early = TimerBookmark(T0.AddHours(1));
        var exactlyNow = TimerBookmark(T0.AddHours(2).ToOffset(beijing));
        var later = TimerBookmark(T0.AddHours(2).AddTicks(10));
        var state1 = Instance();
        state1.Bookmarks.AddRange([exactlyNow, MessageBookmark("reply", "K")]);
        var state2 = Instance();
        state2.Bookmarks.AddRange([later, early]);
        await Instances.SaveAsync(Insert(state1));
        await Instances.SaveAsync(Insert(state2));

        var now = T0.AddHours(2).ToOffset(-TimeSpan.FromHours(5));
        var due = await Instances.FindDueTimersAsync(now, 10);

        due.Should().Equal(
            new BookmarkRef(state2.InstanceId, early.Id, T0.AddHours(1)),
            new BookmarkRef(state1.InstanceId, exactlyNow.Id, T0.AddHours(2)));
        due[1].DueAt!.Value.Offset.Should().Be(TimeSpan.Zero, "indexed times come back in UTC");
        (await Instances.FindDueTimersAsync(now, 1)).Select(r => r.BookmarkId).Should().Equal(early.Id);
        (await Instances.FindDueTimersAsync(T0, 10)).Should().BeEmpty();
        (await Instances.FindDueTimersAsync(T0.AddDays(1), 10)).Select(r => r.BookmarkId)
            .Should().Equal(early.Id, exactlyNow.Id, later.Id);
    }

    [Fact]
    public async Task Message_bookmarks_are_found_by_name_and_correlation_key()
    {
        var a = Instance();
        var waitingA = MessageBookmark("reply", "DOC-1", T0.AddMinutes(2));
        a.Bookmarks.AddRange([waitingA, MessageBookmark("reply", "DOC-2"), MessageBookmark("withdraw", "DOC-1")]);
        var b = Instance();
        var waitingB = MessageBookmark("reply", "DOC-1", T0.AddMinutes(1));
        b.Bookmarks.Add(waitingB);
        await Instances.SaveAsync(Insert(a));
        await Instances.SaveAsync(Insert(b));

        var found = await Instances.FindMessageBookmarksAsync("reply", "DOC-1");

        found.Should().Equal(new BookmarkRef(b.InstanceId, waitingB.Id, null), new BookmarkRef(a.InstanceId, waitingA.Id, null));
        (await Instances.FindMessageBookmarksAsync("reply", "DOC-3")).Should().BeEmpty();
    }

    [Fact]
    public async Task Tasks_are_upserted_by_id_and_listed_by_filters()
    {
        var a = Instance();
        var b = Instance();
        var reviewer = NewTask(a.InstanceId, "fgw", "reviewer", createdAt: T0.AddMinutes(1));
        var director = NewTask(a.InstanceId, "fgw", "director", createdAt: T0.AddMinutes(2));
        var otherAgency = NewTask(a.InstanceId, "sfj", "reviewer", createdAt: T0.AddMinutes(3));
        var otherInstance = NewTask(b.InstanceId, "fgw", "reviewer", createdAt: T0.AddMinutes(4));
        var insertA = Insert(a);
        insertA.Tasks.AddRange([director, reviewer, otherAgency]);
        var insertB = Insert(b);
        insertB.Tasks.Add(otherInstance);
        await Instances.SaveAsync(insertA);
        await Instances.SaveAsync(insertB);

        var stored = await Instances.GetTaskAsync(reviewer.Id);
        WorkflowJson.Serialize(stored).Should().Be(WorkflowJson.Serialize(reviewer));
        (await Instances.GetTaskAsync(Guid.NewGuid())).Should().BeNull();

        var completed = reviewer with
        {
            Status = HumanTaskStatus.Completed,
            ClaimedBy = "u-17",
            ClosedAt = T0.AddHours(3),
            ClosedBy = new Actor("u-17", "fgw", "reviewer"),
            Outcome = "agree",
            Data = new JsonObject { ["opinion"] = "无意见", ["agree"] = "yes" },
            Comment = "已阅",
        };
        var close = Update(a, 1);
        close.Tasks.Add(completed);
        await Instances.SaveAsync(close);

        WorkflowJson.Serialize(await Instances.GetTaskAsync(reviewer.Id)).Should().Be(WorkflowJson.Serialize(completed));
        async Task<IEnumerable<Guid>> List(TaskQuery query) => (await Instances.ListTasksAsync(query)).Select(t => t.Id);
        (await List(new TaskQuery())).Should().Equal(reviewer.Id, director.Id, otherAgency.Id, otherInstance.Id);
        (await List(new TaskQuery { AssigneeAgency = "fgw" })).Should().Equal(reviewer.Id, director.Id, otherInstance.Id);
        (await List(new TaskQuery { AssigneeAgency = "fgw", AssigneeRole = "reviewer", Status = HumanTaskStatus.Open }))
            .Should().Equal(otherInstance.Id);
        (await List(new TaskQuery { Status = HumanTaskStatus.Completed })).Should().Equal(reviewer.Id);
        (await List(new TaskQuery { InstanceId = b.InstanceId })).Should().Equal(otherInstance.Id);
        (await List(new TaskQuery { AssigneeRole = "reviewer", Skip = 1, Take = 1 })).Should().Equal(otherAgency.Id);
    }

    [Fact]
    public async Task A_task_created_and_closed_in_one_step_is_stored_closed()
    {
        var state = Instance();
        var task = NewTask(state.InstanceId);
        var changes = Insert(state);
        changes.Tasks.AddRange([task, task with { Status = HumanTaskStatus.Cancelled, ClosedAt = T0.AddMinutes(1) }]);

        await Instances.SaveAsync(changes);

        (await Instances.GetTaskAsync(task.Id))!.Status.Should().Be(HumanTaskStatus.Cancelled);
    }

    [Fact]
    public async Task Journal_is_appended_and_read_in_sequence_order()
    {
        var state = Instance();
        await Instances.SaveAsync(Insert(state, Journal(state.InstanceId, 1, JournalKind.InstanceStarted), Journal(state.InstanceId, 2)));
        var system = new JournalEntry(state.InstanceId, 3, T0.AddHours(1).ToOffset(TimeSpan.FromHours(8)), JournalKind.BookmarkResumed,
            null, null, null, Actor.System, null, null);
        await Instances.SaveAsync(Update(state, 1, Journal(state.InstanceId, 4), system));

        var journal = await Instances.GetJournalAsync(state.InstanceId);

        journal.Select(j => j.Sequence).Should().Equal(1, 2, 3, 4);
        journal[0].Kind.Should().Be(JournalKind.InstanceStarted);
        WorkflowJson.Serialize(journal[1]).Should().Be(WorkflowJson.Serialize(Journal(state.InstanceId, 2) with { ExecutionId = journal[1].ExecutionId }));
        journal[2].Should().Be(system);
        journal[2].At.Offset.Should().Be(TimeSpan.Zero);
        (await Instances.GetJournalAsync(Guid.NewGuid())).Should().BeEmpty();
    }

    [Fact]
    public async Task Pending_resumes_are_listed_oldest_first_until_done()
    {
        var parent = Instance();
        await Instances.SaveAsync(Insert(parent));
        var second = new PendingResume(Guid.NewGuid(), parent.InstanceId, Guid.NewGuid(), new JsonObject { ["result"] = "ok" }, T0.AddMinutes(2));
        var first = new PendingResume(Guid.NewGuid(), parent.InstanceId, Guid.NewGuid(), null, T0.AddMinutes(1));
        var child = Instance();
        var step = Insert(child);
        step.PendingResumesAdded.AddRange([second, first]);
        await Instances.SaveAsync(step);

        var pending = await Instances.ListPendingResumesAsync(10);
        pending.Select(p => p.Id).Should().Equal(first.Id, second.Id);
        WorkflowJson.Serialize(pending[1]).Should().Be(WorkflowJson.Serialize(second));
        (await Instances.ListPendingResumesAsync(1)).Select(p => p.Id).Should().Equal(first.Id);

        var deliver = Update(parent, 1);
        deliver.PendingResumesDone.Add(first.Id);
        await Instances.SaveAsync(deliver);

        (await Instances.ListPendingResumesAsync(10)).Select(p => p.Id).Should().Equal(second.Id);
    }

    [Fact]
    public async Task Idempotency_record_is_kept_and_found_by_key()
    {
        var state = Instance();
        var step = Insert(state);
        step.Idempotency = new IdempotencyRecord("key-1", "start", "sha256:abc", state.InstanceId, """{"instanceId":"x"}""", T0);
        await Instances.SaveAsync(step);

        (await Instances.FindIdempotencyAsync("key-1")).Should().Be(step.Idempotency);
        (await Instances.FindIdempotencyAsync("key-2")).Should().BeNull();
    }

    [Fact]
    public async Task Instances_are_listed_newest_first_by_filters()
    {
        var old = Instance(definitionId: "consultation", status: WorkflowStatus.Completed, correlationKey: "A", createdAt: T0);
        var mid = Instance(definitionId: "consultation", status: WorkflowStatus.Suspended, correlationKey: "B", createdAt: T0.AddHours(1));
        var recent = Instance(definitionId: "filing", status: WorkflowStatus.Suspended, correlationKey: "A", createdAt: T0.AddHours(2));
        foreach (var state in new[] { mid, recent, old })
        {
            await Instances.SaveAsync(Insert(state));
        }

        async Task<IEnumerable<Guid>> List(InstanceQuery query) => (await Instances.ListInstancesAsync(query)).Select(i => i.InstanceId);
        (await List(new InstanceQuery())).Should().Equal(recent.InstanceId, mid.InstanceId, old.InstanceId);
        (await List(new InstanceQuery { DefinitionId = "consultation" })).Should().Equal(mid.InstanceId, old.InstanceId);
        (await List(new InstanceQuery { Status = WorkflowStatus.Suspended })).Should().Equal(recent.InstanceId, mid.InstanceId);
        (await List(new InstanceQuery { CorrelationKey = "A" })).Should().Equal(recent.InstanceId, old.InstanceId);
        (await List(new InstanceQuery { Skip = 1, Take = 1 })).Should().Equal(mid.InstanceId);
    }

    [Fact]
    public async Task Instances_are_filtered_by_creation_range_overdue_tasks_and_text_and_counted_whatever_the_page()
    {
        var early = Instance(correlationKey: "SCJG-2025-001", createdAt: T0);
        var middle = Instance(correlationKey: "scjg-2025-002", createdAt: T0.AddDays(1));
        var late = Instance(definitionId: "criminal-referral", correlationKey: "GA_100%", createdAt: T0.AddDays(2));
        var overdueTask = NewTask(middle.InstanceId, createdAt: T0.AddDays(1)); // due T0 + 6 days
        var closedOverdue = NewTask(late.InstanceId, status: HumanTaskStatus.Completed, createdAt: T0); // due T0 + 5 days, but closed
        var lateOpen = NewTask(late.InstanceId, createdAt: T0.AddDays(2)); // due T0 + 7 days
        var insertMiddle = Insert(middle);
        insertMiddle.Tasks.Add(overdueTask);
        var insertLate = Insert(late);
        insertLate.Tasks.AddRange([closedOverdue, lateOpen]);
        await Instances.SaveAsync(Insert(early));
        await Instances.SaveAsync(insertMiddle);
        await Instances.SaveAsync(insertLate);

        async Task<IEnumerable<Guid>> List(InstanceQuery query) => (await Instances.ListInstancesAsync(query)).Select(i => i.InstanceId);
        (await List(new InstanceQuery { CreatedFrom = T0.AddDays(1) })).Should().Equal(late.InstanceId, middle.InstanceId);
        (await List(new InstanceQuery { CreatedTo = T0.AddDays(1) })).Should().Equal([early.InstanceId], "the end of the range is exclusive");
        (await List(new InstanceQuery { CreatedFrom = T0.AddHours(1).ToOffset(TimeSpan.FromHours(8)), CreatedTo = T0.AddDays(2) }))
            .Should().Equal(middle.InstanceId);
        (await List(new InstanceQuery { OverdueAt = T0.AddDays(6).AddTicks(-10) })).Should().BeEmpty("the closed task does not count");
        (await List(new InstanceQuery { OverdueAt = T0.AddDays(6) })).Should().Equal([middle.InstanceId], "due at exactly now is red");
        (await List(new InstanceQuery { OverdueAt = T0.AddDays(30) })).Should().Equal(late.InstanceId, middle.InstanceId);
        (await List(new InstanceQuery { Text = "Scjg-2025" })).Should().Equal(middle.InstanceId, early.InstanceId);
        (await List(new InstanceQuery { Text = "100%" })).Should().Equal(late.InstanceId);
        (await List(new InstanceQuery { Text = "_1" })).Should().Equal(late.InstanceId);
        (await List(new InstanceQuery { Text = "2025%" })).Should().BeEmpty("% is matched literally, not as a wildcard");
        (await List(new InstanceQuery { Text = "移送", TextDefinitionIds = ["criminal-referral"] })).Should().Equal(late.InstanceId);
        (await List(new InstanceQuery { Text = "001", TextDefinitionIds = ["criminal-referral"] })).Should().Equal(late.InstanceId, early.InstanceId);

        (await Instances.CountInstancesAsync(new InstanceQuery { Skip = 2, Take = 1 })).Should().Be(3);
        (await Instances.CountInstancesAsync(new InstanceQuery { Text = "scjg", CreatedFrom = T0.AddDays(1) })).Should().Be(1);
        (await Instances.CountInstancesAsync(new InstanceQuery { OverdueAt = T0.AddDays(30), DefinitionId = "consultation" })).Should().Be(1);
        (await Instances.CountInstancesAsync(new InstanceQuery { Status = WorkflowStatus.Completed })).Should().Be(0);
    }

    [Fact]
    public async Task Instance_summaries_carry_the_starter_and_the_open_tasks_with_the_earliest_due_time()
    {
        var state = Instance(correlationKey: "K-1");
        state.StartedBy = new Actor("u-1", "scjg", "staff");
        var quiet = Instance(createdAt: T0.AddMinutes(1));
        var later = NewTask(state.InstanceId, createdAt: T0.AddHours(2)); // due T0 + 5 days + 2 hours
        var sooner = NewTask(state.InstanceId, createdAt: T0.AddHours(1)); // due T0 + 5 days + 1 hour
        var undated = NewTask(state.InstanceId, createdAt: T0) with { DueAt = null };
        var closed = NewTask(state.InstanceId, status: HumanTaskStatus.Expired, createdAt: T0.AddDays(-9));
        var insert = Insert(state);
        insert.Tasks.AddRange([later, sooner, undated, closed]);
        await Instances.SaveAsync(insert);
        await Instances.SaveAsync(Insert(quiet));

        var summaries = await Instances.ListInstancesAsync(new InstanceQuery());

        summaries.Select(s => s.InstanceId).Should().Equal(quiet.InstanceId, state.InstanceId);
        var summary = summaries[1];
        summary.StartedByAgency.Should().Be("scjg");
        summary.OpenTaskCount.Should().Be(3);
        summary.NextDueAt.Should().Be(T0.AddHours(1).AddDays(5));
        summary.NextDueStartedAt.Should().Be(T0.AddHours(1));
        summaries[0].Should().BeEquivalentTo(new { StartedByAgency = (string?)null, OpenTaskCount = 0, NextDueAt = (DateTimeOffset?)null, NextDueStartedAt = (DateTimeOffset?)null });

        (await Instances.ListInstancesAsync(new InstanceQuery { PartyAgency = "scjg" })).Select(s => s.InstanceId).Should().Equal(state.InstanceId);
        (await Instances.CountInstancesAsync(new InstanceQuery { PartyAgency = "fgw" })).Should().Be(1, "fgw was assigned its tasks");
        (await Instances.CountInstancesAsync(new InstanceQuery { PartyAgency = "sfj" })).Should().Be(0);
    }
}
