namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>One role a user holds inside its agency (no Identity role tables: roles are a fixed list, not data).</summary>
public sealed class UserRole
{
    public Guid UserId { get; set; }
    public required string Role { get; set; }
}
