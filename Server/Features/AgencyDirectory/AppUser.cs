using Microsoft.AspNetCore.Identity;

namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>A person who signs in; belongs to exactly one agency and holds roles there (table user_roles).</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public string AgencyCode { get; set; } = "";

    /// <summary>Set for generated and admin-reset passwords: until changed, only the auth endpoints answer.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
