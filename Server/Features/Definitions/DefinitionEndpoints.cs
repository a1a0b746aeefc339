using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Security;

namespace ConsultFlow.Server.Features.Definitions;

/// <summary>Definition versions: list, read, save a draft, validate, publish, retract.</summary>
public static class DefinitionEndpoints
{
    public static void MapDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Definitions");

        group.MapGet("/", async (DefinitionService definitions, CancellationToken ct) =>
            (await definitions.ListLatestAsync(ct)).Select(DefinitionSummary.Of));

        group.MapGet("/{id}/versions", async (string id, DefinitionService definitions, CancellationToken ct) =>
        {
            var versions = await definitions.ListVersionsAsync(id, ct);
            return versions.Count == 0
                ? throw new EngineException(EngineErrorCode.NotFound, $"There is no definition {id}.")
                : versions.Select(DefinitionSummary.Of);
        });

        group.MapGet("/{id}/versions/{version:int}", async (string id, int version, DefinitionService definitions, CancellationToken ct) =>
            await definitions.GetAsync(id, version, ct));

        group.MapPut("/{id}/draft", async (string id, HttpRequest request, DefinitionService definitions, CancellationToken ct) =>
        {
            var definition = await ReadDefinitionAsync(request, ct);
            if (definition.Id != id)
                throw new EngineException(EngineErrorCode.Invalid, "The body's id differs from the address.",
                    [new("id", $"The body says '{definition.Id}', the address '{id}'.")]);
            var saved = await definitions.SaveDraftAsync(definition, ct);
            return new DraftSaved(DefinitionSummary.Of(saved), definitions.Validate(saved.Definition));
        }).ForDesigners();

        group.MapPost("/validate", async (HttpRequest request, DefinitionService definitions, CancellationToken ct) =>
            new { errors = definitions.Validate(await ReadDefinitionAsync(request, ct)) });

        group.MapPost("/{id}/versions/{version:int}/publish", async (string id, int version, DefinitionService definitions, CancellationToken ct) =>
            DefinitionSummary.Of(await definitions.PublishAsync(id, version, ct))).ForDesigners();

        group.MapPost("/{id}/versions/{version:int}/retract", async (string id, int version, DefinitionService definitions, CancellationToken ct) =>
            DefinitionSummary.Of(await definitions.RetractAsync(id, version, ct))).ForDesigners();
    }

    /// <summary>Only coordinators and administrators change definitions; everyone signed in may read them.</summary>
    private static RouteHandlerBuilder ForDesigners(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var user = CurrentUser.Of(context.HttpContext.User);
            if (!user.IsAdministrator && !user.IsCoordinator)
                throw new ForbiddenException("Only coordinators and administrators may change workflow definitions.");
            return await next(context);
        });

    private static async Task<WorkflowDefinition> ReadDefinitionAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            throw new BadHttpRequestException("Send the definition as application/json.", StatusCodes.Status415UnsupportedMediaType);
        return WorkflowJson.ParseDefinition(await reader.ReadToEndAsync(ct));
    }

    public sealed record DefinitionSummary(string DefinitionId, int Version, DefinitionStatus Status, string Name, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt)
    {
        public static DefinitionSummary Of(DefinitionRecord r) => new(r.DefinitionId, r.Version, r.Status, r.Definition.Name, r.UpdatedAt, r.PublishedAt);
    }

    public sealed record DraftSaved(DefinitionSummary Definition, IReadOnlyList<Engine.Validation.ValidationError> Errors);
}
