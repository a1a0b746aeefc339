namespace ConsultFlow.Engine.Definitions;

/// <summary>
/// Who may start a definition from outside (a person or an agency's system): someone of an agency of one of
/// <see cref="AgencyTypes"/> holding one of <see cref="Roles"/> (any role when empty). Instances started by another
/// workflow (a task table from approved minutes) are not starts from outside and need no rule.
/// </summary>
public sealed record StarterRule
{
    /// <summary>The directory's agency types ("enforcementUnit", "publicSecurity" …).</summary>
    public IReadOnlyList<string> AgencyTypes { get; init; } = [];
    public IReadOnlyList<string> Roles { get; init; } = [];
}
