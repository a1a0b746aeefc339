using System.Text.Json.Nodes;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
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
            WorkflowRuntime runtime, CancellationToken ct) =>
            await runtime.Store.ListTasksAsync(new TaskQuery
            {
                AssigneeAgency = agency,
                AssigneeRole = role,
                Status = QueryValues.Enum<HumanTaskStatus>(status, "status"),
                InstanceId = instanceId,
                Skip = Math.Max(0, skip ?? 0),
                Take = Math.Clamp(take ?? 50, 1, 500),
            }, ct));

        group.MapGet("/{id:guid}", async (Guid id, WorkflowRuntime runtime, CancellationToken ct) =>
            await runtime.Store.GetTaskAsync(id, ct) ?? throw new EngineException(EngineErrorCode.NotFound, $"There is no task {id}."));

        group.MapPost("/{id:guid}/complete", async (Guid id, HttpContext http, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadAsync<CompleteRequest>(http.Request, ct);
            RequestBody.Require(("outcome", !string.IsNullOrWhiteSpace(body.Outcome)));
            return await runtime.CompleteTaskAsync(id, new TaskCompletion(body.Outcome!, body.Data, body.Comment),
                CurrentUser.Of(http.User).Actor, InstanceEndpoints.IdempotencyKey(http), ct);
        });
    }
}
