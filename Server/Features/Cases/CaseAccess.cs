using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Security;

namespace ConsultFlow.Server.Features.Cases;

/// <summary>
/// Who may see and act on a case, applied in the queries themselves:
/// - administrators, and coordinators of the coordination office (which runs the district's consultations), see every case;
/// - everyone else sees the cases their agency is party to: it started the case or was assigned a task in it
///   (the procuratorate is party to a referral through its copy task) — other cases are absent from lists and 404;
/// - a task is completed only by a user of its assignee agency holding its assignee role.
/// </summary>
public sealed class CaseAccess(DeploymentProfile profile, IInstanceStore store)
{
    public bool SeesAllCases(CurrentUser user) =>
        user.IsAdministrator || (user.IsCoordinator && user.Agency == profile.Agencies.CoordinationOffice);

    /// <summary>The party filter for lists: null for those who see everything.</summary>
    public string? PartyFilter(CurrentUser user) => SeesAllCases(user) ? null : user.Agency;

    /// <summary>The instance, if the user may see it; otherwise the same 404 as for a case that does not exist.</summary>
    public async Task<WorkflowState> VisibleInstanceAsync(CurrentUser user, Guid instanceId, CancellationToken ct)
    {
        var snapshot = await store.LoadAsync(instanceId, ct);
        if (snapshot is null || !await IsPartyAsync(user, snapshot.State, ct))
            throw new EngineException(EngineErrorCode.NotFound, $"There is no instance {instanceId}.");
        return snapshot.State;
    }

    public async Task<HumanTask> VisibleTaskAsync(CurrentUser user, Guid taskId, CancellationToken ct)
    {
        var task = await store.GetTaskAsync(taskId, ct);
        if (task is null || !(task.AssigneeAgency == user.Agency || await IsPartyAsync(user, task.InstanceId, ct)))
            throw new EngineException(EngineErrorCode.NotFound, $"There is no task {taskId}.");
        return task;
    }

    /// <summary>Refuses (403) a completion by anyone but the assignee agency's people in the assignee role.</summary>
    public static void EnsureMayComplete(CurrentUser user, HumanTask task)
    {
        if (user.Agency != task.AssigneeAgency || !user.HasRole(task.AssigneeRole))
            throw new ForbiddenException($"This task is for the {task.AssigneeRole} of {task.AssigneeAgency}.");
    }

    /// <summary>Retrying a faulted case or cancelling one is for those who run the office.</summary>
    public void EnsureMayManage(CurrentUser user)
    {
        if (!SeesAllCases(user))
            throw new ForbiddenException("Only administrators and the coordination office may retry or cancel a case.");
    }

    private async Task<bool> IsPartyAsync(CurrentUser user, Guid instanceId, CancellationToken ct) =>
        await store.LoadAsync(instanceId, ct) is { } snapshot && await IsPartyAsync(user, snapshot.State, ct);

    private async Task<bool> IsPartyAsync(CurrentUser user, WorkflowState state, CancellationToken ct) =>
        SeesAllCases(user)
        || (!string.IsNullOrEmpty(user.Agency)
            && (state.StartedBy?.Agency == user.Agency
                || (await store.ListTasksAsync(new TaskQuery { InstanceId = state.InstanceId, AssigneeAgency = user.Agency, Take = 1 }, ct)).Count > 0));
}
