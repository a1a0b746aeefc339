using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Expressions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Engine.Runtime;

/// <summary>
/// The engine's front door. Every change to an instance is one step: load the snapshot, apply the trigger (start,
/// resume, retry, cancel), run until blocked, and commit state, bookmarks, tasks, journal and idempotency record in one
/// transaction that only succeeds if nobody else committed the instance meanwhile (otherwise the step is redone on the
/// fresh snapshot, where a bookmark already consumed is refused).
/// </summary>
public sealed class WorkflowRuntime(
    IInstanceStore store,
    DefinitionService definitions,
    ActivityRegistry registry,
    TimeProvider clock,
    JsonLogicEvaluator evaluator,
    EngineEnvironment environment)
{
    private const int MaxAttempts = 20;
    private const int MaxChildDepth = 16;
    private readonly WorkflowRunner runner = new(registry, evaluator);
    private readonly InstanceLocks locks = new();

    public IInstanceStore Store => store;
    public EngineEnvironment Environment => environment;

    public async Task<InstanceResult> StartAsync(StartWorkflow request, Actor actor, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var idempotency = await IdempotencyFor("start", request, idempotencyKey, ct);
        if (idempotency.Previous is { } previous) return previous;

        var definition = await definitions.GetStartableAsync(request.DefinitionId, request.Version, ct);
        var input = ValidateInput(definition.Definition, request.Input);
        for (var attempt = 1; ; attempt++)
        {
            var changes = new StepChanges();
            var state = await CreateInstanceAsync(definition, input, request.CorrelationKey, null, changes, actor, depth: 0, ct, request.ActingFor);
            var result = InstanceResult.Of(state);
            changes.Idempotency = idempotency.Record(state.InstanceId, result, clock.GetUtcNow());
            try
            {
                await store.SaveAsync(changes, ct);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts && idempotencyKey is not null)
            {
                // Someone else took the key first: answer with their result.
                if ((await IdempotencyFor("start", request, idempotencyKey, ct)).Previous is { } theirs) return theirs;
                continue;
            }
            await DeliverOwedResumesAsync(changes.PendingResumesAdded, ct);
            return result;
        }
    }

    /// <summary>
    /// Completes a task. With <paramref name="claimSeen"/> the completion is refused (conflict) unless the task's claim is
    /// still what the caller's permission check saw, so a claim taken meanwhile is never overridden.
    /// </summary>
    public async Task<InstanceResult> CompleteTaskAsync(Guid taskId, TaskCompletion completion, Actor actor, string? idempotencyKey = null,
        CancellationToken ct = default, ClaimSeen? claimSeen = null, InboxRecord? received = null)
    {
        var idempotency = await IdempotencyFor($"complete:{taskId}", completion, idempotencyKey, ct);
        if (idempotency.Previous is { } previous) return previous;

        var instanceId = await store.FindInstanceByBookmarkAsync(taskId, ct);
        if (instanceId is null)
        {
            var task = await store.GetTaskAsync(taskId, ct)
                ?? throw new EngineException(EngineErrorCode.NotFound, Text.Bilingual.Say($"没有任务 {taskId}。", $"There is no task {taskId}."));
            throw new EngineException(EngineErrorCode.Conflict, Text.Bilingual.Say($"该任务已{(task.Status == HumanTaskStatus.Completed ? "办结" : "关闭")}，不能再办理。", $"Task {taskId} is already {task.Status.ToString().ToLowerInvariant()}."));
        }
        return await StepAsync(instanceId.Value, actor, idempotency, run =>
        {
            var bookmark = TakeBookmark(run, taskId, BookmarkKind.HumanTask);
            var task = bookmark.Payload.Deserialize<HumanTask>(WorkflowJson.Options)!;
            if (claimSeen is not null && task.ClaimedBy != claimSeen.ClaimedBy)
                throw new EngineException(EngineErrorCode.Conflict,
                    $"Task {taskId} was {(task.ClaimedBy is null ? "released" : $"claimed by {task.ClaimedBy}")} meanwhile; reload it.");
            var errors = new List<FieldError>();
            if (!task.Outcomes.Any(o => o.Name == completion.Outcome))
                errors.Add(new("outcome", Text.Bilingual.Say($"“{completion.Outcome}”不是本任务的办理结果，可选：{string.Join("、", task.Outcomes.Select(o => o.Label?.Zh ?? o.Name))}。",
                    $"'{completion.Outcome}' is not an outcome of this task; choose one of: {string.Join(", ", task.Outcomes.Select(o => o.Name))}.")));
            errors.AddRange(FormValidator.Validate(task.Form, completion.Data, completion.Outcome).Select(e => e with { Field = $"data.{e.Field}" }));
            if (errors.Count > 0)
                throw new EngineException(EngineErrorCode.Invalid, Text.Bilingual.Say("表单内容不符合要求。", "The task's form does not accept this data."), errors);

            if (received is not null)
            {
                // An agency's system answered instead of a person: the inbox row commits with the completion.
                run.Changes.Inbox.Add(received with { InstanceId = run.State.InstanceId });
                run.Journal(JournalKind.MessageReceived, task.ActivityId, null, bookmark.ExecutionId, received.MessageType,
                    new JsonObject { ["messageId"] = received.MessageId.ToString(), ["taskId"] = taskId.ToString() });
            }
            run.Changes.Tasks.Add(task with
            {
                Status = HumanTaskStatus.Completed,
                Outcome = completion.Outcome,
                Data = (JsonObject?)completion.Data?.DeepClone(),
                Comment = completion.Comment,
                ClosedAt = run.Now,
                ClosedBy = actor,
            });
            run.Journal(JournalKind.TaskCompleted, task.ActivityId, null, bookmark.ExecutionId, completion.Outcome,
                new JsonObject { ["taskId"] = taskId.ToString(), ["data"] = completion.Data?.DeepClone(), ["comment"] = completion.Comment });
            return Resume(run, bookmark, completion.Outcome, completion.Data);
        }, ct);
    }

    /// <summary>
    /// Claims an open task for the acting user: from now on it is theirs to finish (who else may, the server decides).
    /// Refused (conflict) while someone else holds it; claiming one's own claim again changes nothing.
    /// </summary>
    public async Task<HumanTask> ClaimTaskAsync(Guid taskId, Actor actor, CancellationToken ct = default)
    {
        // The row and the bookmark's copy are written together, so the row tells whether there is anything to do.
        if (await store.GetTaskAsync(taskId, ct) is { Status: HumanTaskStatus.Open } current && current.ClaimedBy == actor.UserId)
            return current;
        return await ChangeOpenTaskAsync(taskId, actor, (run, task) =>
        {
            if (task.ClaimedBy is { } holder && holder != actor.UserId)
                throw new EngineException(EngineErrorCode.Conflict, Text.Bilingual.Say("该任务已由他人签收。", $"Task {taskId} is already claimed by {holder}."));
            run.Journal(JournalKind.TaskClaimed, task.ActivityId, message: actor.UserId,
                data: new JsonObject { ["taskId"] = taskId.ToString(), ["claimedBy"] = actor.UserId });
            return task with { ClaimedBy = actor.UserId };
        }, ct);
    }

    /// <summary>
    /// Gives up the claim on an open task. With <paramref name="onlyIfClaimedBy"/> the step is refused (conflict) unless
    /// that user still holds it, so that a decision taken on what the caller saw is not applied to a newer claim.
    /// </summary>
    public Task<HumanTask> ReleaseTaskAsync(Guid taskId, Actor actor, string? onlyIfClaimedBy = null, CancellationToken ct = default) =>
        ChangeOpenTaskAsync(taskId, actor, (run, task) =>
        {
            if (task.ClaimedBy is null)
                throw new EngineException(EngineErrorCode.Conflict, Text.Bilingual.Say("该任务尚未签收。", $"Task {taskId} is not claimed."));
            EnsureClaimedBy(task, onlyIfClaimedBy);
            run.Journal(JournalKind.TaskReleased, task.ActivityId, message: task.ClaimedBy,
                data: new JsonObject { ["taskId"] = taskId.ToString(), ["releasedFrom"] = task.ClaimedBy });
            return task with { ClaimedBy = null };
        }, ct);

    /// <summary>
    /// Gives an open task to another role of its agency (<paramref name="toRole"/>) and/or to one person
    /// (<paramref name="toUserId"/>, who then holds the claim); without a person the task is unclaimed, open to everyone
    /// in its role. The agency never changes: a task moves to another agency only through the process. Whether the
    /// person belongs to the agency and holds the role is the directory's to say (the server checks it).
    /// </summary>
    public Task<HumanTask> ReassignTaskAsync(Guid taskId, string? toRole, string? toUserId, string? comment, Actor actor,
        string? onlyIfClaimedBy = null, CancellationToken ct = default)
    {
        toRole = string.IsNullOrWhiteSpace(toRole) ? null : toRole.Trim();
        toUserId = string.IsNullOrWhiteSpace(toUserId) ? null : toUserId.Trim();
        if (toRole is null && toUserId is null)
            throw new EngineException(EngineErrorCode.Invalid, "Say to whom the task goes.",
                [new("toRole", "Give a role, a user or both."), new("toUserId", "Give a role, a user or both.")]);
        return ChangeOpenTaskAsync(taskId, actor, (run, task) =>
        {
            EnsureClaimedBy(task, onlyIfClaimedBy);
            var reassigned = task with { AssigneeRole = toRole ?? task.AssigneeRole, ClaimedBy = toUserId };
            run.Journal(JournalKind.TaskReassigned, task.ActivityId,
                message: $"{task.AssigneeAgency}/{reassigned.AssigneeRole}" + (toUserId is null ? "" : $" ({toUserId})"),
                data: new JsonObject
                {
                    ["taskId"] = taskId.ToString(),
                    ["fromRole"] = task.AssigneeRole,
                    ["toRole"] = reassigned.AssigneeRole,
                    ["fromUserId"] = task.ClaimedBy,
                    ["toUserId"] = toUserId,
                    ["comment"] = comment,
                });
            return reassigned;
        }, ct);
    }

    private static void EnsureClaimedBy(HumanTask task, string? expected)
    {
        if (expected is not null && task.ClaimedBy != expected)
            throw new EngineException(EngineErrorCode.Conflict,
                $"Task {task.Id} is {(task.ClaimedBy is null ? "no longer claimed" : $"now claimed by {task.ClaimedBy}")}.");
    }

    /// <summary>
    /// One step that changes an open task without resuming anything. The bookmark's copy of the task is what completion
    /// and cancellation write back, so it changes together with the task row (and the journal) in one transaction.
    /// </summary>
    private async Task<HumanTask> ChangeOpenTaskAsync(Guid taskId, Actor actor, Func<RunContext, HumanTask, HumanTask> change, CancellationToken ct)
    {
        var instanceId = await InstanceOfOpenTaskAsync(taskId, ct);
        HumanTask? changed = null;
        await StepAsync(instanceId, actor, Idempotency.None, run =>
        {
            var index = run.State.Bookmarks.FindIndex(b => b.Id == taskId && b.Kind == BookmarkKind.HumanTask);
            if (index < 0)
                throw new EngineException(EngineErrorCode.Conflict, Text.Bilingual.Say("该任务已办结或已取消。", $"Task {taskId} was already completed or cancelled."));
            var bookmark = run.State.Bookmarks[index];
            changed = change(run, bookmark.Payload.Deserialize<HumanTask>(WorkflowJson.Options)!);
            run.State.Bookmarks[index] = bookmark with { Payload = JsonSerializer.SerializeToNode(changed, WorkflowJson.Options) };
            run.Changes.Tasks.Add(changed);
            return Task.CompletedTask;
        }, ct);
        return changed!;
    }

    /// <summary>
    /// Records something done to a case outside its process (evidence added, the evidence package downloaded) as one
    /// journal entry of its own step, chained like every other; <paramref name="alongside"/> writes the thing itself in
    /// the same transaction, so the record and what it records commit together. Allowed in any status: a closed case
    /// may still be exported.
    /// </summary>
    public async Task RecordAsync(Guid instanceId, Actor actor, JournalKind kind, string? message, JsonObject data,
        AlongsideWrite? alongside = null, CancellationToken ct = default)
    {
        await StepAsync(instanceId, actor, Idempotency.None, run =>
        {
            run.Journal(kind, null, message: message, data: data.DeepClone().AsObject());
            if (alongside is not null) run.Changes.Alongside.Add(alongside);
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>The instance waiting on an open task: not found for an unknown task, a conflict for a closed one.</summary>
    private async Task<Guid> InstanceOfOpenTaskAsync(Guid taskId, CancellationToken ct)
    {
        if (await store.FindInstanceByBookmarkAsync(taskId, ct) is { } instanceId) return instanceId;
        var task = await store.GetTaskAsync(taskId, ct)
            ?? throw new EngineException(EngineErrorCode.NotFound, Text.Bilingual.Say($"没有任务 {taskId}。", $"There is no task {taskId}."));
        throw new EngineException(EngineErrorCode.Conflict, Text.Bilingual.Say($"该任务已{(task.Status == HumanTaskStatus.Completed ? "办结" : "关闭")}，不能再办理。", $"Task {taskId} is already {task.Status.ToString().ToLowerInvariant()}."));
    }

    /// <summary>Resumes a non-task bookmark (a timer, a message, a child's completion) with optional data.</summary>
    public async Task<InstanceResult> ResumeAsync(Guid bookmarkId, JsonNode? data, Actor actor, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var idempotency = await IdempotencyFor($"resume:{bookmarkId}", data, idempotencyKey, ct);
        if (idempotency.Previous is { } previous) return previous;
        var instanceId = await store.FindInstanceByBookmarkAsync(bookmarkId, ct)
            ?? throw new EngineException(EngineErrorCode.NotFound, $"No instance waits on bookmark {bookmarkId} (any more).");
        return await StepAsync(instanceId, actor, idempotency, run =>
        {
            var bookmark = run.State.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId);
            if (bookmark is null || bookmark.Kind is BookmarkKind.HumanTask or BookmarkKind.Body)
                throw new EngineException(EngineErrorCode.Conflict, $"Bookmark {bookmarkId} was already resumed or cannot be resumed directly.");
            return Resume(run, TakeBookmark(run, bookmarkId, bookmark.Kind), null, data);
        }, ct);
    }

    /// <summary>Delivers a message to every instance waiting for it; returns how many bookmarks it resumed.</summary>
    public async Task<int> DeliverMessageAsync(string messageName, string correlationKey, JsonNode? payload, CancellationToken ct = default)
    {
        var resumed = 0;
        foreach (var found in await store.FindMessageBookmarksAsync(messageName, correlationKey, ct))
            if (await TryResumeAsync(found.BookmarkId, payload, ct)) resumed++;
        return resumed;
    }

    /// <summary>
    /// Applies a message from another system at most once per instance: every instance waiting for it (message name and
    /// correlation key) is resumed in a step that also writes the message id to the inbox, so a second delivery (a broker
    /// redelivery, or the same message at another node) fails on the inbox row and changes nothing. Returns how many
    /// waits it resumed; the caller tells a duplicate from an unmatched message by the inbox (<see cref="IMessageStore"/>).
    /// </summary>
    public async Task<int> ReceiveMessageAsync(Guid messageId, string messageName, string correlationKey, JsonNode? payload, CancellationToken ct = default)
    {
        var resumed = 0;
        foreach (var found in await store.FindMessageBookmarksAsync(messageName, correlationKey, ct))
        {
            try
            {
                await StepAsync(found.InstanceId, Actor.System, Idempotency.None, run =>
                {
                    var bookmark = TakeBookmark(run, found.BookmarkId, BookmarkKind.Message);
                    run.Changes.Inbox.Add(new InboxRecord(messageId, run.State.InstanceId, messageName, run.Now));
                    run.Journal(JournalKind.MessageReceived, bookmark.ActivityId, null, bookmark.ExecutionId, messageName,
                        new JsonObject { ["messageId"] = messageId.ToString(), ["correlationKey"] = correlationKey });
                    return Resume(run, bookmark, null, payload);
                }, ct);
                resumed++;
            }
            catch (EngineException ex) when (ex.Code is EngineErrorCode.Conflict or EngineErrorCode.NotFound)
            {
                // Resumed meanwhile: by this very message at another node (its inbox row tells) or by something else.
            }
        }
        return resumed;
    }

    /// <summary>Fires every timer due by now; returns how many it fired. A simple poller calls this.</summary>
    public async Task<int> FireDueTimersAsync(CancellationToken ct = default)
    {
        var fired = 0;
        foreach (var due in await store.FindDueTimersAsync(clock.GetUtcNow(), 100, ct))
            if (await TryResumeAsync(due.BookmarkId, new JsonObject { ["firedAt"] = clock.GetUtcNow().ToString("O") }, ct)) fired++;
        return fired;
    }

    /// <summary>
    /// Fires one timer bookmark (the scheduler calls this when its trigger fires). False, changing nothing, when the
    /// timer is gone (already fired, on another node too, or its activity completed) or not yet due by the engine's
    /// clock. A fire more than <paramref name="lateAfter"/> after the due time journals <see cref="JournalKind.TimerFiredLate"/>
    /// with <paramref name="lateReason"/> in the same step, so the record of lateness commits with the effect.
    /// </summary>
    public async Task<bool> FireTimerAsync(Guid bookmarkId, TimeSpan lateAfter, string lateReason, CancellationToken ct = default)
    {
        if (await store.FindInstanceByBookmarkAsync(bookmarkId, ct) is not { } instanceId) return false;
        try
        {
            await StepAsync(instanceId, Actor.System, Idempotency.None, run =>
            {
                var bookmark = run.State.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId && b.Kind == BookmarkKind.Timer)
                    ?? throw new EngineException(EngineErrorCode.Conflict, $"Timer {bookmarkId} was already fired.");
                if (bookmark.DueAt is { } due && due > run.Now)
                    throw new EngineException(EngineErrorCode.Conflict, $"Timer {bookmarkId} is due only at {due:O}.");
                if (bookmark.DueAt is { } dueAt && run.Now - dueAt > lateAfter)
                    run.Journal(JournalKind.TimerFiredLate, bookmark.ActivityId, null, bookmark.ExecutionId, lateReason, new JsonObject
                    {
                        ["bookmarkId"] = bookmarkId.ToString(),
                        ["dueAt"] = dueAt.ToString("O"),
                        ["firedAt"] = run.Now.ToString("O"),
                        ["lateBySeconds"] = (long)(run.Now - dueAt).TotalSeconds,
                    });
                return Resume(run, TakeBookmark(run, bookmarkId, BookmarkKind.Timer), null, new JsonObject { ["firedAt"] = run.Now.ToString("O") });
            }, ct);
            return true;
        }
        catch (EngineException ex) when (ex.Code is EngineErrorCode.Conflict or EngineErrorCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Runs a faulted instance again from the activity that faulted; nothing that completed before it reruns.</summary>
    public Task<InstanceResult> RetryAsync(Guid instanceId, Actor actor, CancellationToken ct = default) =>
        StepAsync(instanceId, actor, Idempotency.None, async run =>
        {
            if (run.State.Status != WorkflowStatus.Faulted)
                throw new EngineException(EngineErrorCode.Conflict, $"Instance {instanceId} is {run.State.Status}, not faulted.");
            run.Journal(JournalKind.InstanceRetried, run.State.Incident?.ActivityId, message: run.State.Incident?.Message);
            run.State.Incident = null;
            await runner.RunAsync(run);
        }, ct);

    public Task<InstanceResult> CancelAsync(Guid instanceId, Actor actor, string reason, CancellationToken ct = default) =>
        StepAsync(instanceId, actor, Idempotency.None, run =>
        {
            var state = run.State;
            if (state.Status is WorkflowStatus.Completed or WorkflowStatus.Cancelled)
                throw new EngineException(EngineErrorCode.Conflict, Text.Bilingual.Say("该案件已结束，不能再撤销。", $"Instance {instanceId} is already {state.Status}."));
            foreach (var bookmark in state.Bookmarks.ToList())
                WorkflowRunner.CancelBookmark(run, bookmark, reason);
            state.Queue.Clear();
            state.JoinWaits.Clear();
            state.Status = WorkflowStatus.Cancelled;
            state.CompletedAt = run.Now;
            run.Journal(JournalKind.InstanceCancelled, message: reason);
            return Task.CompletedTask;
        }, ct);

    /// <summary>Delivers resumes owed to parents (left behind by a crash between a child's step and its parent's).</summary>
    public async Task<int> ProcessPendingResumesAsync(CancellationToken ct = default)
    {
        var pending = await store.ListPendingResumesAsync(100, ct);
        await ProcessPendingResumesAsync(pending, ct);
        return pending.Count;
    }

    public Task<InstanceSnapshot?> GetInstanceAsync(Guid instanceId, CancellationToken ct = default) => store.LoadAsync(instanceId, ct);

    private async Task ProcessPendingResumesAsync(IReadOnlyList<PendingResume> pending, CancellationToken ct)
    {
        foreach (var resume in pending)
        {
            await StepAsync(resume.InstanceId, Actor.System, Idempotency.None, async run =>
            {
                run.Changes.PendingResumesDone.Add(resume.Id);
                // Already resumed (a second delivery after a crash): nothing more to do than forget the debt.
                if (run.State.Bookmarks.FirstOrDefault(b => b.Id == resume.BookmarkId) is { } bookmark && run.State.Status == WorkflowStatus.Suspended)
                    await Resume(run, TakeBookmark(run, resume.BookmarkId, bookmark.Kind), null, resume.Data);
            }, ct);
        }
    }

    private async Task<bool> TryResumeAsync(Guid bookmarkId, JsonNode? data, CancellationToken ct)
    {
        try
        {
            await ResumeAsync(bookmarkId, data, Actor.System, null, ct);
            return true;
        }
        catch (EngineException ex) when (ex.Code is EngineErrorCode.Conflict or EngineErrorCode.NotFound)
        {
            return false; // another node or an earlier poll got there first
        }
    }

    /// <summary>
    /// Removes a bookmark from the state. Its siblings (other ways the same activity waits, e.g. a task's expiry or
    /// alert timer) stay until the activity completes; the run loop drops them then.
    /// </summary>
    private static BookmarkState TakeBookmark(RunContext run, Guid bookmarkId, BookmarkKind kind)
    {
        var state = run.State;
        var bookmark = state.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId && b.Kind == kind)
            ?? throw new EngineException(EngineErrorCode.Conflict, $"{kind} {bookmarkId} was already resumed or completed.");
        if (state.Status != WorkflowStatus.Suspended)
            throw new EngineException(EngineErrorCode.Conflict, $"Instance {state.InstanceId} is {state.Status}; it can be resumed only while suspended.");
        state.Bookmarks.Remove(bookmark);
        return bookmark;
    }

    private Task Resume(RunContext run, BookmarkState bookmark, string? outcome, JsonNode? data)
    {
        run.Journal(JournalKind.BookmarkResumed, bookmark.ActivityId, null, bookmark.ExecutionId, bookmark.Kind.ToString(),
            new JsonObject { ["bookmarkId"] = bookmark.Id.ToString() });
        run.State.Queue.Insert(0, new ScheduledWork(bookmark.ExecutionId, bookmark.ActivityId, bookmark.ScopeId)
        {
            Resume = new ResumeEvent(bookmark, outcome, data?.DeepClone(), run.Actor, run.Now),
        });
        return runner.RunAsync(run);
    }

    private async Task<InstanceResult> StepAsync(Guid instanceId, Actor actor, Idempotency idempotency, Func<RunContext, Task> apply, CancellationToken ct)
    {
        StepChanges changes;
        InstanceResult result;
        using (await locks.AcquireAsync(instanceId, ct))
        {
            for (var attempt = 1; ; attempt++)
            {
                var snapshot = await store.LoadAsync(instanceId, ct)
                    ?? throw new EngineException(EngineErrorCode.NotFound, Text.Bilingual.Say($"没有案件 {instanceId}。", $"There is no instance {instanceId}."));
                var definition = await definitions.GetCompiledAsync(snapshot.State.DefinitionId, snapshot.State.DefinitionVersion, ct);
                changes = new StepChanges();
                var run = NewRun(snapshot.State, definition, changes, actor, depth: 0, ct);
                await apply(run);
                run.State.UpdatedAt = run.Now;
                changes.Instances.Insert(0, new InstanceWrite(run.State, snapshot.Revision));
                result = InstanceResult.Of(run.State);
                changes.Idempotency = idempotency.Record(instanceId, result, run.Now);
                try
                {
                    await store.SaveAsync(changes, ct);
                    break;
                }
                catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
                {
                    if (idempotency.Key is not null && await store.FindIdempotencyAsync(idempotency.Key, ct) is { } record)
                        return idempotency.Replay(record);
                    await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
                }
            }
        }
        await DeliverOwedResumesAsync(changes.PendingResumesAdded, ct);
        return result;
    }

    /// <summary>
    /// Resumes parents right after their child's step committed. This step's own result stands whatever happens here:
    /// a resume that fails stays owed in the store and the poller delivers it.
    /// </summary>
    private async Task DeliverOwedResumesAsync(IReadOnlyList<PendingResume> owed, CancellationToken ct)
    {
        if (owed.Count == 0) return;
        try
        {
            await ProcessPendingResumesAsync(owed, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Deliberately swallowed: see above.
        }
    }

    private RunContext NewRun(WorkflowState state, CompiledDefinition definition, StepChanges changes, Actor actor, int depth, CancellationToken ct) =>
        new(state, definition, changes, clock.GetUtcNow(), actor, environment)
        {
            StartChild = async (start, parent) =>
            {
                if (depth >= MaxChildDepth)
                    throw new InvalidOperationException($"Child workflows nest deeper than {MaxChildDepth}; is a workflow starting itself?");
                var child = await definitions.GetStartableAsync(start.DefinitionId, start.Version, ct);
                var input = ValidateInput(child.Definition, start.Input);
                var childState = await CreateInstanceAsync(child, input, state.CorrelationKey, parent, changes, actor, depth + 1, ct);
                return childState.InstanceId;
            },
        };

    private async Task<WorkflowState> CreateInstanceAsync(CompiledDefinition definition, JsonObject input, string? correlationKey,
        ParentLink? parent, StepChanges changes, Actor actor, int depth, CancellationToken ct, ActingFor? actingFor = null)
    {
        var now = clock.GetUtcNow();
        var state = new WorkflowState
        {
            InstanceId = Guid.NewGuid(),
            DefinitionId = definition.Definition.Id,
            DefinitionVersion = definition.Definition.Version,
            CorrelationKey = correlationKey,
            Parent = parent,
            StartedBy = actor,
            ActingFor = actingFor,
            Input = input,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var variable in definition.Definition.Variables)
            state.Variables[variable.Name] = variable.Default?.DeepClone();
        var run = NewRun(state, definition, changes, actor, depth, ct);
        var started = input.DeepClone();
        if (actingFor is not null)
            started["actingFor"] = new JsonObject { ["agency"] = actingFor.Agency, ["reason"] = actingFor.Reason };
        run.Journal(JournalKind.InstanceStarted, message: $"{state.DefinitionId} v{state.DefinitionVersion}", data: started);
        foreach (var entry in definition.Definition.Flowchart.EntryActivities())
            state.Queue.Add(new ScheduledWork(Guid.NewGuid(), entry.Id, null));
        await runner.RunAsync(run);
        changes.Instances.Add(new InstanceWrite(state, null));
        return state;
    }

    public static JsonObject ValidateInput(WorkflowDefinition definition, JsonObject? given)
    {
        given ??= [];
        var errors = new List<FieldError>();
        var declared = definition.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var (name, _) in given)
            if (!declared.ContainsKey(name))
                errors.Add(new($"input.{name}", Text.Bilingual.Say($"“{name}”不是本流程的启动参数。", $"'{name}' is not an input of this workflow.")));
        var input = new JsonObject();
        foreach (var parameter in definition.Inputs)
        {
            var value = given.TryGetPropertyValue(parameter.Name, out var v) ? v?.DeepClone() : parameter.Default?.DeepClone();
            if (parameter.ProblemWith(value) is { } problem)
                errors.Add(new($"input.{parameter.Name}", problem));
            input[parameter.Name] = value;
        }
        if (errors.Count > 0)
            throw new EngineException(EngineErrorCode.Invalid, Text.Bilingual.Say("启动参数不符合要求。", "The start input does not fit the workflow."), errors);
        return input;
    }

    private async Task<Idempotency> IdempotencyFor<T>(string operation, T request, string? key, CancellationToken ct)
    {
        if (key is null) return Idempotency.None;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + JsonSerializer.Serialize(request, WorkflowJson.Options))));
        var idempotency = new Idempotency(key, operation, hash, null);
        return await store.FindIdempotencyAsync(key, ct) is { } record ? idempotency with { Previous = idempotency.Replay(record) } : idempotency;
    }

    /// <summary>The idempotency key of a request, and the first result when the key was seen before.</summary>
    private sealed record Idempotency(string? Key, string Operation, string RequestHash, InstanceResult? Previous)
    {
        public static Idempotency None { get; } = new(null, "", "", null);

        public IdempotencyRecord? Record(Guid instanceId, InstanceResult result, DateTimeOffset at) =>
            Key is null ? null : new(Key, Operation, RequestHash, instanceId, JsonSerializer.Serialize(result, WorkflowJson.Options), at);

        public InstanceResult Replay(IdempotencyRecord record) =>
            record.Operation == Operation && record.RequestHash == RequestHash
                ? JsonSerializer.Deserialize<InstanceResult>(record.ResultJson, WorkflowJson.Options)!
                : throw new EngineException(EngineErrorCode.IdempotencyKeyReused,
                    $"Idempotency key '{Key}' was already used for a different request.");
    }
}
