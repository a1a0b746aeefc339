using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Audit;
using ConsultFlow.Server.Features.Cases;
using ConsultFlow.Server.Features.Security;

namespace ConsultFlow.Server.Features.Evidence;

/// <summary>
/// Verification of the record (the whole of it for its readers, one case for the case's parties and the office) and a
/// case's evidence package. A broken chain is a finding, not a failed request: 200 with ok = false and the first bad row.
/// </summary>
public static class EvidenceEndpoints
{
    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(AuditAuthorization.ReadersPolicy);

        // Seals, command record, then cases in pages: follow nextSkip until it is absent.
        audit.MapGet("/verify", async (int? skip, EvidenceVerifier verifier, CancellationToken ct) =>
            await verifier.VerifyAsync(Math.Max(0, skip ?? 0), ct));

        // Seals now what the minute's job would seal next (e.g. before taking a copy of the anchor file).
        audit.MapPost("/seal", async (EvidenceSealer sealer, CancellationToken ct) => new { seals = await sealer.SealPendingAsync(ct) });

        var cases = app.MapGroup("/api/cases/{id:guid}").WithTags("Evidence");

        cases.MapGet("/verify", async (Guid id, HttpContext http, CaseAccess access, EvidenceVerifier verifier, CancellationToken ct) =>
        {
            await access.VisibleInstanceAsync(CurrentUser.Of(http.User), id, ct);
            return await verifier.VerifyCaseAsync(id, ct);
        });

        // Only the case's parties and the office (whoever may see the case); the download is recorded in its journal.
        cases.MapGet("/evidence", async (Guid id, HttpContext http, CaseAccess access, EvidencePackages packages, ServerDbContext directory, CancellationToken ct) =>
        {
            var user = CurrentUser.Of(http.User);
            await access.VisibleInstanceAsync(user, id, ct);
            var package = await packages.BuildAsync(id, user, directory, ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(package.Content, "application/zip", package.FileName);
        });
        return app;
    }
}
