namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// An agency's system that calls the API with a key. Only the key's SHA-256 is kept: keys are long random strings, so
/// a fast hash suffices and lets a request be matched by one indexed lookup.
/// </summary>
public sealed class ApiClient
{
    public Guid Id { get; set; }
    public required string AgencyCode { get; set; }
    public required string Name { get; set; }

    /// <summary>Comma-separated roles, as in <see cref="AgencyDirectory.DirectoryRoles"/>.</summary>
    public string Roles { get; set; } = "";

    public required string KeyHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
