using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Security;

namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>Users, their roles, locks and passwords: administrators only.</summary>
public static class UserEndpoints
{
    public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Agency, List<string>? Roles, string? Password, bool? MustChangePassword);
    public sealed record UpdateUserRequest(string? DisplayName, string? Agency, List<string>? Roles, bool? Locked);
    public sealed record PasswordResetRequest(string? Password, bool? MustChangePassword);

    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Directory").RequireAuthorization(Policies.Administrator);

        group.MapGet("/", (string? agency, DirectoryAdministration directory, CancellationToken ct) => directory.ListUsersAsync(agency, ct));

        group.MapGet("/{id:guid}", (Guid id, DirectoryAdministration directory, CancellationToken ct) => directory.GetUserAsync(id, ct));

        group.MapPost("/", async (HttpRequest request, DirectoryAdministration directory, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadAsync<CreateUserRequest>(request, ct);
            RequestBody.Require(
                ("userName", !string.IsNullOrWhiteSpace(body.UserName)),
                ("displayName", !string.IsNullOrWhiteSpace(body.DisplayName)),
                ("agency", !string.IsNullOrWhiteSpace(body.Agency)),
                ("roles", body.Roles is not null),
                ("password", !string.IsNullOrEmpty(body.Password)));
            // A password an administrator chose is known to two people: by default the user replaces it at first sign-in.
            var user = await directory.CreateUserAsync(new(body.UserName!, body.DisplayName!, body.Agency!.Trim(), body.Roles!, body.Password!,
                body.MustChangePassword ?? true), ct);
            return Results.Created($"/api/users/{user.Id}", user);
        });

        group.MapPut("/{id:guid}", async (Guid id, HttpRequest request, DirectoryAdministration directory, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadAsync<UpdateUserRequest>(request, ct);
            return await directory.UpdateUserAsync(id, new(body.DisplayName, body.Agency?.Trim(), body.Roles, body.Locked), ct);
        });

        group.MapPost("/{id:guid}/password", async (Guid id, HttpRequest request, DirectoryAdministration directory, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadAsync<PasswordResetRequest>(request, ct);
            RequestBody.Require(("password", !string.IsNullOrEmpty(body.Password)));
            await directory.ResetPasswordAsync(id, body.Password!, body.MustChangePassword ?? true, ct);
            return Results.NoContent();
        });
    }
}
