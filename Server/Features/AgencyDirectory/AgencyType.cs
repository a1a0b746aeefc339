namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>What kind of body an agency is; decides which roles it may hold (see <see cref="DirectoryRoles"/>).</summary>
public enum AgencyType
{
    /// <summary>行政执法单位: 市场监管, 自然资源, 综合执法, a township's 综合执法办 ...</summary>
    EnforcementUnit,
    /// <summary>会商工作办公室 (seated in the district 司法局): coordinators, and the directory's administrators.</summary>
    CoordinationOffice,
    /// <summary>区政府 / 市政府: decides escalated disagreements and jurisdiction disputes.</summary>
    Government,
    /// <summary>公安机关: receives criminal referrals.</summary>
    PublicSecurity,
    /// <summary>人民检察院: receives copies of referrals, supervises.</summary>
    Procuratorate,
    /// <summary>监察机关: receives misconduct leads.</summary>
    SupervisionCommission,
    /// <summary>The operators of the installation itself (the first administrator's home); party to no case.</summary>
    System,
}
