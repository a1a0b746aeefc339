using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Security;

namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>POST /api/admin/demo: the demo district, for administrators trying the product without a shell.</summary>
public static class DemoEndpoints
{
    public sealed record DemoRequest(string? Password);

    public static void MapDemoEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/admin/demo", async (HttpRequest request, DemoDataLoader loader, CancellationToken ct) =>
        {
            // The body is optional: without one every new demo user gets a random password, returned once here.
            var body = request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0
                ? await RequestBody.ReadAsync<DemoRequest>(request, ct)
                : new DemoRequest(null);
            return await loader.LoadAsync(body.Password, ct);
        }).WithTags("Directory").RequireAuthorization(Policies.Administrator);
}
