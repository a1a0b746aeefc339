using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Errors;

namespace ConsultFlow.Server.Features.Security;

/// <summary>API clients of agencies' systems: administrators create (the key is shown once), list and revoke them.</summary>
public static class ApiClientEndpoints
{
    public sealed record CreateApiClientRequest(string? Agency, string? Name, List<string>? Roles);
    public sealed record ApiClientCreated(Guid Id, string Agency, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, string Key);

    public static void MapApiClientEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/api-clients").WithTags("Directory").RequireAuthorization(Policies.Administrator);

        group.MapGet("/", (DirectoryAdministration directory, CancellationToken ct) => directory.ListApiClientsAsync(ct));

        group.MapPost("/", async (HttpRequest request, DirectoryAdministration directory, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadAsync<CreateApiClientRequest>(request, ct);
            RequestBody.Require(("agency", !string.IsNullOrWhiteSpace(body.Agency)), ("name", !string.IsNullOrWhiteSpace(body.Name)), ("roles", body.Roles is not null));
            var (client, key) = await directory.CreateApiClientAsync(body.Agency!.Trim(), body.Name!, body.Roles!, ct);
            return Results.Created($"/api/api-clients/{client.Id}",
                new ApiClientCreated(client.Id, client.Agency, client.Name, client.Roles, client.CreatedAt, key));
        });

        group.MapPost("/{id:guid}/revoke", (Guid id, DirectoryAdministration directory, CancellationToken ct) => directory.RevokeApiClientAsync(id, ct));
    }
}
