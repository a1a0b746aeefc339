using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.Text;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Instances;
using ConsultFlow.Server.Features.Security;

namespace ConsultFlow.Server.Features.Definitions;

/// <summary>Definition versions: list, read, save a draft, validate, publish, retract.</summary>
public static class DefinitionEndpoints
{
    public static void MapDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Definitions");

        // Each with whether the caller may start it, so the start page offers only that.
        group.MapGet("/", async (HttpContext http, DefinitionService definitions, AgencyFieldCheck agencies, CancellationToken ct) =>
        {
            var user = CurrentUser.Of(http.User);
            var agencyType = await agencies.TypeOfAsync(user.Agency, ct);
            return (await definitions.ListLatestAsync(ct)).Select(r => DefinitionSummary.Of(r) with
            {
                MayStart = r.Status == DefinitionStatus.Published && StartAuthorization.MayStart(r.Definition, user, agencyType),
            });
        });

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
            return new DraftSaved(DefinitionSummary.Of(saved), [.. definitions.Validate(saved.Definition), .. DirectoryDeclarations.Check(saved.Definition)]);
        }).ForDesigners();

        group.MapPost("/validate", async (HttpRequest request, DefinitionService definitions, CancellationToken ct) =>
        {
            var definition = await ReadDefinitionAsync(request, ct);
            return new { errors = (IReadOnlyList<Engine.Validation.ValidationError>)[.. definitions.Validate(definition), .. DirectoryDeclarations.Check(definition)] };
        });

        group.MapPost("/{id}/versions/{version:int}/publish", async (string id, int version, DefinitionService definitions, CancellationToken ct) =>
        {
            var draft = await definitions.GetAsync(id, version, ct);
            if (DirectoryDeclarations.Check(draft.Definition) is { Count: > 0 } wrong)
                throw new EngineException(EngineErrorCode.Invalid, Bilingual.Say("定义中引用了名录中不存在的单位类型或角色。", "The definition names agency types or roles the directory does not know."),
                    wrong.Select(e => new Engine.Tasks.FieldError(e.Path, e.Message)).ToList());
            return DefinitionSummary.Of(await definitions.PublishAsync(id, version, ct));
        }).ForDesigners();

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
        /// <summary>Set in the list: whether the caller may start this definition.</summary>
        public bool? MayStart { get; init; }

        public static DefinitionSummary Of(DefinitionRecord r) => new(r.DefinitionId, r.Version, r.Status, r.Definition.Name, r.UpdatedAt, r.PublishedAt);
    }

    public sealed record DraftSaved(DefinitionSummary Definition, IReadOnlyList<Engine.Validation.ValidationError> Errors);
}
