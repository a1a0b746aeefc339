namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>
/// The demo data set: 大武口区 (Dawukou district, Shizuishan, Ningxia) with its coordination office in the 司法局, the
/// district government, the enforcement units, a township, the police branch, the procuratorate and the supervision
/// commission, and for each the roles it actually has in the processes.
/// </summary>
public static class DemoDistrict
{
    public const string Region = "CN-NX-dawukou";

    public sealed record DemoAgency(string Code, string ShortName, string NameZh, string NameEn, AgencyType Type, string? Parent, IReadOnlyList<string> Roles);

    private static readonly string[] Enforcement = [DirectoryRoles.Staff, DirectoryRoles.Contact, DirectoryRoles.Leader, DirectoryRoles.Legal];

    /// <summary>Parents before children, so they can be created in this order.</summary>
    public static IReadOnlyList<DemoAgency> Agencies { get; } =
    [
        new("gov", "区政府", "大武口区人民政府", "Dawukou District People's Government", AgencyType.Government, null, [DirectoryRoles.Leader, DirectoryRoles.Contact]),
        new("sfj", "司法局", "大武口区司法局（区会商工作办公室）", "Dawukou District Justice Bureau (Consultation Office)", AgencyType.CoordinationOffice, "gov",
            [DirectoryRoles.Coordinator, DirectoryRoles.Leader, DirectoryRoles.Legal, DirectoryRoles.Contact, DirectoryRoles.Staff, DirectoryRoles.Administrator]),
        new("scjg", "市场监管局", "大武口区市场监督管理局", "Dawukou District Market Regulation Bureau", AgencyType.EnforcementUnit, "gov", Enforcement),
        new("zrzy", "自然资源局", "大武口区自然资源局", "Dawukou District Natural Resources Bureau", AgencyType.EnforcementUnit, "gov", Enforcement),
        new("zhzf", "综合执法局", "大武口区综合执法局", "Dawukou District Comprehensive Law Enforcement Bureau", AgencyType.EnforcementUnit, "gov", Enforcement),
        new("yjgl", "应急管理局", "大武口区应急管理局", "Dawukou District Emergency Management Bureau", AgencyType.EnforcementUnit, "gov", Enforcement),
        new("zjj", "住建交通局", "大武口区住房城乡建设和交通局", "Dawukou District Housing, Construction and Transport Bureau", AgencyType.EnforcementUnit, "gov", Enforcement),
        new("sthj", "生态环境分局", "石嘴山市生态环境局大武口分局", "Shizuishan Ecology and Environment Bureau, Dawukou Branch", AgencyType.EnforcementUnit, "gov", Enforcement),
        new("nyj", "农业农村局", "大武口区农业农村局", "Dawukou District Agriculture and Rural Affairs Bureau", AgencyType.EnforcementUnit, "gov", Enforcement),
        new("wlj", "文旅局", "大武口区文化旅游体育局", "Dawukou District Culture, Tourism and Sports Bureau", AgencyType.EnforcementUnit, "gov", Enforcement),
        new("wjj", "卫健局", "大武口区卫生健康局", "Dawukou District Health Bureau", AgencyType.EnforcementUnit, "gov", Enforcement),
        new("rsj", "人社局", "大武口区人力资源和社会保障局", "Dawukou District Human Resources and Social Security Bureau", AgencyType.EnforcementUnit, "gov", Enforcement),
        new("xhz", "星海镇", "大武口区星海镇人民政府（综合执法办）", "Xinghai Town Government (Comprehensive Enforcement Office)", AgencyType.EnforcementUnit, "gov", Enforcement),
        new("gaj", "公安分局", "石嘴山市公安局大武口区分局", "Shizuishan Public Security Bureau, Dawukou Branch", AgencyType.PublicSecurity, null, Enforcement),
        new("jcy", "检察院", "大武口区人民检察院", "Dawukou District People's Procuratorate", AgencyType.Procuratorate, null,
            [DirectoryRoles.Staff, DirectoryRoles.Contact, DirectoryRoles.Leader]),
        new("jwjc", "监委", "大武口区纪委监委", "Dawukou District Commission for Discipline Inspection and Supervision", AgencyType.SupervisionCommission, null,
            [DirectoryRoles.Staff, DirectoryRoles.Contact, DirectoryRoles.Leader]),
    ];

    /// <summary>Demo users are named AGENCY-ROLE, e.g. "scjg-staff" or "sfj-coordinator".</summary>
    public static string UserName(string agency, string role) => $"{agency}-{role}";
}
