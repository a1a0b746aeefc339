using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>
/// The agencies: everyone signed in may read them (pickers show their names); administrators create and change them.
/// Agencies are never deleted: cases and journals keep referring to their codes.
/// </summary>
public static class AgencyEndpoints
{
    public sealed record NameRequest(string? Zh, string? En);
    public sealed record AgencyRequest(string? Code, NameRequest? Name, string? Type, string? Region, string? ParentCode);
    public sealed record AgencyView(string Code, LocalizedText Name, AgencyType Type, string? Region, string? ParentCode);

    public static void MapAgencyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agencies").WithTags("Directory");

        group.MapGet("/", async (string? type, ServerDbContext db, CancellationToken ct) =>
        {
            var wanted = QueryValues.Enum<AgencyType>(type, "type");
            var agencies = await db.Agencies.AsNoTracking().Where(a => wanted == null || a.Type == wanted).OrderBy(a => a.Code).ToListAsync(ct);
            return agencies.Select(View);
        });

        group.MapGet("/{code}", async (string code, ServerDbContext db, CancellationToken ct) =>
            View(await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Code == code, ct)
                ?? throw new EngineException(EngineErrorCode.NotFound, $"There is no agency {code}.")));

        group.MapPost("/", async (HttpRequest request, DirectoryAdministration directory, CancellationToken ct) =>
        {
            var agency = await directory.CreateAgencyAsync(await ReadAsync(request, null, ct), ct);
            return Results.Created($"/api/agencies/{agency.Code}", View(agency));
        }).RequireAuthorization(Policies.Administrator);

        group.MapPut("/{code}", async (string code, HttpRequest request, DirectoryAdministration directory, CancellationToken ct) =>
            View(await directory.UpdateAgencyAsync(code, await ReadAsync(request, code, ct), ct)))
            .RequireAuthorization(Policies.Administrator);
    }

    public static AgencyView View(Agency a) => new(a.Code, new LocalizedText(a.NameZh, a.NameEn), a.Type, a.Region, a.ParentCode);

    /// <summary>Reads the body; on PUT the code may be left out of it (the address gives it).</summary>
    private static async Task<DirectoryAdministration.AgencyData> ReadAsync(HttpRequest request, string? addressCode, CancellationToken ct)
    {
        var body = await RequestBody.ReadAsync<AgencyRequest>(request, ct);
        var code = body.Code ?? addressCode;
        RequestBody.Require(
            ("code", !string.IsNullOrWhiteSpace(code)),
            ("name.zh", !string.IsNullOrWhiteSpace(body.Name?.Zh)),
            ("type", !string.IsNullOrWhiteSpace(body.Type)));
        var type = QueryValues.Enum<AgencyType>(body.Type, "type")!.Value;
        return new(code!.Trim(), body.Name!.Zh!, body.Name.En, type, body.Region, body.ParentCode);
    }
}
