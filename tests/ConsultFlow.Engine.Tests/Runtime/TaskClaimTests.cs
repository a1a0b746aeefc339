using System.Text.Json;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Engine.Tests.Infrastructure;

namespace ConsultFlow.Engine.Tests.Runtime;

/// <summary>
/// Claiming, releasing and reassigning an open task are engine steps: the task row, the bookmark's copy of the task
/// (which completion and cancellation write back) and the journal change together. Run in memory and on SQLite.
/// </summary>
public sealed class TaskClaimTests : IDisposable
{
    private static readonly Actor Carol = new("carol", "sfj", "coordinator");
    private static readonly Actor Dave = new("dave", "sfj", "coordinator");
    private static readonly Actor Leader = new("lee", "sfj", "leader");
    private readonly List<SqliteDatabase> databases = [];

    public void Dispose()
    {
        foreach (var database in databases) database.Dispose();
    }

    private async Task<(EngineHarness H, HumanTask Task)> ReviewAsync(bool sqlite)
    {
        EngineHarness h;
        if (sqlite)
        {
            var database = new SqliteDatabase();
            databases.Add(database);
            h = await DatabaseHarness.CreateAsync(new PersistenceOptions(PersistenceProvider.Sqlite, database.ConnectionString));
        }
        else
        {
            h = new EngineHarness();
        }
        await h.PublishAsync(Flows.Review);
        var started = await h.StartAsync("review", """{ "amount": 500 }""");
        return (h, await h.OpenTaskAsync(started.InstanceId, "review"));
    }

    /// <summary>The task as the bookmark carries it, i.e. what a completion will write back.</summary>
    private static async Task<HumanTask> BookmarkCopyAsync(EngineHarness h, HumanTask task) =>
        (await h.StateAsync(task.InstanceId)).Bookmarks.Single(b => b.Id == task.Id).Payload.Deserialize<HumanTask>(WorkflowJson.Options)!;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_claim_is_kept_in_the_row_and_the_bookmark_and_survives_the_completion(bool sqlite)
    {
        var (h, task) = await ReviewAsync(sqlite);
        var journalBefore = (await h.JournalAsync(task.InstanceId)).Count;

        var claimed = await h.Runtime.ClaimTaskAsync(task.Id, Carol);

        claimed.ClaimedBy.Should().Be("carol");
        (await h.Instances.GetTaskAsync(task.Id))!.ClaimedBy.Should().Be("carol");
        (await BookmarkCopyAsync(h, task)).ClaimedBy.Should().Be("carol");
        var journal = await h.JournalAsync(task.InstanceId);
        var entry = journal.Skip(journalBefore).Should().ContainSingle().Subject;
        entry.Kind.Should().Be(JournalKind.TaskClaimed);
        entry.Actor.Should().Be(Carol);
        entry.ActivityId.Should().Be("review");
        entry.Data!["taskId"]!.GetValue<string>().Should().Be(task.Id.ToString());

        (await h.Runtime.ClaimTaskAsync(task.Id, Carol)).ClaimedBy.Should().Be("carol");
        (await h.JournalAsync(task.InstanceId)).Should().HaveCount(journal.Count, "claiming one's own claim again changes nothing");
        var taken = () => h.Runtime.ClaimTaskAsync(task.Id, Dave);
        (await taken.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.Conflict);

        var done = await h.CompleteAsync(task, "accept", actor: Carol);

        done.Status.Should().Be(WorkflowStatus.Completed);
        var closed = (await h.Instances.GetTaskAsync(task.Id))!;
        closed.Status.Should().Be(HumanTaskStatus.Completed);
        closed.ClaimedBy.Should().Be("carol", "the completion writes back the bookmark's copy, which holds the claim");
        closed.ClosedBy.Should().Be(Carol);
        var late = () => h.Runtime.ClaimTaskAsync(task.Id, Dave);
        (await late.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.Conflict);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reassigning_to_another_role_moves_the_task_to_that_roles_inbox_for_good(bool sqlite)
    {
        var (h, task) = await ReviewAsync(sqlite);
        await h.Runtime.ClaimTaskAsync(task.Id, Carol);

        var moved = await h.Runtime.ReassignTaskAsync(task.Id, toRole: "leader", toUserId: null, comment: "请领导审定", Carol, onlyIfClaimedBy: "carol");

        moved.AssigneeRole.Should().Be("leader");
        moved.AssigneeAgency.Should().Be("sfj");
        moved.ClaimedBy.Should().BeNull("without a person the task is open to everyone in the new role");
        (await BookmarkCopyAsync(h, task)).AssigneeRole.Should().Be("leader");
        async Task<IEnumerable<Guid>> Inbox(string role) =>
            (await h.Instances.ListTasksAsync(new TaskQuery { AssigneeAgency = "sfj", AssigneeRole = role, Status = HumanTaskStatus.Open })).Select(t => t.Id);
        (await Inbox("leader")).Should().Equal(task.Id);
        (await Inbox("coordinator")).Should().BeEmpty();
        var entry = (await h.JournalAsync(task.InstanceId)).Last();
        entry.Kind.Should().Be(JournalKind.TaskReassigned);
        entry.Data!["fromRole"]!.GetValue<string>().Should().Be("coordinator");
        entry.Data!["toRole"]!.GetValue<string>().Should().Be("leader");
        entry.Data!["fromUserId"]!.GetValue<string>().Should().Be("carol");
        entry.Data!["comment"]!.GetValue<string>().Should().Be("请领导审定");

        var stale = () => h.Runtime.ReassignTaskAsync(task.Id, "coordinator", null, null, Carol, onlyIfClaimedBy: "carol");
        (await stale.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.Conflict,
            "carol's claim is gone, so what she decided on no longer holds");

        await h.CompleteAsync(task, "accept", actor: Leader);

        var closed = (await h.Instances.GetTaskAsync(task.Id))!;
        closed.AssigneeRole.Should().Be("leader", "the completion does not bring back the old assignment");
        closed.ClosedBy.Should().Be(Leader);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reassigning_to_a_person_hands_them_the_claim_and_a_cancellation_keeps_it(bool sqlite)
    {
        var (h, task) = await ReviewAsync(sqlite);
        await h.Runtime.ClaimTaskAsync(task.Id, Carol);

        var nothing = () => h.Runtime.ReassignTaskAsync(task.Id, " ", null, null, Carol);
        var invalid = (await nothing.Should().ThrowAsync<EngineException>()).Which;
        invalid.Code.Should().Be(EngineErrorCode.Invalid);
        invalid.Errors.Select(e => e.Field).Should().BeEquivalentTo("toRole", "toUserId");
        var notTheirs = () => h.Runtime.ReassignTaskAsync(task.Id, null, "dave", null, Dave, onlyIfClaimedBy: "dave");
        (await notTheirs.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.Conflict);
        (await h.Instances.GetTaskAsync(task.Id))!.ClaimedBy.Should().Be("carol", "a refused step changes nothing");

        var handed = await h.Runtime.ReassignTaskAsync(task.Id, null, "dave", "交由dave办理", Leader);

        handed.ClaimedBy.Should().Be("dave");
        handed.AssigneeRole.Should().Be("coordinator");
        (await BookmarkCopyAsync(h, task)).ClaimedBy.Should().Be("dave");
        var claimAgain = () => h.Runtime.ClaimTaskAsync(task.Id, Carol);
        (await claimAgain.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.Conflict);

        await h.Runtime.CancelAsync(task.InstanceId, Leader, "申请人撤回");

        var cancelled = (await h.Instances.GetTaskAsync(task.Id))!;
        cancelled.Status.Should().Be(HumanTaskStatus.Cancelled);
        cancelled.ClaimedBy.Should().Be("dave");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Releasing_gives_the_task_back_to_the_role_only_while_the_expected_claim_holds(bool sqlite)
    {
        var (h, task) = await ReviewAsync(sqlite);
        var unclaimed = () => h.Runtime.ReleaseTaskAsync(task.Id, Carol);
        (await unclaimed.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.Conflict);
        await h.Runtime.ClaimTaskAsync(task.Id, Carol);
        var wrong = () => h.Runtime.ReleaseTaskAsync(task.Id, Leader, onlyIfClaimedBy: "dave");
        (await wrong.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.Conflict);

        var released = await h.Runtime.ReleaseTaskAsync(task.Id, Leader, onlyIfClaimedBy: "carol");

        released.ClaimedBy.Should().BeNull();
        (await h.Instances.GetTaskAsync(task.Id))!.ClaimedBy.Should().BeNull();
        (await BookmarkCopyAsync(h, task)).ClaimedBy.Should().BeNull();
        var entry = (await h.JournalAsync(task.InstanceId)).Last();
        entry.Kind.Should().Be(JournalKind.TaskReleased);
        entry.Actor.Should().Be(Leader);
        (await h.Runtime.ClaimTaskAsync(task.Id, Dave)).ClaimedBy.Should().Be("dave");
    }

    [Fact]
    public async Task Unknown_tasks_are_not_found()
    {
        var (h, _) = await ReviewAsync(sqlite: false);

        var claim = () => h.Runtime.ClaimTaskAsync(Guid.NewGuid(), Carol);
        (await claim.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.NotFound);
        var reassign = () => h.Runtime.ReassignTaskAsync(Guid.NewGuid(), "leader", null, null, Carol);
        (await reassign.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.NotFound);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_completion_checked_against_an_unclaimed_task_is_refused_once_someone_has_claimed_it(bool sqlite)
    {
        var (h, task) = await ReviewAsync(sqlite);
        var seenByCarol = new ClaimSeen(task.ClaimedBy);
        await h.Runtime.ClaimTaskAsync(task.Id, Dave);

        var late = () => h.Runtime.CompleteTaskAsync(task.Id, new TaskCompletion("accept"), Carol, claimSeen: seenByCarol);

        (await late.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.Conflict);
        (await h.Instances.GetTaskAsync(task.Id))!.Status.Should().Be(HumanTaskStatus.Open);
        var done = await h.Runtime.CompleteTaskAsync(task.Id, new TaskCompletion("accept"), Dave, claimSeen: new ClaimSeen("dave"));
        done.Status.Should().Be(WorkflowStatus.Completed);
    }
}
