using ConsultFlow.Server.Features.Audit;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Cases;
using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Security;

namespace ConsultFlow.Server.Features.Instances;

/// <summary>Start instances, read their state and journal, retry a faulted one, cancel, deliver messages.</summary>
public static class InstanceEndpoints
{
    public sealed record StartRequest(string? DefinitionId, int? Version, JsonObject? Input, string? CorrelationKey, ActingForRequest? ActingFor);
    public sealed record CancelRequest(string? Reason);
    public sealed record MessageRequest(string? MessageName, string? CorrelationKey, JsonNode? Payload);

    public static void MapInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances").WithTags("Instances");

        group.MapPost("/", async (HttpContext http, WorkflowRuntime runtime, DefinitionService definitions, StartAuthorization starts, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadAsync<StartRequest>(http.Request, ct);
            RequestBody.Require(("definitionId", !string.IsNullOrWhiteSpace(body.DefinitionId)));
            var definition = await definitions.GetStartableAsync(body.DefinitionId!, body.Version, ct);
            var input = body.Input ?? [];
            var actingFor = await starts.AuthorizeAsync(definition.Definition, CurrentUser.Of(http.User), input, body.ActingFor, ct);
            // Shape and bounds first (cheap, no database), then the directory.
            WorkflowRuntime.ValidateInput(definition.Definition, input);
            await starts.CheckAgencyInputsAsync(definition.Definition, input, ct);
            var result = await runtime.StartAsync(
                new StartWorkflow(body.DefinitionId!, input) { Version = body.Version, CorrelationKey = body.CorrelationKey, ActingFor = actingFor },
                CurrentUser.Of(http.User).Actor, IdempotencyKey(http), ct);
            return Results.Created($"/api/instances/{result.InstanceId}", result);
        }).RecordedInCaseJournal();

        group.MapGet("/", async (string? definitionId, string? status, string? correlationKey, int? skip, int? take,
            HttpContext http, CaseAccess access, WorkflowRuntime runtime, CancellationToken ct) =>
            await runtime.Store.ListInstancesAsync(new InstanceQuery
            {
                PartyAgency = access.PartyFilter(CurrentUser.Of(http.User)),
                DefinitionId = definitionId,
                Status = QueryValues.Enum<WorkflowStatus>(status, "status"),
                CorrelationKey = correlationKey,
                Skip = Math.Max(0, skip ?? 0),
                Take = Math.Clamp(take ?? 50, 1, 500),
            }, ct));

        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, CaseAccess access, CancellationToken ct) =>
            await access.VisibleInstanceAsync(CurrentUser.Of(http.User), id, ct));

        group.MapGet("/{id:guid}/journal", async (Guid id, HttpContext http, CaseAccess access, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            await access.VisibleInstanceAsync(CurrentUser.Of(http.User), id, ct);
            return await runtime.Store.GetJournalAsync(id, ct);
        });

        group.MapPost("/{id:guid}/retry", async (Guid id, HttpContext http, CaseAccess access, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            var user = CurrentUser.Of(http.User);
            await access.VisibleInstanceAsync(user, id, ct);
            access.EnsureMayManage(user);
            return await runtime.RetryAsync(id, user.Actor, ct);
        }).RecordedInCaseJournal();

        group.MapPost("/{id:guid}/cancel", async (Guid id, HttpContext http, CaseAccess access, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            var user = CurrentUser.Of(http.User);
            await access.VisibleInstanceAsync(user, id, ct);
            access.EnsureMayManage(user);
            var body = await RequestBody.ReadAsync<CancelRequest>(http.Request, ct);
            RequestBody.Require(("reason", !string.IsNullOrWhiteSpace(body.Reason)));
            if (Engine.Text.TextRules.ProblemWith(body.Reason!, Engine.Text.Bilingual.Say("撤销理由", "reason"), StartAuthorization.MaxReasonLength) is { } reasonProblem)
                throw new EngineException(EngineErrorCode.Invalid, Engine.Text.Bilingual.Say("撤销理由不符合要求。", "The reason is not valid."), [new("reason", reasonProblem)]);
            return await runtime.CancelAsync(id, CurrentUser.Of(http.User).Actor, body.Reason!, ct);
        }).RecordedInCaseJournal();

        app.MapPost("/api/messages", async (HttpContext http, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            var caller = CurrentUser.Of(http.User);
            if (!caller.IsAdministrator && !caller.IsApiClient)
                throw new ForbiddenException("Messages are delivered by agencies' systems (API clients) and administrators.");
            var body = await RequestBody.ReadAsync<MessageRequest>(http.Request, ct);
            RequestBody.Require(("messageName", !string.IsNullOrWhiteSpace(body.MessageName)), ("correlationKey", !string.IsNullOrWhiteSpace(body.CorrelationKey)));
            return new { resumed = await runtime.DeliverMessageAsync(body.MessageName!, body.CorrelationKey!, body.Payload, ct) };
        }).WithTags("Messages");
    }

    public static string? IdempotencyKey(HttpContext http)
    {
        var key = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        if (key is { Length: > 200 })
            throw new EngineException(EngineErrorCode.Invalid, "The Idempotency-Key header is too long.", [new("Idempotency-Key", "At most 200 characters.")]);
        return string.IsNullOrWhiteSpace(key) ? null : key;
    }
}
