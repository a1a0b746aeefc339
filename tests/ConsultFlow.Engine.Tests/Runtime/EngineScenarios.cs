using System.Text.Json.Nodes;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Engine.Tests.Runtime;

/// <summary>
/// The engine's behaviour, run against each store (in memory, SQLite, PostgreSQL) by the subclasses, so the database
/// versions prove the same semantics hold when every step really goes through a transaction.
/// </summary>
public abstract class EngineScenarios
{
    protected abstract Task<EngineHarness> CreateAsync();

    private static string Json(InstanceResult result) => ConsultFlow.Engine.Definitions.WorkflowJson.Serialize(result);

    [Fact]
    public async Task A_task_blocks_the_instance_and_its_outcome_drives_the_rest()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Review);

        var started = await h.StartAsync("review", """{ "amount": 500 }""");

        started.Status.Should().Be(WorkflowStatus.Suspended);
        var task = await h.OpenTaskAsync(started.InstanceId, "review");
        task.AssigneeAgency.Should().Be("sfj");
        task.AssigneeRole.Should().Be("coordinator");
        task.Title.Zh.Should().Be("审议会商申请");
        task.LegalBasis.Should().Be("会商制度 第六条");
        // Monday 2 March 2026 + 3 working days: ends at 24:00 on Thursday 5 March.
        task.DueAt.Should().Be(new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.FromHours(8)));
        started.OpenTaskIds.Should().Equal(task.Id);

        var done = await h.CompleteAsync(task, "accept", """{ "format": "onSite" }""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!.GetValue<string>().Should().Be("big:accept");
        (await h.StateAsync(started.InstanceId)).Variables["decision"]!.GetValue<string>().Should().Be("accept");
        var closed = await h.Instances.GetTaskAsync(task.Id);
        closed!.Status.Should().Be(HumanTaskStatus.Completed);
        closed.Outcome.Should().Be("accept");
        closed.ClosedBy.Should().Be(EngineHarness.Alice);
    }

    [Fact]
    public async Task Journal_records_every_step_in_order_with_actor()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Review);
        var started = await h.StartAsync("review", """{ "amount": 5 }""");
        await h.CompleteAsync(await h.OpenTaskAsync(started.InstanceId, "review"), "accept", actor: EngineHarness.Bob);

        var journal = await h.JournalAsync(started.InstanceId);

        journal.Select(e => e.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        journal.Select(e => e.Kind).Should().ContainInOrder(
            JournalKind.InstanceStarted, JournalKind.ActivityStarted, JournalKind.ActivityCompleted, JournalKind.ActivityStarted,
            JournalKind.TaskAssigned, JournalKind.BookmarkCreated, JournalKind.TaskCompleted, JournalKind.BookmarkResumed,
            JournalKind.ActivityCompleted, JournalKind.VariableSet, JournalKind.InstanceCompleted);
        journal.Single(e => e.Kind == JournalKind.TaskCompleted).Actor.Should().Be(EngineHarness.Bob);
        journal.Last().Data!.GetValue<string>().Should().Be("small:accept");
    }

    [Fact]
    public async Task Form_data_that_does_not_fit_is_rejected_naming_the_fields_and_changes_nothing()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Review);
        var started = await h.StartAsync("review", """{ "amount": 5 }""");
        var task = await h.OpenTaskAsync(started.InstanceId, "review");
        var journalBefore = (await h.JournalAsync(started.InstanceId)).Count;

        var noReason = () => h.CompleteAsync(task, "reject", """{ "format": "teleconference", "extra": 1 }""");
        var unknownOutcome = () => h.CompleteAsync(task, "approve");

        (await noReason.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field)
            .Should().BeEquivalentTo("data.reason", "data.format", "data.extra");
        (await unknownOutcome.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("outcome");
        (await h.Instances.GetTaskAsync(task.Id))!.Status.Should().Be(HumanTaskStatus.Open);
        (await h.JournalAsync(started.InstanceId)).Should().HaveCount(journalBefore);
        (await h.StateAsync(started.InstanceId)).Status.Should().Be(WorkflowStatus.Suspended);
    }

    [Fact]
    public async Task Start_input_is_checked_against_the_declared_inputs()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Opinions());

        var missing = () => h.StartAsync("opinions", "{}");
        var wrongType = () => h.StartAsync("opinions", """{ "agencies": "scjg" }""");
        var unknown = () => h.StartAsync("opinions", """{ "agencies": [], "colour": "red" }""");

        (await missing.Should().ThrowAsync<EngineException>()).Which.Errors.Single().Field.Should().Be("input.agencies");
        (await wrongType.Should().ThrowAsync<EngineException>()).Which.Errors.Single().Field.Should().Be("input.agencies");
        (await unknown.Should().ThrowAsync<EngineException>()).Which.Errors.Single().Field.Should().Be("input.colour");
        (await h.Instances.ListInstancesAsync(new())).Should().BeEmpty();
    }

    [Fact]
    public async Task A_consumed_task_cannot_be_completed_again()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Review);
        var started = await h.StartAsync("review", """{ "amount": 5 }""");
        var task = await h.OpenTaskAsync(started.InstanceId, "review");
        await h.CompleteAsync(task, "accept");

        var again = () => h.CompleteAsync(task, "reject", """{ "reason": "x" }""");

        (await again.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.Conflict);
        (await h.Instances.GetTaskAsync(task.Id))!.Outcome.Should().Be("accept");
    }

    [Fact]
    public async Task A_repeated_request_with_the_same_idempotency_key_returns_the_first_result()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Review);

        var first = await h.StartAsync("review", """{ "amount": 5 }""", key: "start-1");
        var second = await h.StartAsync("review", """{ "amount": 5 }""", key: "start-1");
        var task = await h.OpenTaskAsync(first.InstanceId, "review");
        var completed = await h.CompleteAsync(task, "accept", key: "done-1");
        var completedAgain = await h.CompleteAsync(task, "accept", key: "done-1");
        var reused = () => h.StartAsync("review", """{ "amount": 6 }""", key: "start-1");

        Json(second).Should().Be(Json(first));
        (await h.Instances.ListInstancesAsync(new())).Should().HaveCount(1);
        Json(completedAgain).Should().Be(Json(completed));
        (await h.JournalAsync(first.InstanceId)).Count(e => e.Kind == JournalKind.TaskCompleted).Should().Be(1);
        (await reused.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.IdempotencyKeyReused);
    }

    [Fact]
    public async Task Fifty_concurrent_completions_of_one_task_have_exactly_one_winner()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Review);
        var started = await h.StartAsync("review", """{ "amount": 5 }""");
        var task = await h.OpenTaskAsync(started.InstanceId, "review");

        var attempts = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            try
            {
                await h.CompleteAsync(task, "accept", $$"""{ "format": "{{(i % 2 == 0 ? "roundTable" : "onSite")}}" }""");
                return "won";
            }
            catch (EngineException ex) when (ex.Code == EngineErrorCode.Conflict)
            {
                return "conflict";
            }
        })).ToList();
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(o => o == "won").Should().Be(1);
        outcomes.Count(o => o == "conflict").Should().Be(49);
        var journal = await h.JournalAsync(started.InstanceId);
        journal.Count(e => e.Kind == JournalKind.TaskCompleted).Should().Be(1);
        journal.Count(e => e.Kind == JournalKind.InstanceCompleted).Should().Be(1);
        journal.Select(e => e.Sequence).Should().OnlyHaveUniqueItems();
        (await h.StateAsync(started.InstanceId)).Status.Should().Be(WorkflowStatus.Completed);
    }

    [Fact]
    public async Task Wait_all_join_continues_only_after_every_branch()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.ForkJoin("waitAll"));
        var started = await h.StartAsync("fork-join-waitall");
        (await h.OpenTasksAsync(started.InstanceId)).Select(t => t.AssigneeAgency).Should().BeEquivalentTo("gaj", "jcy");

        var afterOne = await h.CompleteAsync(await h.OpenTaskAsync(started.InstanceId, "police"), "done");
        afterOne.Status.Should().Be(WorkflowStatus.Suspended);
        (await h.OpenTasksAsync(started.InstanceId)).Select(t => t.ActivityId).Should().Equal("procuratorate");

        await h.CompleteAsync(await h.OpenTaskAsync(started.InstanceId, "procuratorate"), "done");
        (await h.OpenTasksAsync(started.InstanceId)).Select(t => t.ActivityId).Should().Equal("after");
        (await h.JournalAsync(started.InstanceId)).Count(e => e.Kind == JournalKind.ActivityStarted && e.ActivityId == "join").Should().Be(1);
    }

    [Fact]
    public async Task Wait_any_join_continues_on_the_first_branch_and_cancels_the_other()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.ForkJoin("waitAny"));
        var started = await h.StartAsync("fork-join-waitany");
        var procuratorate = await h.OpenTaskAsync(started.InstanceId, "procuratorate");

        await h.CompleteAsync(await h.OpenTaskAsync(started.InstanceId, "police"), "done");

        (await h.OpenTasksAsync(started.InstanceId)).Select(t => t.ActivityId).Should().Equal("after");
        (await h.Instances.GetTaskAsync(procuratorate.Id))!.Status.Should().Be(HumanTaskStatus.Cancelled);
        var late = () => h.CompleteAsync(procuratorate, "done");
        (await late.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.Conflict);
    }

    [Fact]
    public async Task Parallel_for_each_assigns_one_task_per_item_and_collects_every_result()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Opinions());
        var started = await h.StartAsync("opinions", """{ "agencies": ["scjg", "zrzy", "zhzf"] }""");

        var tasks = await h.OpenTasksAsync(started.InstanceId);
        tasks.Select(t => t.AssigneeAgency).Should().BeEquivalentTo("scjg", "zrzy", "zhzf");
        foreach (var task in tasks.Take(2))
            (await h.CompleteAsync(task, "agree", """{ "opinion": "同意" }""")).Status.Should().Be(WorkflowStatus.Suspended);
        var done = await h.CompleteAsync(tasks[2], "disagree", """{ "opinion": "管辖有异议" }""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        var results = done.Output!.AsArray();
        results.Should().HaveCount(3);
        results.Select(r => r!["outputs"]!["opinion"]!["outcome"]!.GetValue<string>()).Should().BeEquivalentTo("agree", "agree", "disagree");
        results.Select(r => r!["item"]!.GetValue<string>()).Should().BeEquivalentTo("scjg", "zrzy", "zhzf");
        (await h.StateAsync(started.InstanceId)).Scopes.Should().BeEmpty();
    }

    [Fact]
    public async Task Parallel_for_each_completion_condition_finishes_early_and_cancels_the_rest()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Opinions(completionCondition: """{ ">=": [{ "var": "completedCount" }, 2] }"""));
        var started = await h.StartAsync("opinions", """{ "agencies": ["scjg", "zrzy", "zhzf"] }""");
        var tasks = await h.OpenTasksAsync(started.InstanceId);

        await h.CompleteAsync(tasks[0], "agree", """{ "opinion": "1" }""");
        var done = await h.CompleteAsync(tasks[1], "agree", """{ "opinion": "2" }""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        (await h.Instances.GetTaskAsync(tasks[2].Id))!.Status.Should().Be(HumanTaskStatus.Cancelled);
        done.Output!.AsArray().Count(r => r!["completed"]!.GetValue<bool>()).Should().Be(2);
    }

    [Fact]
    public async Task Parallel_for_each_over_no_items_completes_at_once()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Opinions());

        var done = await h.StartAsync("opinions", """{ "agencies": [] }""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task An_unanswered_opinion_is_recorded_as_no_reply_when_its_period_ends()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Opinions(expiry: "noReply"));
        var started = await h.StartAsync("opinions", """{ "agencies": ["scjg", "zrzy"] }""");
        var tasks = await h.OpenTasksAsync(started.InstanceId);
        await h.CompleteAsync(tasks[0], "agree", """{ "opinion": "同意" }""");

        h.Clock.Advance(TimeSpan.FromDays(2));
        (await h.Runtime.FireDueTimersAsync()).Should().Be(0);
        h.Clock.Advance(TimeSpan.FromDays(2));
        (await h.Runtime.FireDueTimersAsync()).Should().Be(1);

        var state = await h.StateAsync(started.InstanceId);
        state.Status.Should().Be(WorkflowStatus.Completed);
        var unanswered = await h.Instances.GetTaskAsync(tasks[1].Id);
        unanswered!.Status.Should().Be(HumanTaskStatus.Expired);
        unanswered.Outcome.Should().Be("noReply");
        state.Output!.AsArray().Select(r => r!["outputs"]!["opinion"]!["outcome"]!.GetValue<string>()).Should().BeEquivalentTo("agree", "noReply");
    }

    [Fact]
    public async Task A_timer_fires_once_when_its_statutory_period_has_passed()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Timer);
        // From Wednesday 30 September 2026, 3 working days skip the National Day holiday (1-7 October): Thursday
        // 8 and Friday 9 October, then Saturday 10 October, a make-up working day; due at 24:00 on 10 October.
        h.Clock.Set(new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8)));
        var started = await h.StartAsync("timer");
        var timer = (await h.StateAsync(started.InstanceId)).Bookmarks.Single();
        timer.DueAt.Should().Be(new DateTimeOffset(2026, 10, 11, 0, 0, 0, TimeSpan.FromHours(8)));

        h.Clock.Set(new DateTimeOffset(2026, 10, 10, 23, 59, 0, TimeSpan.FromHours(8)));
        (await h.Runtime.FireDueTimersAsync()).Should().Be(0);
        h.Clock.Set(new DateTimeOffset(2026, 10, 11, 0, 0, 0, TimeSpan.FromHours(8)));
        (await h.Runtime.FireDueTimersAsync()).Should().Be(1);
        (await h.Runtime.FireDueTimersAsync()).Should().Be(0);

        (await h.StateAsync(started.InstanceId)).Status.Should().Be(WorkflowStatus.Completed);
    }

    [Fact]
    public async Task A_message_resumes_only_the_instance_with_its_correlation_key()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.WaitForReceipt);
        var first = await h.Runtime.StartAsync(new StartWorkflow("receipt") { CorrelationKey = "XZ-2026-001" }, EngineHarness.Alice);
        var second = await h.Runtime.StartAsync(new StartWorkflow("receipt") { CorrelationKey = "XZ-2026-002" }, EngineHarness.Alice);

        (await h.Runtime.DeliverMessageAsync("ReceiptSigned", "XZ-2026-999", new JsonObject())).Should().Be(0);
        (await h.Runtime.DeliverMessageAsync("ReceiptSigned", "XZ-2026-002", new JsonObject { ["receiptNo"] = "回执-7" })).Should().Be(1);

        (await h.StateAsync(first.InstanceId)).Status.Should().Be(WorkflowStatus.Suspended);
        var done = await h.StateAsync(second.InstanceId);
        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!.GetValue<string>().Should().Be("回执-7");
    }

    [Fact]
    public async Task A_parent_waits_for_its_child_and_takes_its_output()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Review);
        await h.PublishAsync(Flows.Parent(wait: true));

        var parent = await h.StartAsync("parent");
        parent.Status.Should().Be(WorkflowStatus.Suspended);
        var child = (await h.Instances.ListInstancesAsync(new() { DefinitionId = "review" })).Single();
        (await h.StateAsync(child.InstanceId)).Parent!.InstanceId.Should().Be(parent.InstanceId);

        await h.CompleteAsync(await h.OpenTaskAsync(child.InstanceId, "review"), "accept");

        var done = await h.StateAsync(parent.InstanceId);
        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!.GetValue<string>().Should().Be("big:accept");
        (await h.Instances.ListPendingResumesAsync(10)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_detached_child_runs_on_its_own()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Review);
        await h.PublishAsync(Flows.Parent(wait: false));

        var parent = await h.StartAsync("parent");

        parent.Status.Should().Be(WorkflowStatus.Completed);
        var child = (await h.Instances.ListInstancesAsync(new() { DefinitionId = "review" })).Single();
        parent.Output!["childInstanceId"]!.GetValue<string>().Should().Be(child.InstanceId.ToString());
        child.Status.Should().Be(WorkflowStatus.Suspended);
    }

    [Fact]
    public async Task A_running_instance_stays_on_its_version_when_a_new_one_is_published()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Review);
        var onV1 = await h.StartAsync("review", """{ "amount": 500 }""");
        var v2 = await h.PublishAsync(Flows.Review.Replace("\"big:\"", "\"v2-big:\""));
        v2.Version.Should().Be(2);
        var onV2 = await h.StartAsync("review", """{ "amount": 500 }""");

        var doneV1 = await h.CompleteAsync(await h.OpenTaskAsync(onV1.InstanceId, "review"), "accept");
        var doneV2 = await h.CompleteAsync(await h.OpenTaskAsync(onV2.InstanceId, "review"), "accept");

        doneV1.Output!.GetValue<string>().Should().Be("big:accept");
        doneV2.Output!.GetValue<string>().Should().Be("v2-big:accept");
        (await h.StateAsync(onV1.InstanceId)).DefinitionVersion.Should().Be(1);
    }

    [Fact]
    public async Task A_retracted_version_starts_nothing_new_but_running_instances_finish()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.Review);
        var running = await h.StartAsync("review", """{ "amount": 1 }""");
        await h.Definitions.RetractAsync("review", 1);

        var start = () => h.StartAsync("review", """{ "amount": 1 }""");
        (await start.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.Conflict);
        var done = await h.CompleteAsync(await h.OpenTaskAsync(running.InstanceId, "review"), "accept");
        done.Status.Should().Be(WorkflowStatus.Completed);
    }

    [Fact]
    public async Task Cancelling_an_instance_closes_its_open_tasks()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.ForkJoin("waitAll"));
        var started = await h.StartAsync("fork-join-waitall");

        var cancelled = await h.Runtime.CancelAsync(started.InstanceId, EngineHarness.Bob, "申请撤回");

        cancelled.Status.Should().Be(WorkflowStatus.Cancelled);
        (await h.OpenTasksAsync(started.InstanceId)).Should().BeEmpty();
        (await h.Instances.ListTasksAsync(new() { InstanceId = started.InstanceId })).Should().OnlyContain(t => t.Status == HumanTaskStatus.Cancelled);
    }

    [Fact]
    public async Task Cases_are_listed_for_the_agencies_party_to_them()
    {
        var h = await CreateAsync();
        await h.PublishAsync(Flows.ForkJoin("waitAll"));
        var started = await h.Runtime.StartAsync(new StartWorkflow("fork-join-waitall"), EngineHarness.Alice);

        async Task<bool> Listed(string agency) =>
            (await h.Instances.ListInstancesAsync(new() { PartyAgency = agency })).Any(i => i.InstanceId == started.InstanceId);

        (await h.StateAsync(started.InstanceId)).StartedBy.Should().Be(EngineHarness.Alice);
        (await Listed("scjg")).Should().BeTrue("the starter's agency is party");
        (await Listed("gaj")).Should().BeTrue("a task was assigned to the police");
        (await Listed("jcy")).Should().BeTrue("and to the procuratorate");
        (await Listed("zrzy")).Should().BeFalse();
        (await h.Instances.ListInstancesAsync(new())).Should().Contain(i => i.InstanceId == started.InstanceId);
    }
}
