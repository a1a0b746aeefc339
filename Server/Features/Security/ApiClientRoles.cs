namespace ConsultFlow.Server.Features.Security;

/// <summary>An API client's roles are kept as one comma-separated column: they are read far more often than changed.</summary>
public static class ApiClientRoles
{
    public static IReadOnlyList<string> Parse(string roles) =>
        roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Format(IEnumerable<string> roles) => string.Join(",", roles);
}
