using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Cases;
using ConsultFlow.Server.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Documents;

/// <summary>
/// The formal documents of a case (.docx drawn up from the case's data), downloadable from the case page. Only the
/// case's parties (CaseAccess) see them: for anyone else the case, its list and every document answer 404.
/// </summary>
public static class DocumentEndpoints
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const int TaskPage = 500;

    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases/{id:guid}/documents").WithTags("Documents");

        // GET /api/cases/{id}/documents → the documents the case's process produces, each available now or not (and why).
        group.MapGet("/", async (Guid id, HttpContext http, CaseAccess access, WorkflowRuntime runtime, ServerDbContext directory,
            DeploymentProfile profile, TimeProvider clock, CancellationToken ct) =>
        {
            var state = await access.VisibleInstanceAsync(CurrentUser.Of(http.User), id, ct);
            var facts = await FactsAsync(state, runtime.Store, directory, profile, clock, ct);
            return DocumentCatalog.ForProcess(state.DefinitionId).Select(t =>
            {
                var reason = t.Unavailable(facts);
                return new DocumentInfo(t.Kind, t.TitleZh, t.TitleEn, FileName(t, facts), reason is null, reason, $"/api/cases/{id}/documents/{t.Kind}");
            }).ToList();
        });

        // GET /api/cases/{id}/documents/{kind} → the .docx (404 for a kind the process does not produce, 409 while not yet possible).
        group.MapGet("/{kind}", async (Guid id, string kind, HttpContext http, CaseAccess access, WorkflowRuntime runtime,
            ServerDbContext directory, DeploymentProfile profile, TimeProvider clock, CancellationToken ct) =>
        {
            var state = await access.VisibleInstanceAsync(CurrentUser.Of(http.User), id, ct);
            var template = DocumentCatalog.ForProcess(state.DefinitionId).FirstOrDefault(t => t.Kind == kind)
                ?? throw new EngineException(EngineErrorCode.NotFound, $"The {state.DefinitionId} process produces no document '{kind}'.",
                    [new("kind", $"本流程没有“{kind}”文书；可用：{string.Join("、", DocumentCatalog.ForProcess(state.DefinitionId).Select(t => t.Kind))}。"
                        + "(This process produces no such document.)")]);
            var facts = await FactsAsync(state, runtime.Store, directory, profile, clock, ct);
            if (template.Unavailable(facts) is { } reason)
                throw new EngineException(EngineErrorCode.Conflict, $"The {template.Kind} of case {id} cannot be drawn up yet.", [new("kind", reason)]);
            var bytes = template.Write(facts).ToBytes();
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(bytes, DocxContentType, FileName(template, facts));
        });
    }

    internal static string FileName(DocumentTemplate template, CaseFacts facts)
    {
        return SafeFileName(template.FileStem(facts)) + ".docx";
    }

    /// <summary>A name fit for a file: characters no file system allows, and control characters, become '_'.</summary>
    internal static string SafeFileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray());
    }

    internal static async Task<CaseFacts> FactsAsync(WorkflowState state, IInstanceStore store, ServerDbContext directory,
        DeploymentProfile profile, TimeProvider clock, CancellationToken ct)
    {
        var tasks = new List<HumanTask>();
        for (var skip = 0; ; skip += TaskPage)
        {
            var page = await store.ListTasksAsync(new TaskQuery { InstanceId = state.InstanceId, Skip = skip, Take = TaskPage }, ct);
            tasks.AddRange(page);
            if (page.Count < TaskPage) break;
        }
        // Agencies are tens per district: all names are read at once rather than collecting every code a document may name.
        var names = await directory.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.NameZh, ct);
        return new CaseFacts(state, tasks, names, profile, clock.GetUtcNow());
    }
}
