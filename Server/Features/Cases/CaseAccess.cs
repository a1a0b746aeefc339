using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Security;

namespace ConsultFlow.Server.Features.Cases;

/// <summary>
/// Who may see and act on a case, applied in the queries themselves:
/// - administrators, and coordinators of the coordination office (which runs the district's consultations), see every case;
/// - everyone else sees the cases their agency is party to: it started the case or was assigned a task in it
///   (the procuratorate is party to a referral through its copy task) — other cases are absent from lists and 404;
/// - a task is claimed and completed only by a user of its assignee agency holding its assignee role; once claimed, it
///   is the claimant's (a leader of the agency may still complete it); the claimant or a leader of the agency releases
///   or reassigns it, and only within that agency.
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

    /// <summary>
    /// Refuses (403) a completion by anyone but the assignee agency's people in the assignee role. A claimed task is the
    /// claimant's to finish: anyone else of that role is refused (409, the claim is in the way) unless they are a leader
    /// of the agency, who may finish a task whose claimant is away. Leaders without the role release or reassign it.
    /// </summary>
    public static void EnsureMayComplete(CurrentUser user, HumanTask task)
    {
        EnsureMayClaim(user, task);
        if (task.ClaimedBy is { } holder && holder != user.Actor.UserId && !IsLeaderOf(user, task.AssigneeAgency))
            throw new EngineException(EngineErrorCode.Conflict, $"Task {task.Id} is claimed by {holder}; only they or a leader of {task.AssigneeAgency} may complete it.");
    }

    /// <summary>Only those who may work on a task claim it: its agency's people in its role (403 for anyone else).</summary>
    public static void EnsureMayClaim(CurrentUser user, HumanTask task)
    {
        if (user.Agency != task.AssigneeAgency || !user.HasRole(task.AssigneeRole))
            throw new ForbiddenException($"This task is for the {task.AssigneeRole} of {task.AssigneeAgency}.");
    }

    /// <summary>
    /// Reassigning or releasing a task is for its claimant (still of the assignee agency) or a leader of the assignee
    /// agency (403 for anyone else). Returns the claim the change must still find (null for a leader, who may override).
    /// </summary>
    public static string? EnsureMayReassign(CurrentUser user, HumanTask task)
    {
        if (IsLeaderOf(user, task.AssigneeAgency)) return null;
        if (user.Agency == task.AssigneeAgency && task.ClaimedBy is { } holder && holder == user.Actor.UserId) return holder;
        throw new ForbiddenException($"Only the claimant of this task or a leader of {task.AssigneeAgency} may reassign or release it.");
    }

    public static bool IsLeaderOf(CurrentUser user, string agency) =>
        !string.IsNullOrEmpty(agency) && user.Agency == agency && user.HasRole(DirectoryRoles.Leader);

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
