namespace ConsultFlow.Engine.Profiles;

/// <summary>
/// Directory codes of the agencies every process of a deployment involves; workflows address them as
/// <c>profile.agencies.coordinationOffice</c> and so on, so the same definition serves any district.
/// </summary>
public sealed record StandingAgencies
{
    /// <summary>会商工作办公室 (seated in the district 司法局).</summary>
    public string CoordinationOffice { get; init; } = "sfj";
    /// <summary>区/市人民政府.</summary>
    public string Government { get; init; } = "gov";
    /// <summary>同级公安机关.</summary>
    public string PublicSecurity { get; init; } = "gaj";
    /// <summary>同级人民检察院.</summary>
    public string Procuratorate { get; init; } = "jcy";
    /// <summary>监察机关.</summary>
    public string SupervisionCommission { get; init; } = "jwjc";
    /// <summary>行政执法监督机构 (where overdue assistance requests escalate).</summary>
    public string EnforcementSupervision { get; init; } = "sfj";
}
