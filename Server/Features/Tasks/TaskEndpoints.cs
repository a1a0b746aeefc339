using ConsultFlow.Server.Features.Audit;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Engine.Text;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Cases;
using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Instances;
using ConsultFlow.Server.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Tasks;

/// <summary>
/// Human tasks: list by assignee, read one, claim, release or reassign it within its agency, complete it with an
/// outcome and form data. Who may do which is CaseAccess's to say; the changes are engine steps, so the task and the
/// copy its instance waits on never disagree.
/// </summary>
public static class TaskEndpoints
{
    public const int MaxCommentLength = 2000;

    public sealed record CompleteRequest(string? Outcome, JsonObject? Data, string? Comment);

    /// <summary>To another role of the same agency, to one person of it (who then holds the claim), or both.
    /// <see cref="ToAgency"/> may be given but must be the task's own agency.</summary>
    public sealed record ReassignRequest(string? ToUserId, string? ToRole, string? ToAgency, string? Comment);

    public static void MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks");

        group.MapGet("/", async (string? agency, string? role, string? status, Guid? instanceId, int? skip, int? take,
            HttpContext http, CaseAccess access, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            // Others' tasks are listed only within a case the caller's agency is party to; otherwise its own agency's.
            var user = CurrentUser.Of(http.User);
            if (!access.SeesAllCases(user))
            {
                if (instanceId is { } visible) await access.VisibleInstanceAsync(user, visible, ct);
                else agency = user.Agency;
            }
            return await runtime.Store.ListTasksAsync(new TaskQuery
            {
                AssigneeAgency = agency,
                AssigneeRole = role,
                Status = QueryValues.Enum<HumanTaskStatus>(status, "status"),
                InstanceId = instanceId,
                Skip = Math.Max(0, skip ?? 0),
                Take = Math.Clamp(take ?? 50, 1, 500),
            }, ct);
        });

        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, CaseAccess access, CancellationToken ct) =>
            await access.VisibleTaskAsync(CurrentUser.Of(http.User), id, ct));

        group.MapPost("/{id:guid}/complete", async (Guid id, HttpContext http, CaseAccess access, WorkflowRuntime runtime,
            AgencyFieldCheck agencies, CancellationToken ct) =>
        {
            var user = CurrentUser.Of(http.User);
            var task = await access.VisibleTaskAsync(user, id, ct);
            CaseAccess.EnsureMayComplete(user, task);
            var body = await RequestBody.ReadAsync<CompleteRequest>(http.Request, ct);
            RequestBody.Require(("outcome", !string.IsNullOrWhiteSpace(body.Outcome)));
            CheckComment(body.Comment);
            await agencies.CheckAnswerAsync(task.Form, body.Data, body.Outcome, ct);
            return await runtime.CompleteTaskAsync(id, new TaskCompletion(body.Outcome!, body.Data, body.Comment),
                user.ActingAs(task.AssigneeRole), InstanceEndpoints.IdempotencyKey(http), ct, new ClaimSeen(task.ClaimedBy));
        }).RecordedInCaseJournal();

        // A person of the assignee agency in the assignee role takes the task on; 409 while someone else holds it.
        group.MapPost("/{id:guid}/claim", async (Guid id, HttpContext http, CaseAccess access, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            var user = CurrentUser.Of(http.User);
            var task = await access.VisibleTaskAsync(user, id, ct);
            CaseAccess.EnsureMayClaim(user, task);
            return await runtime.ClaimTaskAsync(id, user.ActingAs(task.AssigneeRole), ct);
        }).RecordedInCaseJournal();

        // The claimant gives the task back to the role, or a leader of the agency takes the claim off it; 409 if unclaimed.
        group.MapPost("/{id:guid}/release", async (Guid id, HttpContext http, CaseAccess access, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            var user = CurrentUser.Of(http.User);
            var task = await access.VisibleTaskAsync(user, id, ct);
            var claimant = CaseAccess.EnsureMayReassign(user, task) ?? task.ClaimedBy;
            return await runtime.ReleaseTaskAsync(id, user.ActingAs(task.AssigneeRole), claimant, ct);
        }).RecordedInCaseJournal();

        group.MapPost("/{id:guid}/reassign", async (Guid id, HttpContext http, CaseAccess access, WorkflowRuntime runtime,
            ServerDbContext directory, CancellationToken ct) =>
        {
            var user = CurrentUser.Of(http.User);
            var task = await access.VisibleTaskAsync(user, id, ct);
            var onlyIfClaimedBy = CaseAccess.EnsureMayReassign(user, task);
            var body = await RequestBody.ReadAsync<ReassignRequest>(http.Request, ct);
            var (toRole, toUserId) = await CheckReassignmentAsync(body, task, directory, ct);
            return await runtime.ReassignTaskAsync(id, toRole, toUserId, body.Comment, user.ActingAs(task.AssigneeRole), onlyIfClaimedBy, ct);
        }).RecordedInCaseJournal();
    }

    private static void CheckComment(string? comment)
    {
        if (comment is not null && TextRules.ProblemWith(comment, Bilingual.Say("办理意见", "comment"), MaxCommentLength) is { } problem)
            throw new EngineException(EngineErrorCode.Invalid, Bilingual.Say("办理意见不符合要求。", "The comment is not valid."), [new("comment", problem)]);
    }

    /// <summary>
    /// A reassignment stays inside the task's agency: the role must be one of the directory's, the person must be an
    /// active user of that agency who holds the role the task will have. Every problem is named in one 422.
    /// </summary>
    private static async Task<(string? Role, string? UserId)> CheckReassignmentAsync(ReassignRequest body, HumanTask task,
        ServerDbContext directory, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var toRole = string.IsNullOrWhiteSpace(body.ToRole) ? null : body.ToRole.Trim();
        var toUser = string.IsNullOrWhiteSpace(body.ToUserId) ? null : body.ToUserId.Trim();
        if (toRole is null && toUser is null)
        {
            errors.Add(new("toRole", "请指定转办的角色或人员。(Give a role, a user or both.)"));
            errors.Add(new("toUserId", "请指定转办的角色或人员。(Give a role, a user or both.)"));
        }
        if (!string.IsNullOrWhiteSpace(body.ToAgency) && body.ToAgency.Trim() != task.AssigneeAgency)
            errors.Add(new("toAgency", $"只能在承办单位 {task.AssigneeAgency} 内转办；交其他单位须经流程。(A task is reassigned within {task.AssigneeAgency} only.)"));
        if (toRole is not null && !DirectoryRoles.IsKnown(toRole))
            errors.Add(new("toRole", Bilingual.Say($"“{toRole}”不是已知角色：{string.Join("、", DirectoryRoles.All.Select(DirectoryRoles.ChineseName))}。", $"'{toRole}' is not a known role.")));
        else if (toRole is not null && toUser is null && !await SomeoneHoldsAsync(directory, task.AssigneeAgency, toRole, ct))
            errors.Add(new("toRole", Bilingual.Say($"承办单位 {task.AssigneeAgency} 中没有人具有角色“{DirectoryRoles.ChineseName(toRole)}”，转办后将无人办理。",
                $"Nobody active in {task.AssigneeAgency} holds the role {toRole}; the task would reach no one.")));
        if (body.Comment is not null && TextRules.ProblemWith(body.Comment, Bilingual.Say("说明", "comment"), MaxCommentLength) is { } commentProblem)
            errors.Add(new("comment", commentProblem));

        string? userId = null;
        if (toUser is not null)
        {
            var role = toRole ?? task.AssigneeRole;
            var person = Guid.TryParse(toUser, out var guid)
                ? await directory.Users.AsNoTracking().Where(u => u.Id == guid).Select(u => new { u.Id, u.AgencyCode, u.LockoutEnd }).SingleOrDefaultAsync(ct)
                : null;
            if (person is null)
                errors.Add(new("toUserId", $"没有用户 '{toUser}'。(No such user.)"));
            else if (person.AgencyCode != task.AssigneeAgency)
                errors.Add(new("toUserId", $"该用户不属于承办单位 {task.AssigneeAgency}；只能在本单位内转办。(The user belongs to another agency.)"));
            else if (person.LockoutEnd >= DirectoryAdministration.IndefiniteLock)
                errors.Add(new("toUserId", "该用户已被锁定。(The user is locked.)"));
            else if (!await directory.UserRoles.AnyAsync(r => r.UserId == guid && r.Role == role, ct))
                errors.Add(new("toUserId", $"该用户不具有角色 {role}。(The user does not hold the role {role}.)"));
            else
                userId = person.Id.ToString();
        }
        if (errors.Count > 0)
            throw new EngineException(EngineErrorCode.Invalid, Bilingual.Say("转办信息不符合要求。", "The reassignment is not valid."), errors);
        return (toRole, userId);
    }

    private static Task<bool> SomeoneHoldsAsync(ServerDbContext directory, string? agency, string role, CancellationToken ct) =>
        (from r in directory.UserRoles
         join u in directory.Users on r.UserId equals u.Id
         where r.Role == role && u.AgencyCode == agency && (u.LockoutEnd == null || u.LockoutEnd != DirectoryAdministration.IndefiniteLock)
         select r).AnyAsync(ct);
}
