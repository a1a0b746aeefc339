using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Security;

namespace ConsultFlow.Server.Features.Cases;

/// <summary>Cases: lists with filters and paging, and one case with its timeline, participants, tasks and deadlines.</summary>
public static class CaseEndpoints
{
    public static void MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").WithTags("Cases");

        // GET /api/cases?process=&status=&agency=&overdue=true&createdFrom=2026-03-01&createdTo=2026-03-31&text=&skip=&take=
        // → { items, total, skip, take }. Callers who do not see every case see only those their agency is party to,
        // whatever "agency" says; the total counts only those.
        group.MapGet("/", async (string? process, string? status, string? agency, string? overdue, string? createdFrom, string? createdTo,
            string? text, string? skip, string? take, HttpContext http, CaseAccess access, WorkflowRuntime runtime,
            DefinitionService definitions, ServerDbContext directory, TimeProvider clock, DeploymentProfile profile, CancellationToken ct) =>
        {
            var parameters = CaseListParameters.Parse(process, status, agency, overdue, createdFrom, createdTo, text, skip, take);
            var reader = new CaseReader(runtime.Store, definitions, directory, clock, profile);
            return await reader.ListAsync(parameters, access.PartyFilter(CurrentUser.Of(http.User)), ct);
        });

        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, CaseAccess access, WorkflowRuntime runtime,
            DefinitionService definitions, ServerDbContext directory, TimeProvider clock, DeploymentProfile profile, CancellationToken ct) =>
        {
            var state = await access.VisibleInstanceAsync(CurrentUser.Of(http.User), id, ct);
            return await new CaseReader(runtime.Store, definitions, directory, clock, profile).DetailAsync(state, ct);
        });
    }
}
