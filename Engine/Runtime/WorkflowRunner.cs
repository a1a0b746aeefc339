using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Expressions;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Engine.Runtime;

/// <summary>
/// The run loop. It takes queued work one item at a time (first in, first out, so the branches of a fork advance
/// together), runs the activity, and applies what the activity asked for: follow outcomes, wait on bookmarks, or run a
/// body per item. When the queue is empty it releases joins and body scopes that have nothing left to wait for, and
/// stops when nothing more can run. It never touches storage: the runtime commits the step afterwards.
/// </summary>
internal sealed class WorkflowRunner(ActivityRegistry registry, JsonLogicEvaluator evaluator)
{
    public async Task RunAsync(RunContext run)
    {
        var state = run.State;
        state.Status = WorkflowStatus.Running;
        var limits = run.Environment.Limits;
        var executed = 0;
        do
        {
            while (state.Queue.Count > 0)
            {
                var work = state.Queue[0];
                state.Queue.RemoveAt(0);
                if (++executed > limits.MaxActivitiesPerStep)
                {
                    // A loop with nothing to wait on (the validator refuses those, but older versions may have one).
                    Fault(run, run.Definition.Node(work.ActivityId), work, new StepBudgetExceededException(limits.MaxActivitiesPerStep));
                    state.Queue.Insert(0, work);
                    return;
                }
                if (!await ExecuteAsync(run, work))
                {
                    // Keep the faulted work at the head of the queue: a retry runs exactly it, and nothing before it.
                    state.Queue.Insert(0, work);
                    return;
                }
            }
        }
        while (Settle(run));
        Finish(run);
    }

    private async Task<bool> ExecuteAsync(RunContext run, ScheduledWork work)
    {
        var node = run.Definition.Node(work.ActivityId);
        var activity = registry.Get(node.Type);
        var context = new ActivityContext(run, evaluator, node, work);
        if (work.Resume is null)
            run.Journal(JournalKind.ActivityStarted, node.Id, node.Type, work.ExecutionId);

        ActivityResult result;
        try
        {
            var inputs = InputBinder.Bind(activity, node, context);
            result = work.Resume is { } resume
                ? await activity.ResumeUntypedAsync(context, inputs, new ResumeContext(resume.Bookmark, resume.Outcome, resume.Data, resume.Actor, resume.At))
                : await activity.ExecuteUntypedAsync(context, inputs);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Fault(run, node, work, ex);
            return false;
        }

        foreach (var (name, value) in context.PendingVariables)
        {
            run.State.Variables[name] = value?.DeepClone();
            run.Journal(JournalKind.VariableSet, node.Id, node.Type, work.ExecutionId, name, value?.DeepClone());
        }
        if (context.WorkflowOutput is { } output)
            run.State.Output = output;
        foreach (var message in context.PendingMessages)
        {
            run.Changes.Outbox.Add(message);
            run.Journal(JournalKind.MessageSent, node.Id, node.Type, work.ExecutionId, message.MessageType,
                new JsonObject { ["messageId"] = message.Id.ToString(), ["to"] = message.Destination });
        }

        switch (result)
        {
            case ActivityResult.Completed completed:
                // The other ways this execution was waiting (an expiry timer beside a task, say) are moot now. A task
                // whose period ran out is closed as expired with the outcome the process recorded (e.g. 未反馈).
                var expired = work.Resume?.Bookmark.Payload is JsonObject { } payload && payload["expiry"] is not null;
                foreach (var sibling in run.State.Bookmarks.Where(b => b.ExecutionId == work.ExecutionId).ToList())
                    CancelBookmark(run, sibling, expired ? "its period ended unanswered" : "the activity completed",
                        expired ? (HumanTaskStatus.Expired, completed.Outcomes.FirstOrDefault()) : null);
                Complete(run, node, work.ScopeId, work.ExecutionId, completed.Outcomes, completed.Output);
                break;
            case ActivityResult.Blocked blocked:
                foreach (var request in blocked.Bookmarks)
                    AddBookmark(run, node, work, request);
                break;
            case ActivityResult.RunBody body:
                StartBody(run, node, work, body.Items);
                break;
        }
        return true;
    }

    private void Complete(RunContext run, ActivityNode node, Guid? scopeId, Guid executionId, IReadOnlyList<string> outcomes, JsonNode? output)
    {
        OutputsOf(run.State, scopeId)[node.Id] = output?.DeepClone();
        run.Journal(JournalKind.ActivityCompleted, node.Id, node.Type, executionId, string.Join(",", outcomes), output?.DeepClone());
        foreach (var outcome in outcomes)
            foreach (var target in run.Definition.TargetsOf(node.Id, outcome))
                Arrive(run, target, scopeId);
    }

    private void Arrive(RunContext run, string targetId, Guid? scopeId)
    {
        var state = run.State;
        var target = run.Definition.Node(targetId);
        if (registry.Get(target.Type) is not IJoinActivity join)
        {
            Schedule(state, targetId, scopeId);
            return;
        }

        var wait = new JoinWait(targetId, scopeId);
        if (join.ModeOf(target) == JoinMode.WaitAny)
        {
            state.JoinWaits.Remove(wait);
            CancelPendingAncestors(run, targetId, scopeId);
            Schedule(state, targetId, scopeId);
        }
        else if (!state.JoinWaits.Contains(wait))
        {
            // Released by Settle once no branch leading here is still running.
            state.JoinWaits.Add(wait);
        }
    }

    private static void Schedule(WorkflowState state, string activityId, Guid? scopeId) =>
        state.Queue.Add(new ScheduledWork(Guid.NewGuid(), activityId, scopeId));

    private static void AddBookmark(RunContext run, ActivityNode node, ScheduledWork work, BookmarkRequest request)
    {
        var id = request.Id ?? Guid.NewGuid();
        JsonNode? payload = request.Payload?.DeepClone();
        if (request.Task is { } taskRequest)
        {
            var task = new HumanTask
            {
                Id = id,
                InstanceId = run.State.InstanceId,
                ActivityId = node.Id,
                ScopeId = work.ScopeId,
                Title = taskRequest.Title,
                Description = taskRequest.Description,
                AssigneeAgency = taskRequest.AssigneeAgency,
                AssigneeRole = taskRequest.AssigneeRole,
                Form = taskRequest.Form,
                Outcomes = taskRequest.Outcomes,
                DueAt = taskRequest.DueAt,
                LegalBasis = taskRequest.LegalBasis,
                CalendarVersion = taskRequest.CalendarVersion,
                DueEstimated = taskRequest.DueEstimated,
                CreatedAt = run.Now,
            };
            // The bookmark carries the whole task, so completing or cancelling it needs nothing but the state.
            payload = JsonSerializer.SerializeToNode(task, WorkflowJson.Options);
            run.Changes.Tasks.Add(task);
            if (++run.TasksCreated > run.Environment.Limits.MaxTasksPerStep)
                throw new EngineException(EngineErrorCode.Invalid, Text.Bilingual.Say(
                    $"此操作将一次创建超过 {run.Environment.Limits.MaxTasksPerStep} 个待办任务，已拒绝；请减少参与单位或事项。",
                    $"This would create more than {run.Environment.Limits.MaxTasksPerStep} tasks in one step; refused."),
                    [new("tasks", Text.Bilingual.Say($"一次至多创建 {run.Environment.Limits.MaxTasksPerStep} 个任务。", $"At most {run.Environment.Limits.MaxTasksPerStep} tasks per step."))]);
            run.Journal(JournalKind.TaskAssigned, node.Id, node.Type, work.ExecutionId,
                $"{task.AssigneeAgency}/{task.AssigneeRole}", new JsonObject { ["taskId"] = id.ToString(), ["dueAt"] = task.DueAt?.ToString("O") });
        }

        var bookmark = new BookmarkState
        {
            Id = id,
            ActivityId = node.Id,
            ExecutionId = work.ExecutionId,
            ScopeId = work.ScopeId,
            Kind = request.Kind,
            CreatedAt = run.Now,
            DueAt = request.DueAt,
            MessageName = request.MessageName,
            CorrelationKey = request.CorrelationKey,
            ChildInstanceId = request.ChildInstanceId,
            Payload = payload,
        };
        run.State.Bookmarks.Add(bookmark);
        run.Journal(JournalKind.BookmarkCreated, node.Id, node.Type, work.ExecutionId, request.Kind.ToString(),
            new JsonObject { ["bookmarkId"] = id.ToString() });
    }

    private void StartBody(RunContext run, ActivityNode node, ScheduledWork work, IReadOnlyList<JsonNode?> items)
    {
        if (items.Count == 0 || node.Body is null)
        {
            Complete(run, node, work.ScopeId, work.ExecutionId, [Outcomes.Done], new JsonObject { ["results"] = new JsonArray() });
            return;
        }
        var state = run.State;
        state.Bookmarks.Add(new BookmarkState
        {
            Id = Guid.NewGuid(),
            ActivityId = node.Id,
            ExecutionId = work.ExecutionId,
            ScopeId = work.ScopeId,
            Kind = BookmarkKind.Body,
            CreatedAt = run.Now,
        });
        var entries = node.Body.EntryActivities().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var scope = new ScopeState
            {
                Id = Guid.NewGuid(),
                ParentScopeId = work.ScopeId,
                OwnerActivityId = node.Id,
                OwnerExecutionId = work.ExecutionId,
                Index = i,
                Item = items[i]?.DeepClone(),
            };
            state.Scopes.Add(scope);
            foreach (var entry in entries)
                Schedule(state, entry.Id, scope.Id);
        }
    }

    /// <summary>
    /// Runs when the queue is empty: releases wait-all joins with no branch still running towards them, and finishes
    /// body scopes with nothing left to do. Returns true when that scheduled new work.
    /// </summary>
    private bool Settle(RunContext run)
    {
        var state = run.State;
        bool changed;
        do
        {
            changed = false;
            foreach (var wait in state.JoinWaits.ToList())
            {
                if (HasPendingAncestors(run, wait.JoinActivityId, wait.ScopeId)) continue;
                state.JoinWaits.Remove(wait);
                Schedule(state, wait.JoinActivityId, wait.ScopeId);
                changed = true;
            }
            if (state.Queue.Count > 0) return true;

            foreach (var scope in state.Scopes.Where(s => !s.Finished).ToList())
            {
                if (!state.Scopes.Contains(scope) || scope.Finished || HasPendingWork(state, scope.Id)) continue;
                scope.Completed = true;
                OnScopeFinished(run, scope);
                changed = true;
            }
        }
        while (changed && state.Queue.Count == 0);
        return state.Queue.Count > 0;
    }

    private static bool HasPendingWork(WorkflowState state, Guid scopeId) =>
        state.Queue.Any(w => w.ScopeId == scopeId)
        || state.Bookmarks.Any(b => b.ScopeId == scopeId)
        || state.JoinWaits.Any(j => j.ScopeId == scopeId)
        || state.Scopes.Any(s => s.ParentScopeId == scopeId && !s.Finished);

    private static bool HasPendingAncestors(RunContext run, string joinId, Guid? scopeId)
    {
        var state = run.State;
        var ancestors = run.Definition.AncestorsOf(joinId);
        return state.Queue.Any(w => w.ScopeId == scopeId && ancestors.Contains(w.ActivityId))
            || state.Bookmarks.Any(b => b.ScopeId == scopeId && ancestors.Contains(b.ActivityId))
            || state.JoinWaits.Any(j => j.ScopeId == scopeId && ancestors.Contains(j.JoinActivityId));
    }

    private void OnScopeFinished(RunContext run, ScopeState scope)
    {
        var state = run.State;
        var siblings = state.Scopes.Where(s => s.OwnerExecutionId == scope.OwnerExecutionId).OrderBy(s => s.Index).ToList();
        var results = siblings.Select(s => new ScopeResult(s.Index, s.Item, s.Outputs, s.Completed)).ToList();
        var bodyBookmark = state.Bookmarks.Single(b => b.ExecutionId == scope.OwnerExecutionId && b.Kind == BookmarkKind.Body);
        var owner = run.Definition.Node(scope.OwnerActivityId);

        var done = siblings.All(s => s.Finished) || IsDoneEarly(run, owner, bodyBookmark, results);
        if (!done) return;

        foreach (var sibling in siblings.Where(s => !s.Finished))
            CancelScope(run, sibling);
        state.Bookmarks.Remove(bodyBookmark);
        var output = new JsonObject
        {
            ["results"] = new JsonArray(results.Select(r => (JsonNode?)new JsonObject
            {
                ["index"] = r.Index,
                ["item"] = r.Item?.DeepClone(),
                ["completed"] = state.Scopes.First(s => s.OwnerExecutionId == scope.OwnerExecutionId && s.Index == r.Index).Completed,
                ["outputs"] = r.Outputs.DeepClone(),
            }).ToArray()),
        };
        RemoveScopeTree(state, scope.OwnerExecutionId);
        Complete(run, owner, bodyBookmark.ScopeId, bodyBookmark.ExecutionId, [Outcomes.Done], output);
    }

    private bool IsDoneEarly(RunContext run, ActivityNode owner, BookmarkState bodyBookmark, IReadOnlyList<ScopeResult> results)
    {
        if (registry.Get(owner.Type) is not IContainerActivity container) return false;
        var context = new ActivityContext(run, evaluator, owner, new ScheduledWork(bodyBookmark.ExecutionId, owner.Id, bodyBookmark.ScopeId));
        try
        {
            return container.IsDoneEarly(context, InputBinder.Bind(registry.Get(owner.Type), owner, context), results);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A broken completion condition must not lose the body's work: the container then waits for every scope.
            run.Journal(JournalKind.ActivityFaulted, owner.Id, owner.Type, bodyBookmark.ExecutionId,
                $"Completion condition failed, waiting for every item: {ex.Message}");
            return false;
        }
    }

    private static void CancelPendingAncestors(RunContext run, string joinId, Guid? scopeId)
    {
        var state = run.State;
        var ancestors = run.Definition.AncestorsOf(joinId);
        state.Queue.RemoveAll(w => w.ScopeId == scopeId && ancestors.Contains(w.ActivityId));
        foreach (var bookmark in state.Bookmarks.Where(b => b.ScopeId == scopeId && ancestors.Contains(b.ActivityId)).ToList())
            CancelBookmark(run, bookmark, $"another branch reached join '{joinId}' first");
        state.JoinWaits.RemoveAll(j => j.ScopeId == scopeId && ancestors.Contains(j.JoinActivityId));
    }

    private static void CancelScope(RunContext run, ScopeState scope)
    {
        var state = run.State;
        scope.Cancelled = true;
        state.Queue.RemoveAll(w => w.ScopeId == scope.Id);
        state.JoinWaits.RemoveAll(j => j.ScopeId == scope.Id);
        foreach (var bookmark in state.Bookmarks.Where(b => b.ScopeId == scope.Id).ToList())
            CancelBookmark(run, bookmark, "its item was no longer needed");
        foreach (var child in state.Scopes.Where(s => s.ParentScopeId == scope.Id && !s.Finished).ToList())
            CancelScope(run, child);
    }

    /// <summary>Drops a bookmark nobody will resume any more; its task, if any, is closed as cancelled.</summary>
    internal static void CancelBookmark(RunContext run, BookmarkState bookmark, string reason, (HumanTaskStatus Status, string? Outcome)? closeTaskAs = null)
    {
        var state = run.State;
        state.Bookmarks.Remove(bookmark);
        run.Journal(JournalKind.BookmarkCancelled, bookmark.ActivityId, null, bookmark.ExecutionId, reason,
            new JsonObject { ["bookmarkId"] = bookmark.Id.ToString(), ["kind"] = bookmark.Kind.ToString() });
        if (bookmark.Kind == BookmarkKind.HumanTask && bookmark.Payload.Deserialize<HumanTask>(WorkflowJson.Options) is { } task)
        {
            var (status, outcome) = closeTaskAs ?? (HumanTaskStatus.Cancelled, null);
            run.Changes.Tasks.Add(task with { Status = status, Outcome = outcome, ClosedAt = run.Now, ClosedBy = run.Actor, Comment = reason });
            run.Journal(JournalKind.TaskCancelled, bookmark.ActivityId, null, bookmark.ExecutionId, reason,
                new JsonObject { ["taskId"] = task.Id.ToString(), ["status"] = status.ToString(), ["outcome"] = outcome });
        }
        if (bookmark.Kind == BookmarkKind.Body)
            foreach (var scope in state.Scopes.Where(s => s.OwnerExecutionId == bookmark.ExecutionId && !s.Finished).ToList())
                CancelScope(run, scope);
    }

    private static void RemoveScopeTree(WorkflowState state, Guid ownerExecutionId)
    {
        var removed = state.Scopes.Where(s => s.OwnerExecutionId == ownerExecutionId).Select(s => s.Id).ToHashSet();
        bool grew;
        do
        {
            grew = false;
            foreach (var s in state.Scopes)
                if (s.ParentScopeId is { } parent && removed.Contains(parent) && removed.Add(s.Id))
                    grew = true;
        }
        while (grew);
        state.Scopes.RemoveAll(s => removed.Contains(s.Id));
    }

    private static JsonObject OutputsOf(WorkflowState state, Guid? scopeId) =>
        scopeId is null ? state.Outputs : state.Scopes.First(s => s.Id == scopeId).Outputs;

    private static void Fault(RunContext run, ActivityNode node, ScheduledWork work, Exception ex)
    {
        var state = run.State;
        state.Status = WorkflowStatus.Faulted;
        state.Incident = new Incident(node.Id, work.ExecutionId, ex.Message, ex.GetType().FullName, run.Now);
        run.Journal(JournalKind.ActivityFaulted, node.Id, node.Type, work.ExecutionId, ex.Message);
        run.Journal(JournalKind.InstanceFaulted, node.Id, node.Type, work.ExecutionId, ex.Message);
    }

    private static void Finish(RunContext run)
    {
        var state = run.State;
        if (state.Bookmarks.Count > 0)
        {
            state.Status = WorkflowStatus.Suspended;
            return;
        }
        state.Status = WorkflowStatus.Completed;
        state.CompletedAt = run.Now;
        state.JoinWaits.Clear();
        run.Journal(JournalKind.InstanceCompleted, data: state.Output?.DeepClone());
        if (state.Parent is { } parent)
            run.Changes.PendingResumesAdded.Add(new(Guid.NewGuid(), parent.InstanceId, parent.BookmarkId, state.Output?.DeepClone(), run.Now));
    }
}
