using System.Security.Claims;
using ConsultFlow.Engine.State;
using ConsultFlow.Server.Features.AgencyDirectory;

namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// Who is calling, read from the principal's claims: the endpoints use it to filter their queries by agency and role
/// and to tell the engine's journal who acted. Injected into endpoint handlers (registered per request), or made from a
/// principal with <see cref="Of"/>.
/// </summary>
public sealed class CurrentUser(ClaimsPrincipal principal)
{
    public static CurrentUser Of(ClaimsPrincipal principal) => new(principal);

    public ClaimsPrincipal Principal { get; } = principal;

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    /// <summary>The user's id (a Guid), or the API client's.</summary>
    public string Id => Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";

    public string UserName => Principal.FindFirstValue(ClaimTypes.Name) ?? "anonymous";

    public string DisplayName => Principal.FindFirstValue(ConsultFlowClaims.DisplayName) ?? UserName;

    /// <summary>The agency code ("scjg"); empty for an anonymous caller.</summary>
    public string Agency => Principal.FindFirstValue(ConsultFlowClaims.Agency) ?? "";

    public IReadOnlyList<string> Roles => Principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public bool IsApiClient => Principal.HasClaim(ConsultFlowClaims.ApiClient, "true");

    public bool MustChangePassword => Principal.HasClaim(ConsultFlowClaims.MustChangePassword, "true");

    public bool IsAdministrator => HasRole(DirectoryRoles.Administrator);

    public bool IsCoordinator => HasRole(DirectoryRoles.Coordinator);

    public bool HasRole(string role) => Principal.IsInRole(role);

    /// <summary>The role the journal records when the action does not name one: the first held, in <see cref="DirectoryRoles.All"/>'s order.</summary>
    public string? PrimaryRole => DirectoryRoles.All.FirstOrDefault(HasRole) ?? Roles.FirstOrDefault();

    /// <summary>For the engine's journal: user (API clients as "api-client:ID"), agency and primary role.</summary>
    public Actor Actor => ActingAs(null);

    /// <summary>As <see cref="Actor"/>, recording <paramref name="role"/> when the caller holds it (e.g. the task's assignee role).</summary>
    public Actor ActingAs(string? role) => new(
        IsApiClient ? $"api-client:{Id}" : Id,
        string.IsNullOrEmpty(Agency) ? null : Agency,
        role is not null && HasRole(role) ? role : PrimaryRole);
}
