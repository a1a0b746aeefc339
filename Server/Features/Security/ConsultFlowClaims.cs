using System.Security.Claims;
using ConsultFlow.Server.Features.AgencyDirectory;

namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// The claims every principal carries, person or API client alike: id (NameIdentifier), name, agency, roles
/// (ClaimTypes.Role) and whether it is an API client. <see cref="CurrentUser"/> reads them back.
/// </summary>
public static class ConsultFlowClaims
{
    public const string Agency = "consultflow:agency";
    public const string DisplayName = "consultflow:display_name";
    public const string ApiClient = "consultflow:api_client";
    public const string MustChangePassword = "consultflow:must_change_password";
    public const string SecurityStamp = "consultflow:security_stamp";

    public static ClaimsPrincipal ForUser(AppUser user, IEnumerable<string> roles, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName ?? ""),
            new(DisplayName, user.DisplayName),
            new(Agency, user.AgencyCode),
            // Compared on every request, so that a password change or reset ends the other sessions.
            new(SecurityStamp, user.SecurityStamp ?? ""),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (user.MustChangePassword) claims.Add(new Claim(MustChangePassword, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static ClaimsPrincipal ForApiClient(ApiClient client, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, client.Id.ToString()),
            new(ClaimTypes.Name, client.Name),
            new(DisplayName, client.Name),
            new(Agency, client.AgencyCode),
            new(ApiClient, "true"),
        };
        claims.AddRange(ApiClientRoles.Parse(client.Roles).Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
