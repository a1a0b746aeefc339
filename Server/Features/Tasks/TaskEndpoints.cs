using System.Text.Json.Nodes;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Server.Features.Cases;
using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Instances;
using ConsultFlow.Server.Features.Security;

namespace ConsultFlow.Server.Features.Tasks;

/// <summary>Human tasks: list by assignee, read one, complete it with an outcome and form data.</summary>
public static class TaskEndpoints
{
    public sealed record CompleteRequest(string? Outcome, JsonObject? Data, string? Comment);

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

        group.MapPost("/{id:guid}/complete", async (Guid id, HttpContext http, CaseAccess access, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            var user = CurrentUser.Of(http.User);
            var task = await access.VisibleTaskAsync(user, id, ct);
            CaseAccess.EnsureMayComplete(user, task);
            var body = await RequestBody.ReadAsync<CompleteRequest>(http.Request, ct);
            RequestBody.Require(("outcome", !string.IsNullOrWhiteSpace(body.Outcome)));
            return await runtime.CompleteTaskAsync(id, new TaskCompletion(body.Outcome!, body.Data, body.Comment),
                user.ActingAs(task.AssigneeRole), InstanceEndpoints.IdempotencyKey(http), ct);
        });
    }
}
